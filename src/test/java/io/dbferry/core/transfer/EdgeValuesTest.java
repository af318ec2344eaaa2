package io.dbferry.core.transfer;

import io.dbferry.core.encoding.EncodingCheckFailed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static io.dbferry.testing.TestDatabases.*;
import static io.dbferry.core.transfer.TransferSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A table of every kind of value, from PostgreSQL through MariaDB and SQLite back to PostgreSQL, compared
 * with the original after every hop (Verifier, value by value in canonical form) and read back with
 * plain JDBC where the value is the tricky part; and the values an engine cannot hold, reported.
 */
class EdgeValuesTest {

    private static final String LONG_TEXT = "ab😀\r\n".repeat(50_000); // 300,000 chars, 4-byte ones included
    private static final byte[] ALL_BYTES = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            ALL_BYTES[i] = (byte) i;
        }
    }

    @TempDir
    Path dir;

    private static final String EDGE_DDL = """
            create table edge (
              id bigint primary key,
              big bigint,
              dec numeric(20,6),
              dbl double precision,
              txt text,
              bin bytea,
              flag boolean,
              d date,
              t time,
              ts timestamp,
              tstz timestamptz,
              j json,
              u uuid
            )""";

    private void fillEdge(String pg) throws Exception {
        execute(pg, EDGE_DDL);
        try (Connection c = jdbc(pg); PreparedStatement ps = c.prepareStatement(
                "insert into edge values (?, ?, ?::numeric, ?, ?, ?, ?, ?::date, ?::time, ?::timestamp, ?::timestamptz, ?::json, ?::uuid)")) {
            Object[][] rows = {
                    {1L, 9_007_199_254_740_993L, "1234567890.12345", -1.5e-10, "Łódź 😀 𝄞 \"quoted\" \\ back", ALL_BYTES, true,
                            "2024-02-29", "23:59:59.999999", "2024-06-30 23:59:59.123456", "2024-05-01 12:00:00.5+02:00",
                            "{\"b\": 1, \"a\": [1, 2.5, \"x\"]}", "123e4567-e89b-12d3-a456-426614174000"},
                    {2L, Long.MIN_VALUE, "-0.000001", Double.MAX_VALUE, "line1\r\nline2\nline3\r", new byte[0], false,
                            "0001-01-01", "00:00:00", "1970-01-01 00:00:00", "1999-12-31 23:59:59-08:00", "[]",
                            "00000000-0000-0000-0000-000000000000"},
                    {3L, Long.MAX_VALUE, "-99999999.999999", 0.1, LONG_TEXT, new byte[] {0, 0, 0}, null,
                            "9999-12-31", "12:34:56.5", "2038-01-19 03:14:08", "2100-01-01 00:00:00+00:00", "{}",
                            "ffffffff-ffff-ffff-ffff-ffffffffffff"},
                    {4L, null, null, null, null, null, null, null, null, null, null, null, null},
                    {5L, -9_007_199_254_740_993L, "0", 4.9e-300, "", ALL_BYTES, true, "1900-01-01", "12:00:00",
                            "1900-01-01 00:00:00", "1970-01-01 00:00:00+14:00", "\"text\"", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"},
            };
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    ps.setObject(i + 1, row[i]);
                }
                ps.executeUpdate();
            }
        }
    }

    @Test
    void everyKindOfValueSurvivesPostgresMariaDbSqliteAndBack() throws Exception {
        String pg = freshPostgres("xfer_edge_src");
        fillEdge(pg);
        List<String> chain = List.of(pg, freshMaria("xfer_edge"), sqliteUrl(dir.resolve("edge.sqlite")),
                freshPostgres("xfer_edge_back"));
        for (int hop = 1; hop < chain.size(); hop++) {
            String from = chain.get(hop - 1);
            String to = chain.get(hop);
            copySchema(from, to, List.of("edge"), Map.of());
            Path file = dir.resolve("edge" + hop + ".json.gz");
            export(from, ExportOptions.all(file));
            assertAllDone(importAll(to, file));
            assertAllEqual(to, verifyAgainstSource(from, to, List.of()), 1);
            assertAllEqual(to, verifyAgainstSource(pg, to, List.of()), 1);
            assertAllEqual(to, verifyAgainstFile(to, file, List.of()), 1);
        }
        for (String url : chain) {
            try (Connection c = jdbc(url); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select big, dbl, txt, bin, " + q(url, "dec") + ", j, u from edge order by id")) {
                rs.next();
                assertThat(rs.getLong(1)).as(url).isEqualTo(9_007_199_254_740_993L);
                assertThat(rs.getDouble(2)).as(url).isEqualTo(-1.5e-10);
                assertThat(rs.getString(3)).as(url).isEqualTo("Łódź 😀 𝄞 \"quoted\" \\ back");
                assertThat(rs.getBytes(4)).as(url).isEqualTo(ALL_BYTES);
                assertThat(new BigDecimal(rs.getString(5))).as(url).isEqualByComparingTo("1234567890.12345");
                // as JSON: the hop back to PostgreSQL is jsonb now that MariaDB's JSON is read as JSON, and jsonb orders keys
                com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
                assertThat(json.readTree(rs.getString(6))).as(url).isEqualTo(json.readTree("{\"b\": 1, \"a\": [1, 2.5, \"x\"]}"));
                assertThat(rs.getString(7)).as(url).isEqualToIgnoringCase("123e4567-e89b-12d3-a456-426614174000");
                rs.next();
                assertThat(rs.getLong(1)).as(url).isEqualTo(Long.MIN_VALUE);
                assertThat(rs.getDouble(2)).as(url).isEqualTo(Double.MAX_VALUE);
                assertThat(rs.getString(3)).as(url).isEqualTo("line1\r\nline2\nline3\r");
                assertThat(rs.getBytes(4)).as(url).isEmpty();
                rs.next();
                assertThat(rs.getLong(1)).as(url).isEqualTo(Long.MAX_VALUE);
                assertThat(rs.getString(3)).as(url).hasSize(300_000).isEqualTo(LONG_TEXT);
                assertThat(rs.getBytes(4)).as(url).containsExactly(0, 0, 0);
                rs.next();
                assertThat(rs.getObject(1)).as(url).isNull();
                assertThat(rs.getObject(3)).as(url).isNull();
            }
        }
    }

    @Test
    void timesKeepTheirFractionOfSecondsOnMariaDb() throws Exception {
        // the edge chain checks this too; here the plain value, read with the mysql protocol
        String pg = freshPostgres("xfer_edge_frac");
        fillEdge(pg);
        String maria = freshMaria("xfer_edge_frac");
        copySchema(pg, maria, List.of(), Map.of());
        Path file = dir.resolve("frac.json");
        export(pg, ExportOptions.all(file));
        assertAllDone(importAll(maria, file));
        assertThat(value(maria, "select cast(ts as char) from edge where id = 1")).isEqualTo("2024-06-30 23:59:59.123456");
        assertThat(value(maria, "select cast(t as char) from edge where id = 1")).isEqualTo("23:59:59.999999");
        assertThat(value(maria, "select cast(tstz as char) from edge where id = 1")).isEqualTo("2024-05-01 10:00:00.500000");
    }

    /** A small SQLite source with one table {@code name(id INTEGER PRIMARY KEY, v TYPE)} holding {@code values}. */
    private String sqliteSource(String name, String type, Object... values) throws Exception {
        String url = sqliteUrl(dir.resolve(name + "-source.sqlite"));
        try (Connection c = jdbc(url)) {
            c.createStatement().execute("create table " + name + " (id INTEGER PRIMARY KEY, v " + type + ")");
            try (PreparedStatement ps = c.prepareStatement("insert into " + name + " values (?, ?)")) {
                for (int i = 0; i < values.length; i++) {
                    ps.setInt(1, i + 1);
                    ps.setObject(2, values[i]);
                    ps.executeUpdate();
                }
            }
        }
        return url;
    }

    private static ImportJournal.Entry only(ImportResult result) {
        assertThat(result.tables()).hasSize(1);
        return result.tables().get(0);
    }

    @Test
    void nulTravelsToMariaDbAndSqliteAndIsRefusedByPostgresNamingRowAndColumn() throws Exception {
        String source = sqliteSource("nul_text", "TEXT", "plain", "a\0b", "tail");
        Path file = dir.resolve("nul.json");
        export(source, ExportOptions.all(file));

        String maria = freshMaria("xfer_edge_nul");
        copySchema(source, maria, List.of(), Map.of());
        assertAllDone(importAll(maria, file));
        assertThat(value(maria, "select v from nul_text where id = 2")).isEqualTo("a\0b");
        assertAllEqual(verifyAgainstSource(source, maria, List.of()), 1);

        String sqlite = sqliteUrl(dir.resolve("nul-back.sqlite"));
        copySchema(source, sqlite, List.of(), Map.of());
        assertAllDone(importAll(sqlite, file));
        assertThat(value(sqlite, "select v from nul_text where id = 2")).isEqualTo("a\0b");

        String pg = freshPostgres("xfer_edge_nul");
        copySchema(source, pg, List.of(), Map.of());
        assertThatThrownBy(() -> importAll(pg, file)).as("the encoding gate refuses before writing")
                .isInstanceOf(EncodingCheckFailed.class).hasMessageContaining("nul_text.v").hasMessageContaining("(id=2)")
                .hasMessageContaining("NUL");
        assertThat(count(pg, "nul_text")).isZero();
        // without the gate, the load itself refuses the row and rolls the table back
        ImportResult result = importFile(pg, ImportOptions.all(file).withSkipValidation(true));
        ImportJournal.Entry e = only(result);
        assertThat(result.succeeded()).isFalse();
        assertThat(e.state()).isEqualTo(TableState.FAILED);
        assertThat(e.row()).isEqualTo(2L);
        assertThat(e.column()).isEqualTo("v");
        assertThat(e.reason()).contains("row 2", "column v", "NUL");
        assertThat(count(pg, "nul_text")).as("the table is rolled back whole").isZero();
    }

    @Test
    void seventyThousandCharactersFailInMySqlTextAndFitLongtext() throws Exception {
        String big = "x".repeat(70_000);
        String source = sqliteSource("long_text", "TEXT", "short", big);
        Path file = dir.resolve("long.json");
        export(source, ExportOptions.all(file));

        String maria = freshMaria("xfer_edge_long");
        execute(maria, "create table long_text (id bigint primary key, v TEXT)");
        assertThatThrownBy(() -> importAll(maria, file)).as("the encoding gate refuses before writing")
                .isInstanceOf(EncodingCheckFailed.class).hasMessageContaining("long_text.v").hasMessageContaining("(id=2)")
                .hasMessageContaining("MEDIUMTEXT");
        assertThat(count(maria, "long_text")).isZero();
        // without the gate, the load itself refuses the row: nothing truncated
        ImportResult result = importFile(maria, ImportOptions.all(file).withSkipValidation(true));
        ImportJournal.Entry e = only(result);
        assertThat(e.state()).isEqualTo(TableState.FAILED);
        assertThat(e.row()).isEqualTo(2L);
        assertThat(e.column()).isEqualTo("v");
        assertThat(e.reason()).contains("row 2", "column v").containsIgnoringCase("too long");
        assertThat(count(maria, "long_text")).as("nothing truncated, nothing kept").isZero();

        execute(maria, "alter table long_text modify v LONGTEXT");
        assertAllDone(importFile(maria, retry(file)));
        assertThat(value(maria, "select v from long_text where id = 2")).isEqualTo(big);
        assertAllEqual(verifyAgainstFile(maria, file, List.of()), 1);
    }

    @Test
    void negativeZeroIsHeldByPostgresAndReportedForSqliteAndMariaDb() throws Exception {
        String pg = freshPostgres("xfer_edge_zero");
        execute(pg, "create table zero (id bigint primary key, v double precision)",
                "insert into zero values (1, 1.0), (2, '-0'::float8), (3, 0)");
        Path file = dir.resolve("zero.json");
        export(pg, ExportOptions.all(file));
        assertThat(java.nio.file.Files.readString(file)).contains("-0.0");

        String pgBack = freshPostgres("xfer_edge_zero_back");
        copySchema(pg, pgBack, List.of(), Map.of());
        assertAllDone(importAll(pgBack, file));
        assertAllEqual(verifyAgainstFile(pgBack, file, List.of()), 1);
        assertThat(value(pgBack, "select v::text from zero where id = 2")).isEqualTo("-0");

        // SQLite writes a whole REAL as an integer, MariaDB normalises it: both would keep 0, so both refuse
        for (String to : List.of(sqliteUrl(dir.resolve("zero.sqlite")), freshMaria("xfer_edge_zero"))) {
            copySchema(pg, to, List.of(), Map.of());
            ImportJournal.Entry e = only(importAll(to, file));
            assertThat(e.state()).as(to).isEqualTo(TableState.FAILED);
            assertThat(e.row()).isEqualTo(2L);
            assertThat(e.column()).isEqualTo("v");
            assertThat(e.reason()).contains("row 2", "-0.0");
            assertThat(count(to, "zero")).isZero();
        }
    }

    @Test
    void wideDecimalsAreExactOnMariaDbAndReportedForSqlite() throws Exception {
        String pg = freshPostgres("xfer_edge_dec");
        execute(pg, "create table money (id bigint primary key, v numeric(38,10))",
                "insert into money values (1, 0.99), (2, 1234567890123456789012345678.0123456789), (3, 12345678901234567890)");
        Path file = dir.resolve("money.json");
        export(pg, ExportOptions.all(file));

        String maria = freshMaria("xfer_edge_dec");
        copySchema(pg, maria, List.of(), Map.of());
        assertAllDone(importAll(maria, file));
        assertAllEqual(verifyAgainstSource(pg, maria, List.of()), 1);
        assertThat(value(maria, "select cast(v as char) from money where id = 2"))
                .isEqualTo("1234567890123456789012345678.0123456789");

        String sqlite = sqliteUrl(dir.resolve("money.sqlite"));
        copySchema(pg, sqlite, List.of(), Map.of());
        // no REAL keeps those digits (nor text: SQLite's NUMERIC turns it into a REAL): listed before anything is written
        assertThatThrownBy(() -> importAll(sqlite, file)).isInstanceOf(io.dbferry.core.DbferryException.class)
                .satisfies(e -> assertThat(((io.dbferry.core.DbferryException) e).paragraph())
                        .contains("money.v: 2 values", "(id=2)", "floating point", "a TEXT type", "decimal-to-real"));
        assertThat(count(sqlite, "money")).isZero();
    }
}
