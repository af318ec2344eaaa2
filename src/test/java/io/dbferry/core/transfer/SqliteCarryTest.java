package io.dbferry.core.transfer;

import io.dbferry.core.dump.DumpReader;
import io.dbferry.core.model.CarriedValue;
import io.dbferry.core.model.CarriedValue.Kind;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.imports.Importer;
import io.dbferry.testing.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.dbferry.testing.TestDatabases.execute;
import static io.dbferry.testing.TestDatabases.export;
import static io.dbferry.testing.TestDatabases.jdbc;
import static io.dbferry.testing.TestDatabases.source;
import static io.dbferry.testing.TestDatabases.sqliteUrl;
import static io.dbferry.testing.TestDatabases.strings;
import static io.dbferry.testing.TestDatabases.target;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 14: a SQLite file of the kind applications leave behind exports whole, and SQLite -> SQLite keeps every value exactly. */
class SqliteCarryTest {

    @TempDir
    Path dir;

    /** Every case of the "Checked by", each value in a column of a type it does not have. */
    static final String[] ODD_DATABASE = {
            "create table odd (id integer primary key, i INTEGER, n NUMERIC(10,2), r REAL, t TEXT, b BLOB, d DATE, ts DATETIME,"
                    + " tz TIMESTAMP WITH TIME ZONE, tm TIME, flag BOOLEAN, u, j JSON, id2 UUID)",
            "insert into odd (id, i) values (1, 'abc'), (2, 12.5), (3, x'01')",
            "insert into odd (id, n) values (4, '-Infinity'), (5, 2.675), (6, 9007199254740993), (7, 'NaN'), (8, 9e999), (9, -9e999),"
                    + " (10, 5e-324), (11, 12)",
            "insert into odd (id, r) values (12, 'NaN'), (13, 9e999), (14, -9e999), (15, 0.99), (16, x'0203')",
            "insert into odd (id, t) values (17, x'0102'), (18, cast(x'deadbeef' as text)), (19, ''), (20, 'a' || char(0) || 'b'),"
                    + " (21, replace(hex(zeroblob(150000)), '0', 'x')), (22, 'Łódź 😀')",
            "insert into odd (id, d) values (23, '0000-00-00'), (24, '2016-07-04'), (25, 1700000000), (26, 2460000.5), (27, 'soon'),"
                    + " (28, '2016-07-04 00:00:00'), (29, '')",
            "insert into odd (id, ts) values (30, '2021-01-01 00:00:00'), (31, '2021-03-28T02:30:00+05:30'),"
                    + " (32, '2024-05-01 10:00:00.123000'), (33, 0), (34, '0000-00-00 00:00:00'), (35, '2024-05-01 10:00:00.5')",
            "insert into odd (id, tz) values (36, '2021-03-28T02:30:00+05:30'), (37, '2021-03-28 02:30:00+05:30')",
            "insert into odd (id, tm) values (38, '08:00'), (39, '08:00:00'), (40, 28800)",
            "insert into odd (id, flag) values (41, 1), (42, 2), (43, 'yes'), (44, 0)",
            "insert into odd (id, u) values (45, 5), (46, 2.5), (47, 'x'), (48, x'00'), (49, 9223372036854775807), (50, 1.0)",
            "insert into odd (id, j) values (51, '{\"b\": 1, \"a\": 2}'), (52, 7), (53, x'7b7d')",
            "insert into odd (id, id2) values (54, '123e4567-e89b-12d3-a456-426614174000'), (55, '123E4567-E89B-12D3-A456-426614174000'),"
                    + " (56, randomblob(16))",
            "insert into odd (id) values (57)",
            "create table strict_t (id integer primary key, a ANY, n INTEGER) strict",
            "insert into strict_t values (1, 1, 1), (2, '1', 2), (3, 1.0, 3), (4, x'01', 4), (5, 'text', 5), (6, 2.5, 6), (7, null, null)",
    };

    @Test
    void everyOddValueIsExportedAndComesBackWithTheSameStorageClassAndBytes() throws Exception {
        Path sourceFile = dir.resolve("odd.sqlite");
        String source = sqliteUrl(sourceFile);
        execute(source, ODD_DATABASE);
        Path dump = dir.resolve("odd.json.gz");

        ExportResult result = export(source, ExportOptions.all(dump));

        assertThat(result.totalRows()).isEqualTo(57 + 7);
        Map<String, CarriedColumn> carried = result.carried().stream().collect(Collectors.toMap(c -> c.table() + "." + c.column(), c -> c));
        assertThat(carried.get("odd.t").kinds()).isEqualTo(Map.of(Kind.BLOB, 1L, Kind.TEXT_BYTES, 1L));
        assertThat(carried.get("odd.t").firstKeys()).containsExactly("id=17", "id=18");
        assertThat(carried.get("odd.d").count()).isEqualTo(6); // all but 2016-07-04
        assertThat(carried.get("odd.d").kinds()).isEqualTo(Map.of(Kind.TEXT, 4L, Kind.INTEGER, 1L, Kind.REAL, 1L));
        assertThat(carried.get("odd.n").kinds()).isEqualTo(Map.of(Kind.TEXT, 2L, Kind.REAL, 2L)); // text NaN/-Infinity, +-Infinity reals
        assertThat(carried.get("odd.ts").firstKeys()).containsExactly("id=31", "id=32", "id=33");
        assertThat(carried.get("odd.u").kinds()).isEqualTo(Map.of(Kind.INTEGER, 2L, Kind.REAL, 2L, Kind.BLOB, 1L));
        assertThat(carried).doesNotContainKey("odd.id");
        assertThat(carried.get("strict_t.a").kinds()) // 1 and 2.5 are typed (a decimal), the rest carried
                .isEqualTo(Map.of(Kind.TEXT, 2L, Kind.REAL, 1L, Kind.BLOB, 1L));
        assertThat(values(dump, "odd", 18, 4)).isEqualTo(new CarriedValue(Kind.TEXT_BYTES,
                new byte[]{(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}));

        String target = sqliteUrl(dir.resolve("copy.sqlite"));
        createSameTables(source, target);
        ImportResult imported = importInto(target, dump);
        assertThat(imported.succeeded()).as(imported.tables().toString()).isTrue();

        for (String table : List.of("odd", "strict_t")) {
            assertThat(storedForm(target, table)).as(table).isEqualTo(storedForm(source, table));
        }
        assertThat(strings(target, "select length(t) from odd where id = 21")).containsExactly("300000");
        assertThat(strings(target, "select count(*) from odd where ts = '2021-01-01 00:00:00'")).containsExactly("1");
        try (DatabaseConnection s = source(source); DatabaseConnection t = target(target)) {
            VerifyResult verified = new Verifier(t, ProgressListener.NONE).againstSource(s, List.of());
            assertThat(verified.allEqual()).as(verified.toString()).isTrue();
        }
        try (DatabaseConnection t = target(target)) {
            assertThat(new Verifier(t, ProgressListener.NONE).againstFile(dump, List.of()).allEqual()).isTrue();
        }

        // a BLOB is never equal to a text, in either direction
        execute(target, "update odd set t = cast(t as text) where id = 17", "update odd set t = cast(t as blob) where id = 22");
        try (DatabaseConnection s = source(source); DatabaseConnection t = target(target)) {
            VerifyResult.TableComparison odd = new Verifier(t, ProgressListener.NONE).againstSource(s, List.of("odd")).tables().get(0);
            assertThat(odd.equal()).isFalse();
            assertThat(odd.firstDifference()).contains("id=17").contains("t");
        }
    }

    @Test
    void pgloadersBadUtf8FileExportsAndCopiesExactly() throws Exception {
        Path file = Datasets.copyToTemp(Datasets.file("pgloader-tests/sqlite/bad-utf8.db"), dir.resolve("in"));
        String source = sqliteUrl(file);
        Path dump = dir.resolve("bad.json");
        ExportResult result = export(source, ExportOptions.all(dump));
        assertThat(result.totalRows()).isEqualTo(3);
        assertThat(result.carried()).singleElement().satisfies(c -> {
            assertThat(c.column()).isEqualTo("filename");
            assertThat(c.kinds()).containsKey(Kind.BLOB);
        });
        String target = sqliteUrl(dir.resolve("bad-copy.sqlite"));
        createSameTables(source, target);
        assertThat(importInto(target, dump).succeeded()).isTrue();
        assertThat(storedForm(target, "files")).isEqualTo(storedForm(source, "files"));
    }

    @Test
    void chinookAndNorthwindKeepTheirDateText() throws Exception {
        for (String dataset : List.of("chinook/Chinook_Sqlite.sqlite", "northwind/northwind.sqlite")) {
            Path file = Datasets.copyToTemp(Datasets.file(dataset), dir.resolve("ds" + dataset.hashCode()));
            String source = sqliteUrl(file);
            Path dump = dir.resolve(dataset.hashCode() + ".json.gz");
            export(source, ExportOptions.all(dump));
            String target = sqliteUrl(dir.resolve("copy" + dataset.hashCode() + ".sqlite"));
            createSameTables(source, target);
            ImportResult imported = importInto(target, dump);
            assertThat(imported.succeeded()).as(imported.tables().toString()).isTrue();
            for (String table : tables(source)) {
                assertThat(storedForm(target, table)).as(dataset + " " + table).isEqualTo(storedForm(source, table));
            }
        }
        String chinook = sqliteUrl(dir.resolve("copy" + "chinook/Chinook_Sqlite.sqlite".hashCode() + ".sqlite"));
        assertThat(strings(chinook, "select count(*) from Invoice where InvoiceDate = '2021-01-01 00:00:00'")).containsExactly("1");
        String northwind = sqliteUrl(dir.resolve("copy" + "northwind/northwind.sqlite".hashCode() + ".sqlite"));
        assertThat(strings(northwind, "select min(OrderDate) from Orders")).containsExactly("2016-07-04");
    }

    private ImportResult importInto(String target, Path dump) {
        try (DatabaseConnection t = target(target)) {
            return new Importer(t, ProgressListener.NONE).importFile(ImportOptions.all(dump));
        }
    }

    private static Object values(Path dump, String table, long id, int column) throws Exception {
        try (DumpReader reader = DumpReader.open(dump)) {
            while (!reader.nextTable().name().equals(table)) {
                // skip to the table
            }
            Object[] row;
            while ((row = reader.nextRow()) != null) {
                if (row[0].equals(id)) {
                    return row[column];
                }
            }
        }
        throw new AssertionError("no row " + id);
    }

    /** The target made as the application's migrations would: the same CREATE TABLE statements. */
    static void createSameTables(String source, String target) throws Exception {
        List<String> ddl = strings(source, "select sql from sqlite_master where type = 'table' and name not like 'sqlite_%'");
        execute(target, ddl.toArray(String[]::new));
    }

    static List<String> tables(String url) throws Exception {
        return strings(url, "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name");
    }

    /** Every value of a table as SQLite itself shows it: typeof, quote and hex, row by row (sorted: rowids may differ). */
    static List<String> storedForm(String url, String table) throws Exception {
        List<String> columns = strings(url, "select name from pragma_table_info('" + table + "') order by cid");
        String select = columns.stream().map(c -> "\"" + c + "\"")
                .map(c -> "typeof(" + c + ") || ':' || coalesce(quote(" + c + "), '') || ':' || coalesce(hex(" + c + "), '')")
                .collect(Collectors.joining(" || '|' || "));
        List<String> rows = new ArrayList<>();
        try (Connection c = jdbc(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select " + select + " from \"" + table + "\" order by rowid")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        rows.sort(null);
        return rows;
    }
}
