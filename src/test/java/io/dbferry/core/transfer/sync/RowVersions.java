package io.dbferry.core.transfer.sync;

import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.schema.SchemaCopier;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.CopyOptions;
import io.dbferry.core.transfer.ImportResult;
import io.dbferry.core.transfer.SyncMarks;
import io.dbferry.core.transfer.Verifier;
import io.dbferry.core.transfer.VerifyResult;
import io.dbferry.core.transfer.imports.RecordCopier;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.Normalizer;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the row-version tests share: a PostgreSQL source of parents and children, copy-records into a target (which
 * leaves the marks beside its journal, in the test's folder), a sync whose journal is in that folder too (so it reads
 * those marks), and the rows of a table as plain JDBC reads them, in canonical text, to compare source and target.
 */
final class RowVersions {

    static final List<String> TABLES = List.of("parent", "child");
    static final String NFC = Normalizer.normalize("Café", Normalizer.Form.NFC);
    static final String NFD = Normalizer.normalize("Café", Normalizer.Form.NFD);

    private RowVersions() {
    }

    /** A fresh PostgreSQL source: 40 parents (id 5 named in NFC, every third note NULL), two children each. */
    static String pgSource(String database) throws SQLException {
        String pg = freshPostgres(database);
        execute(pg, """
                create table parent (id bigint primary key, name varchar(100) not null, amount numeric(12,2), data bytea,
                  ts timestamp(6), note varchar(200))""",
                "create table child (id bigint primary key, parent_id bigint not null references parent(id), label varchar(50))");
        try (Connection c = jdbc(pg);
             PreparedStatement p = c.prepareStatement("insert into parent values (?, ?, ?, ?, ?, ?)");
             PreparedStatement ch = c.prepareStatement("insert into child values (?, ?, ?)")) {
            for (int i = 1; i <= 40; i++) {
                p.setLong(1, i);
                p.setString(2, i == 5 ? NFC : "name " + i);
                p.setBigDecimal(3, new BigDecimal(i + ".25"));
                p.setBytes(4, new byte[]{(byte) i, 0, (byte) 0xff, 7});
                p.setObject(5, LocalDateTime.of(2024, 5, 1, 10, 0, 0).plusNanos(i * 1000L + 123_000L));
                p.setString(6, i % 3 == 0 ? null : "note " + i);
                p.executeUpdate();
                for (int k = 0; k < 2; k++) {
                    ch.setLong(1, i * 10L + k);
                    ch.setLong(2, i);
                    ch.setString(3, "child " + k);
                    ch.executeUpdate();
                }
            }
        }
        return pg;
    }

    /**
     * On the source: parent 1's note set to NULL, parent 2's bytes changed in one byte, parent 3's timestamp one
     * microsecond later, parent 4's name in upper case, parent 5's from NFC to NFD; child 70 set to the value it has
     * (a new row version, no change); parent 6 deleted with its children, and child 11; parents 101 and 102 inserted,
     * with three new children. Parent: 2 inserted, 5 updated, 1 deleted; child: 3, 0, 3.
     */
    static void change(String url) throws SQLException {
        change(url, "postgres");
    }

    /** {@link #change(String)} on a source of {@code engine}: on SQLite the timestamp is the text it keeps, one microsecond later. */
    static void change(String url, String engine) throws SQLException {
        try (Connection c = jdbc(url); Statement s = c.createStatement()) {
            s.execute("update parent set note = null where id = 1");
            try (PreparedStatement ps = c.prepareStatement("update parent set data = ? where id = 2")) {
                ps.setBytes(1, new byte[]{2, 0, (byte) 0xfe, 7});
                ps.executeUpdate();
            }
            String ts = strings(url, "select ts from parent where id = 3").get(0);
            try (PreparedStatement ps = c.prepareStatement("update parent set ts = ? where id = 3")) {
                if (engine.equals("sqlite")) {
                    assertThat(ts).contains("126"); // its fraction ends in 126
                    ps.setString(1, ts.replace("126", "127"));
                } else {
                    ps.setObject(1, LocalDateTime.of(2024, 5, 1, 10, 0, 0, 127_000));
                }
                ps.executeUpdate();
            }
            s.execute("update parent set name = 'NAME 4' where id = 4");
            try (PreparedStatement ps = c.prepareStatement("update parent set name = ? where id = 5")) {
                ps.setString(1, NFD);
                ps.executeUpdate();
            }
            s.execute("update child set label = 'child 0' where id = 70");
            s.execute("delete from child where parent_id = 6");
            s.execute("delete from child where id = 11");
            s.execute("delete from parent where id = 6");
            s.execute("insert into parent (id, name) values (101, 'new 101'), (102, 'new 102')");
            s.execute("insert into child values (1010, 101, 'new child 0'), (1011, 101, 'new child 1'), (1020, 102, 'new child 0')");
        }
    }

    static void copySchema(String from, String to, List<String> tables) {
        try (DatabaseConnection source = source(from); DatabaseConnection target = target(to)) {
            new SchemaCopier(source, target, Map.of()).copy(tables, false);
        }
    }

    /** copy-records of every table, its journal (and so the marks) in {@code dir}. */
    static ImportResult copy(String from, String to, Path dir) {
        return copy(from, to, CopyOptions.all(dir.resolve("copy.journal.json")));
    }

    static ImportResult copy(String from, String to, CopyOptions options) {
        try (DatabaseConnection source = source(from); DatabaseConnection target = target(to)) {
            ImportResult result = new RecordCopier(source, target, ProgressListener.NONE).copy(options);
            assertThat(result.succeeded()).as("%s", result).isTrue();
            return result;
        }
    }

    /** A sync whose journal is in {@code dir}, beside the marks a copy there left. */
    static SyncResult sync(String from, String to, Path dir, SyncOptions options) {
        try (DatabaseConnection source = source(from); DatabaseConnection target = target(to)) {
            return new Synchronizer(source, target, ProgressListener.NONE).sync(options.journal(dir.resolve("sync.journal.json")));
        }
    }

    static VerifyResult verify(String from, String to, List<String> tables) {
        try (DatabaseConnection source = source(from); DatabaseConnection target = target(to)) {
            return new Verifier(target, ProgressListener.NONE).againstSource(source, tables);
        }
    }

    /** The mark the marks file in {@code dir} holds for {@code table} on {@code to}, when it names {@code from} as its source. */
    static Optional<SyncMarks.Entry> mark(Path dir, String from, String to, String table) {
        try (DatabaseConnection source = source(from); DatabaseConnection target = target(to)) {
            return SyncMarks.read(marksFile(dir)).of(target.spec().display(), table).filter(e -> e.source().equals(source.spec().display()));
        }
    }

    /** How many rows {@code comparedBy} says were read as changed since the mark. */
    static long changedRead(SyncResult.TableSync t) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(([\\d,]+) changed rows? read").matcher(t.comparedBy());
        assertThat(m.find()).as(t.comparedBy()).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    /** How comparedBy says {@code rows} changed rows were read. */
    static String changedRows(long rows) {
        return String.format("%,d changed row%s read", rows, rows == 1 ? "" : "s");
    }

    /**
     * The source rows whose version is of {@code mark}'s transaction or newer, as plain SQL counts them (one epoch):
     * the rows changed since plus those a writing transaction elsewhere on the server (open across the mark; other
     * tests, a benchmark) makes the sync read again, so a sync's count is exact even on a busy server.
     */
    static long versionsSince(String url, String table, SyncMarks.Entry mark) throws SQLException {
        try (Connection c = jdbc(url); PreparedStatement ps = c.prepareStatement("select count(*) from " + q(url, table)
                + " where xmin::text::bigint >= ?")) {
            ps.setLong(1, mark.since() & 0xffff_ffffL);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Whether no other session on the server holds a transaction id now: then every transaction a snapshot taken after
     * this finds running began writing after what was written before, and its mark is newer than all of that.
     */
    static boolean quiet(String url) throws SQLException {
        return strings(url, "select count(*) from pg_stat_activity where backend_xid is not null and pid <> pg_backend_pid()")
                .equals(List.of("0"));
    }

    static Path marksFile(Path dir) {
        return SyncMarks.beside(dir.resolve("sync.journal.json"));
    }

    static SyncResult.TableSync table(SyncResult r, String name) {
        return r.tables().stream().filter(t -> t.table().equals(name)).findFirst().orElseThrow();
    }

    /** inserted, updated, deleted, unchanged. */
    static List<Long> counts(SyncResult.TableSync t) {
        return List.of(t.inserted(), t.updated(), t.deleted(), t.unchanged());
    }

    /**
     * Every row of {@code table} in key order, read with plain JDBC and written in one form whatever the engine: bytes
     * in hex, numbers as exact decimals, a timestamp as LocalDateTime prints it (SQLite keeps text), text as it is.
     */
    static List<String> rows(String url, String table, String key) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = jdbc(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select * from " + q(url, table) + " order by " + q(url, key))) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    values.add(meta.getColumnLabel(i).toLowerCase() + "=" + canonical(rs, i, meta.getColumnLabel(i).toLowerCase()));
                }
                rows.add(String.join(" | ", values));
            }
        }
        return rows;
    }

    private static String canonical(ResultSet rs, int i, String column) throws SQLException {
        Object value = rs.getObject(i);
        if (value == null) {
            return "NULL";
        }
        if (value instanceof byte[] bytes) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
        if (column.equals("ts")) {
            return LocalDateTime.parse(rs.getString(i).trim().replace(' ', 'T')).toString();
        }
        if (value instanceof Number) {
            return new BigDecimal(rs.getString(i)).stripTrailingZeros().toPlainString();
        }
        return rs.getString(i);
    }
}
