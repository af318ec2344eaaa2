package io.dbferry.core.transfer;

import io.dbferry.core.dump.DumpColumn;
import io.dbferry.core.dump.DumpHeader;
import io.dbferry.core.dump.DumpWriter;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.PortableType;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.core.transfer.imports.Importer;
import io.dbferry.testing.ServerInfo;
import io.dbferry.testing.TestServers;
import io.dbferry.testing.TestTargets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast paths (PostgreSQL COPY, MySQL/MariaDB LOAD DATA LOCAL INFILE) against real servers: every
 * edge value stored exactly as the row-by-row path stores it and as the file holds it, and a failure
 * still named by table, row and column with the table rolled back.
 */
class BulkLoadTest {

    private static final DumpHeader HEADER = new DumpHeader(1, "0.1.0", Instant.parse("2024-05-01T10:15:30Z"),
            "SQLite", "3.45", "edge.sqlite3", null);

    @TempDir
    Path dir;

    private final List<Session> sessions = new ArrayList<>();

    @AfterEach
    void close() {
        sessions.forEach(Session::close);
    }

    private static ServerInfo server(String engine) {
        return engine.equals("mariadb") ? TestServers.mariadb() : TestServers.postgres();
    }

    private static String ddl(ServerInfo server) {
        if (server.isMySql()) {
            return "create table edge (id bigint primary key, t longtext, v varchar(20), b longblob, d decimal(40,10),"
                    + " f double, ts datetime(6), tz datetime(6), bo boolean, j longtext, u char(36), dt date, tm time(6))"
                    + " character set utf8mb4";
        }
        return "create table edge (id bigint primary key, t text, v varchar(20), b bytea, d numeric(40,10),"
                + " f double precision, ts timestamp(6), tz timestamptz, bo boolean, j jsonb, u uuid, dt date, tm time(6))";
    }

    private static final List<DumpColumn> COLUMNS = List.of(
            new DumpColumn("id", PortableType.INTEGER, "INTEGER", false, true),
            new DumpColumn("t", PortableType.TEXT, "TEXT", true, false),
            new DumpColumn("v", PortableType.TEXT, "VARCHAR(20)", true, false),
            new DumpColumn("b", PortableType.BINARY, "BLOB", true, false),
            new DumpColumn("d", PortableType.DECIMAL, "DECIMAL(40,10)", true, false),
            new DumpColumn("f", PortableType.DOUBLE, "REAL", true, false),
            new DumpColumn("ts", PortableType.TIMESTAMP, "DATETIME", true, false),
            new DumpColumn("tz", PortableType.TIMESTAMP_TZ, "TIMESTAMPTZ", true, false),
            new DumpColumn("bo", PortableType.BOOLEAN, "BOOLEAN", true, false),
            new DumpColumn("j", PortableType.JSON, "JSON", true, false),
            new DumpColumn("u", PortableType.UUID, "UUID", true, false),
            new DumpColumn("dt", PortableType.DATE, "DATE", true, false),
            new DumpColumn("tm", PortableType.TIME, "TIME", true, false));

    static List<Object[]> edgeRows(boolean mysql) {
        byte[] allBytes = new byte[256];
        for (int i = 0; i < 256; i++) {
            allBytes[i] = (byte) i;
        }
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[]{1L, null, null, null, null, null, null, null, null, null, null, null, null});
        rows.add(new Object[]{2L, "", "", new byte[0], new BigDecimal("0.0000000000"), 0.0, LocalDateTime.of(1970, 1, 1, 0, 0),
                OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), false, "[]", new UUID(0, 0), LocalDate.of(1, 1, 1),
                LocalTime.MIDNIGHT});
        rows.add(new Object[]{3L, "back\\slash \t tab \n newline \r cr \r\n crlf \\N \\t \\\\x00 end\\", "😀𝄞 four-byte ✓", allBytes,
                new BigDecimal("123456789012345678901234567890.1234567890"), 0.1, LocalDateTime.of(2024, 6, 30, 23, 59, 59, 123_456_000),
                OffsetDateTime.of(2024, 3, 10, 2, 30, 0, 654_321_000, ZoneOffset.ofHoursMinutes(5, 30)), true,
                "{\"a\": [1, 2.5, \"x\\ty\\\\z\"], \"é\": \"😀\"}", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                LocalDate.of(2024, 2, 29), LocalTime.of(23, 59, 59, 999_999_000)});
        rows.add(new Object[]{4L, "\\N", "N", new byte[]{'\\', '\t', '\n', '\r', 0, 'N'}, new BigDecimal("-0.0000000001"), -1.5e300,
                LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000), OffsetDateTime.of(1999, 12, 31, 23, 59, 59, 1_000,
                ZoneOffset.ofHours(-8)), true, "\"just a string\"", new UUID(-1, -1), LocalDate.of(9999, 12, 31),
                LocalTime.of(12, 0, 0, 1_000)});
        rows.add(new Object[]{5L, mysql ? "nul\u0000inside" : "tab at end\t", " lead and trail ", "x".repeat(100).getBytes(StandardCharsets.US_ASCII),
                new BigDecimal("-999999999999999999999999999999.9999999999"), Double.MIN_VALUE, null, null, false, "null",
                null, null, null});
        for (long id = 6; id <= 2500; id++) {
            rows.add(new Object[]{id, "row " + id + "\twith tab", "v" + id, new byte[]{(byte) id}, BigDecimal.valueOf(id, 2),
                    id / 7.0, LocalDateTime.of(2020, 1, 1, 0, 0).plusSeconds(id), null, id % 2 == 0, "{\"n\": " + id + "}",
                    new UUID(id, id), null, null});
        }
        return rows;
    }

    private Path writeDump(String name, List<Object[]> rows) throws Exception {
        Path file = dir.resolve(name);
        try (DumpWriter writer = DumpWriter.create(file, HEADER)) {
            writer.beginTable("edge", COLUMNS);
            for (Object[] row : rows) {
                writer.writeRow(row.clone());
            }
            writer.endTable();
        }
        return file;
    }

    private DatabaseConnection target(ServerInfo server, String database) throws Exception {
        Session session = new Session();
        sessions.add(session);
        DatabaseConnection target = TestTargets.fresh(session, Side.TARGET, server, database);
        try (Statement st = target.jdbc().createStatement()) {
            st.execute(ddl(server));
        }
        return target;
    }

    /** Every column of every row as the dialect reads it back, in key order. */
    private static List<List<Object>> readBack(DatabaseConnection c) throws Exception {
        List<Column> columns = c.catalog().table("edge").columns();
        List<List<Object>> rows = new ArrayList<>();
        try (Statement st = c.jdbc().createStatement(); ResultSet rs = st.executeQuery("select * from edge order by id")) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    Object v = c.dialect().read(rs, i + 1, columns.get(i));
                    row.add(v instanceof byte[] b ? new Bytes(b) : v instanceof BigDecimal d ? d.stripTrailingZeros() : v);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    record Bytes(byte[] b) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes other && Arrays.equals(b, other.b);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(b);
        }

        @Override
        public String toString() {
            return "bytes" + Arrays.toString(b);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "postgresql"})
    void everyEdgeValueLandsExactlyAsTheRowByRowPathStoresIt(String engine) throws Exception {
        ServerInfo server = server(engine);
        List<Object[]> rows = edgeRows(server.isMySql());
        Path file = writeDump("edge.json", rows);

        DatabaseConnection fast = target(server, "dbferry_bulk_fast");
        assertThat(fast.dialect().bulkLoader()).isNotNull();
        ImportResult loaded = new Importer(fast, ProgressListener.NONE).importFile(ImportOptions.all(file));
        assertThat(loaded.succeeded()).as(loaded.toString()).isTrue();
        assertThat(loaded.rowsImported()).isEqualTo(rows.size());

        DatabaseConnection slow = target(server, "dbferry_bulk_slow");
        Path copy = writeDump("edge-slow.json", rows);
        assertThat(new Importer(slow, ProgressListener.NONE).importFile(ImportOptions.all(copy).withBulk(false)).succeeded()).isTrue();

        List<List<Object>> viaFastPath = readBack(fast);
        List<List<Object>> viaRows = readBack(slow);
        assertThat(viaFastPath).hasSize(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            assertThat(viaFastPath.get(r)).as("row %d", r + 1).isEqualTo(viaRows.get(r));
        }
        // the values that are easiest to get wrong, against the file itself
        List<Object> nulls = viaFastPath.get(0);
        assertThat(nulls.subList(1, nulls.size())).containsOnlyNulls();
        assertThat(viaFastPath.get(1).get(1)).isEqualTo("");
        assertThat(viaFastPath.get(1).get(3)).isEqualTo(new Bytes(new byte[0]));
        assertThat(viaFastPath.get(2).get(1)).isEqualTo(rows.get(2)[1]);
        assertThat(viaFastPath.get(2).get(2)).isEqualTo("😀𝄞 four-byte ✓");
        assertThat(viaFastPath.get(2).get(3)).isEqualTo(new Bytes((byte[]) rows.get(2)[3]));
        assertThat(viaFastPath.get(2).get(4)).isEqualTo(new BigDecimal("123456789012345678901234567890.123456789"));
        assertThat(viaFastPath.get(2).get(6)).isEqualTo(LocalDateTime.of(2024, 6, 30, 23, 59, 59, 123_456_000));
        assertThat(viaFastPath.get(3).get(1)).isEqualTo("\\N");
        assertThat(viaFastPath.get(3).get(3)).isEqualTo(new Bytes(new byte[]{'\\', '\t', '\n', '\r', 0, 'N'}));
        assertThat(viaFastPath.get(3).get(5)).isEqualTo(-1.5e300);
        assertThat(viaFastPath.get(4).get(1)).isEqualTo(rows.get(4)[1]);
        assertThat(viaFastPath.get(4).get(5)).isEqualTo(Double.MIN_VALUE);

        VerifyResult verified = new Verifier(fast, ProgressListener.NONE).againstFile(file, List.of());
        assertThat(verified.allEqual()).as(verified.toString()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "postgresql"})
    void aRefusedValueIsStillNamedByRowAndColumnAndTheTableIsRolledBack(String engine) throws Exception {
        ServerInfo server = server(engine);
        List<Object[]> rows = edgeRows(server.isMySql());
        rows.get(1999)[2] = "twenty-one characters"; // row 2000: too long for varchar(20)
        Path file = writeDump("too-long.json", rows);
        DatabaseConnection target = target(server, "dbferry_bulk_fail");

        ImportResult result = new Importer(target, ProgressListener.NONE).importFile(ImportOptions.all(file).withSkipValidation(true));

        ImportJournal.Entry entry = result.tables().get(0);
        assertThat(entry.state()).isEqualTo(TableState.FAILED);
        assertThat(entry.row()).isEqualTo(2000L);
        assertThat(entry.column()).isEqualTo("v");
        assertThat(entry.reason()).contains("row 2000").contains("id=2000");
        try (Statement st = target.jdbc().createStatement(); ResultSet rs = st.executeQuery("select count(*) from edge")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "postgresql"})
    void aDuplicateKeyIsNotSkippedSilently(String engine) throws Exception {
        ServerInfo server = server(engine);
        List<Object[]> rows = edgeRows(server.isMySql());
        rows.get(1499)[0] = 1499L; // row 1500 repeats the key of row 1499
        Path file = writeDump("duplicate.json", rows);
        DatabaseConnection target = target(server, "dbferry_bulk_dup");

        ImportResult result = new Importer(target, ProgressListener.NONE).importFile(ImportOptions.all(file));

        ImportJournal.Entry entry = result.tables().get(0);
        assertThat(entry.state()).isEqualTo(TableState.FAILED);
        assertThat(entry.row()).isEqualTo(1500L);
        try (Statement st = target.jdbc().createStatement(); ResultSet rs = st.executeQuery("select count(*) from edge")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "postgresql"})
    void aDuplicateInAUniqueSecondaryIndexIsNotSkippedSilently(String engine) throws Exception {
        // MySQL's load turns unique_checks off only for tables without a unique secondary index: this one has one
        ServerInfo server = server(engine);
        List<Object[]> rows = edgeRows(server.isMySql());
        rows.get(1999)[2] = rows.get(1998)[2]; // row 2000 repeats v of row 1999
        Path file = writeDump("duplicate-unique.json", rows);
        DatabaseConnection target = target(server, "dbferry_bulk_dup_unique");
        try (Statement st = target.jdbc().createStatement()) {
            st.execute("create unique index edge_v on edge (v)");
        }

        ImportResult result = new Importer(target, ProgressListener.NONE).importFile(ImportOptions.all(file));

        ImportJournal.Entry entry = result.tables().get(0);
        assertThat(entry.state()).isEqualTo(TableState.FAILED);
        assertThat(entry.row()).isEqualTo(2000L);
        assertThat(entry.reason()).containsIgnoringCase("duplicate");
        try (Statement st = target.jdbc().createStatement(); ResultSet rs = st.executeQuery("select count(*) from edge")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
        if (server.isMySql()) {
            try (Statement st = target.jdbc().createStatement(); ResultSet rs = st.executeQuery("select @@session.unique_checks")) {
                rs.next();
                assertThat(rs.getInt(1)).as("unique_checks restored after the load").isEqualTo(1);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aNulInPostgresTextIsNamedWithoutReachingTheServer() throws Exception {
        ServerInfo server = TestServers.postgres();
        List<Object[]> rows = edgeRows(false);
        rows.get(41)[1] = "nul\u0000inside";
        Path file = writeDump("nul.json", rows);
        DatabaseConnection target = target(server, "dbferry_bulk_nul");

        ImportResult result = new Importer(target, ProgressListener.NONE).importFile(ImportOptions.all(file).withSkipValidation(true));

        ImportJournal.Entry entry = result.tables().get(0);
        assertThat(entry.state()).isEqualTo(TableState.FAILED);
        assertThat(entry.row()).isEqualTo(42L);
        assertThat(entry.column()).isEqualTo("t");
        assertThat(ImportOptions.all(file).bulk()).as("the fast path is on unless turned off").isTrue();
    }
}
