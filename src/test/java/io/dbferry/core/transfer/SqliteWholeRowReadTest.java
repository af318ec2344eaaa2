package io.dbferry.core.transfer;

import io.dbferry.core.DbferryException;
import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dialect.RowReader;
import io.dbferry.core.dump.RowDigest;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.Table;
import io.dbferry.core.session.DatabaseConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.dbferry.testing.TestDatabases.execute;
import static io.dbferry.testing.TestDatabases.export;
import static io.dbferry.testing.TestDatabases.source;
import static io.dbferry.testing.TestDatabases.sqliteUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SQLite dialect reads whole rows through the driver's statement handle (issue 16: the export's reads); every
 * value must come out as the value-by-value read gives it, in the same class with the same canonical text.
 */
class SqliteWholeRowReadTest {

    @TempDir
    Path dir;

    /** Timestamps the whole-row read decides by their shape, and values at the edges of the driver's calls. */
    private static final String[] EDGES = {
            "create table edge (id integer primary key, ts TIMESTAMP, t TEXT, b BLOB, d DATE)",
            "insert into edge (id, ts) values (1, '2024-05-01 10:00'), (2, '2024-05-01 10:00:00.10'), (3, '2024-05-01 10:00:00.1'),"
                    + " (4, '2024-02-30 10:00:00'), (5, '2024-05-01 24:00:00'), (6, '0000-01-01 00:00:00'), (7, '2024-05-01 10:00:00.'),"
                    + " (8, '2024-05-01T10:00:00'), (9, '2024-05-01 10:00:00.123456789'), (10, '2024-05-01 10:00:00.1234567890'),"
                    + " (11, '٢٠٢٤-05-01 10:00:00'), (12, '2024-05-01 10:00:00')",
            "insert into edge (id, t, b) values (13, '', x''), (14, 'ok ' || char(65533), x'00'), (15, cast(x'61ff' as text), null),"
                    + " (16, char(0), zeroblob(70000))",
            "insert into edge (id, d) values (17, '2024-05-01'), (18, '2024-5-01')",
    };

    @Test
    void everyOddValueReadsAsTheValueByValueReadGivesIt() throws Exception {
        String url = sqliteUrl(dir.resolve("odd.sqlite"));
        execute(url, SqliteCarryTest.ODD_DATABASE);
        execute(url, EDGES);
        try (DatabaseConnection db = source(url)) {
            for (String table : List.of("odd", "strict_t", "edge")) {
                assertThat(rows(db, table, true)).as(table).isEqualTo(rows(db, table, false)).isNotEmpty();
            }
            assertThat(rows(db, "edge", true)).contains(
                    "[Long 12, LocalDateTime 2024-05-01T10:00:00, null, null, null]",
                    "[Long 2, CarriedValue 2024-05-01 10:00:00.10, null, null, null]",
                    "[Long 3, LocalDateTime 2024-05-01T10:00:00.1, null, null, null]",
                    "[Long 13, null, String , byte[] , null]",
                    "[Long 14, null, String ok \uFFFD, byte[] 00, null]",
                    "[Long 15, null, CarriedValue 61ff, null, null]");
        }
    }

    /** A database that stores its text as UTF-16 keeps the value-by-value read: its stored bytes are not UTF-8. */
    @Test
    void aUtf16DatabaseReadsItsTextRight() throws Exception {
        String url = sqliteUrl(dir.resolve("utf16.sqlite"));
        execute(url, "pragma encoding = 'UTF-16le'", "create table t (id integer primary key, name TEXT)",
                "insert into t values (1, 'Łódź 😀'), (2, 'plain')");
        try (DatabaseConnection db = source(url)) {
            assertThat(rows(db, "t", true)).containsExactly("[Long 1, String Łódź 😀]", "[Long 2, String plain]");
        }
    }

    /** A read that fails half way (a damaged page) is named with its table, and leaves neither the dump nor a partial file. */
    @Test
    void aReadFailingHalfWayLeavesNoFile() throws Exception {
        Path file = dir.resolve("damaged.sqlite");
        String url = sqliteUrl(file);
        execute(url, "create table big (id integer primary key, note TEXT)",
                "with recursive n(i) as (select 1 union all select i + 1 from n where i < 20000)"
                        + " insert into big select i, printf('%.200c', 'x') from n");
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(raw.length() / 2 / 4096 * 4096);
            byte[] garbage = new byte[4096];
            Arrays.fill(garbage, (byte) 0x7f);
            raw.write(garbage);
        }
        Path dump = dir.resolve("out").resolve("damaged.json");

        assertThatThrownBy(() -> export(url, ExportOptions.all(dump)))
                .isInstanceOf(DbferryException.class)
                .hasMessageContaining("Reading table big failed after")
                .satisfies(e -> assertThat(((DbferryException) e).kind()).isEqualTo(DbferryException.Kind.DATABASE));
        assertThat(dump).doesNotExist();
        try (Stream<Path> left = java.nio.file.Files.list(dump.getParent())) {
            assertThat(left).isEmpty();
        }
    }

    /** Each row as its values' classes and canonical texts, read whole ({@link Dialect#rowReader}) or value by value. */
    private static List<String> rows(DatabaseConnection db, String name, boolean whole) throws SQLException {
        Table table = db.catalog().table(name);
        List<Column> columns = table.columns();
        Dialect dialect = db.dialect();
        List<String> rows = new ArrayList<>();
        try (PreparedStatement ps = db.jdbc().prepareStatement("select * from \"" + name + "\" order by rowid");
             ResultSet rs = ps.executeQuery()) {
            RowReader reader = whole ? dialect.rowReader(rs, columns) : RowReader.valueByValue(dialect, rs, columns);
            while (rs.next()) {
                Object[] row = new Object[columns.size()];
                reader.read(row);
                List<String> values = new ArrayList<>();
                for (int i = 0; i < row.length; i++) {
                    values.add(row[i] == null ? "null" : row[i].getClass().getSimpleName() + " "
                            + RowDigest.canonical(columns.get(i).portableType(), row[i]));
                }
                rows.add(values.toString());
            }
        }
        return rows;
    }
}
