package io.dbferry.core.transfer;

import io.dbferry.testing.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.dbferry.testing.TestDatabases.*;
import static io.dbferry.core.transfer.TransferSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SQLite → MariaDB → PostgreSQL → SQLite through dump files, target schemas made by SchemaCopier:
 * after every hop the target equals its source and the original (Verifier), and chosen values read
 * back with plain JDBC are exactly the originals.
 */
class RoundTripTest {

    @TempDir
    Path dir;

    /** The URLs of each hop's database, original first. */
    /**
     * {@code keepsOriginalText}: false where the original holds date text a server's type rewrites (Northwind's
     * '2016-07-04' in DATETIME columns comes back to SQLite as '2016-07-04 00:00:00'), so the last hop is not
     * compared with the original, only with the server it came from.
     */
    private List<String> roundTrip(Path original, String name, List<String> exclude, boolean keepsOriginalText) throws Exception {
        String sqlite = sqliteUrl(original);
        List<String> chain = List.of(sqlite, freshMaria("xfer_rt_" + name), freshPostgres("xfer_rt_" + name),
                sqliteUrl(dir.resolve(name + "-back.sqlite")));
        List<String> tables = new ArrayList<>();
        try (var source = source(sqlite)) {
            source.catalog().tableNames().stream().filter(t -> !exclude.contains(t)).forEach(tables::add);
        }
        for (int hop = 1; hop < chain.size(); hop++) {
            String from = chain.get(hop - 1);
            String to = chain.get(hop);
            copySchema(from, to, tables, Map.of());
            Path file = dir.resolve(name + "-hop" + hop + ".json.gz");
            ExportResult exported = export(from, new ExportOptions(file, List.of(), exclude, Map.of(), false, false));
            assertThat(exported.tables()).hasSize(tables.size());
            ImportResult imported = importAll(to, file);
            assertAllDone(imported);
            assertThat(imported.rowsImported()).isEqualTo(exported.totalRows());
            assertAllEqual(verifyAgainstSource(from, to, tables), tables.size());
            assertAllEqual(verifyAgainstFile(to, file, List.of()), tables.size());
            if (keepsOriginalText || !to.startsWith("sqlite:")) {
                assertAllEqual(verifyAgainstSource(sqlite, to, tables), tables.size());
            }
        }
        return chain;
    }

    @Test
    void chinookSurvivesEveryEngine() throws Exception {
        List<String> chain = roundTrip(Datasets.chinookSqlite(), "chinook", List.of(), true);
        String original = chain.get(0);
        String name = "select Name from Track where TrackId = 3435";
        String expected = (String) value(original, name);
        assertThat(expected).contains("\\");
        for (String url : chain.subList(1, chain.size())) {
            assertThat(value(url, "select " + q(url, "Name") + " from " + q(url, "Track") + " where "
                    + q(url, "TrackId") + " = 3435")).as(url).isEqualTo(expected);
            List<String> backslashed = strings(url, "select " + q(url, "Name") + " from " + q(url, "Track")).stream()
                    .filter(n -> n.contains("\\")).toList();
            assertThat(backslashed).as(url).hasSize(4).contains(expected);
            assertThat(value(url, "select " + q(url, "UnitPrice") + " from " + q(url, "Track") + " where "
                    + q(url, "TrackId") + " = 1").toString()).as(url).isIn("0.99", "0.990", "0.9900");
            assertThat(count(url, "PlaylistTrack")).isEqualTo(8715);
        }
        // the key counters moved past the imported keys on every engine: a new row gets the next key
        for (String url : chain.subList(1, chain.size())) {
            execute(url, "insert into " + q(url, "Artist") + " (" + q(url, "Name") + ") values ('new artist')");
            assertThat(((Number) value(url, "select " + q(url, "ArtistId") + " from " + q(url, "Artist") + " where "
                    + q(url, "Name") + " = 'new artist'")).longValue()).as(url).isEqualTo(276L);
        }
    }

    /** The issue's own check: the mysql and psql clients read the four backslashed track names back. */
    @Test
    void chinookBackslashesReadBackWithTheMysqlAndPsqlClients() throws Exception {
        String chinook = sqliteUrl(Datasets.chinookSqlite());
        List<String> expected = strings(chinook, "select Name from Track where instr(Name, char(92)) > 0 order by TrackId");
        assertThat(expected).hasSize(4);
        String maria = freshMaria("xfer_rt_clients");
        String pg = freshPostgres("xfer_rt_clients");
        Path file = dir.resolve("chinook.json.gz");
        export(chinook, ExportOptions.all(file));
        for (String url : List.of(maria, pg)) {
            copySchema(chinook, url, List.of(), Map.of());
            assertAllDone(importAll(url, file));
        }
        var m = io.dbferry.testing.TestServers.mariadb();
        var p = io.dbferry.testing.TestServers.postgres();
        String sql = "select Name from Track where instr(Name, char(92)) > 0 order by TrackId";
        assertThat(client(List.of("mysql", "--raw", "--batch", "--skip-column-names", "--default-character-set=utf8mb4",
                "-h", m.host(), "-P", String.valueOf(m.port()), "-u", m.user(), "xfer_rt_clients", "-e", sql), m.password()))
                .isEqualTo(expected);
        assertThat(client(List.of("psql", "-X", "-A", "-t", "-h", p.host(), "-p", String.valueOf(p.port()), "-U", p.user(),
                "-d", "xfer_rt_clients", "-c", "select \"Name\" from \"Track\" where strpos(\"Name\", chr(92)) > 0 order by \"TrackId\""),
                p.password())).isEqualTo(expected);
    }

    private static List<String> client(List<String> command, String password) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("MYSQL_PWD", password);
        pb.environment().put("PGPASSWORD", password);
        Process process;
        try {
            process = pb.start();
        } catch (java.io.IOException e) {
            throw new AssertionError(command.get(0) + " client not found on PATH; install it (mariadb-client, "
                    + "postgresql-client) to run this check", e);
        }
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return out.lines().toList();
    }

    @Test
    void northwindSurvivesEveryEngine() throws Exception {
        Path northwind = Datasets.file("northwind/northwind.sqlite");
        List<String> chain = roundTrip(northwind, "northwind", List.of(), false);
        String original = chain.get(0);
        assertThat(value(chain.get(3), "select OrderDate from Orders where OrderID = 10248")).isEqualTo("2016-07-04 00:00:00");
        byte[] picture = bytes(original, "select Picture from Categories where CategoryID = 1");
        assertThat(picture).hasSizeGreaterThan(1000);
        Object price = value(original, "select UnitPrice from \"Order Details\" where OrderID = 10248 and ProductID = 11");
        for (String url : chain.subList(1, chain.size())) {
            assertThat(bytes(url, "select " + q(url, "Picture") + " from " + q(url, "Categories") + " where "
                    + q(url, "CategoryID") + " = 1")).as(url).isEqualTo(picture);
            assertThat(count(url, "Order Details")).isEqualTo(2155);
            Object back = value(url, "select " + q(url, "UnitPrice") + " from " + q(url, "Order Details") + " where "
                    + q(url, "OrderID") + " = 10248 and " + q(url, "ProductID") + " = 11");
            assertThat(new java.math.BigDecimal(back.toString())).as(url)
                    .isEqualByComparingTo(new java.math.BigDecimal(price.toString()));
        }
        assertThat(Files.exists(dir.resolve("northwind-hop1.json.gz"))).isTrue();
    }

    /**
     * The datasette fixtures: reserved words ({@code select}, {@code group}), a slash and dots in names,
     * compound keys, tables without a key, and +/-Infinity in a REAL column.
     *
     * <p>Left out: {@code searchable_fts} is an FTS5 virtual table, which only SQLite has (no engine can
     * create it from metadata), and {@code searchable_fts_config/_data/_docsize/_idx} are its shadow
     * tables, internal storage that SQLite's FTS5 module writes itself and rebuilds from its content table.
     */
    @Test
    void datasetteFixturesSurviveEveryEngineAndInfinityIsReportedOnMariaDb() throws Exception {
        Path fixtures = Datasets.file("datasette-fixtures/fixtures.db");
        String sqlite = sqliteUrl(fixtures);
        List<String> fts = List.of("searchable_fts", "searchable_fts_config", "searchable_fts_data",
                "searchable_fts_docsize", "searchable_fts_idx");
        List<String> tables = new ArrayList<>();
        try (var source = source(sqlite)) {
            source.catalog().tableNames().stream().filter(t -> !fts.contains(t)).forEach(tables::add);
        }
        assertThat(tables).contains("select", "table/with/slashes.csv", "infinity", "Table With Space In Name");

        // SQLite → MariaDB: every table but infinity loads; infinity fails naming its row and column
        String maria = freshMaria("xfer_rt_fixtures");
        copySchema(sqlite, maria, tables, Map.of());
        Path toMaria = dir.resolve("fixtures-hop1.json");
        export(sqlite, new ExportOptions(toMaria, List.of(), fts, Map.of(), false, false));
        // --check-first lists the two infinities before writing; past it, the load's row check still refuses the table
        assertThatThrownBy(() -> importFile(maria, ImportOptions.all(toMaria).withCheckFirst(true))).isInstanceOf(io.dbferry.core.encoding.EncodingCheckFailed.class)
                .hasMessageContaining("infinity.value: 2 values");
        ImportResult intoMaria = importFile(maria, ImportOptions.all(toMaria).withSkipValidation(true));
        assertThat(intoMaria.succeeded()).isFalse();
        for (ImportJournal.Entry e : intoMaria.tables()) {
            if (e.table().equals("infinity")) {
                assertThat(e.state()).isEqualTo(TableState.FAILED);
                assertThat(e.column()).isEqualTo("value");
                assertThat(e.row()).isNotNull();
                assertThat(e.reason()).contains("value").containsIgnoringCase("infinity").contains("row " + e.row());
            } else {
                assertThat(e.state()).as("%s: %s", e.table(), e.reason()).isEqualTo(TableState.DONE);
            }
        }
        assertThat(count(maria, "infinity")).as("nothing of a failed table stays").isZero();
        List<String> withoutInfinity = tables.stream().filter(t -> !t.equals("infinity")).toList();
        assertAllEqual(verifyAgainstSource(sqlite, maria, withoutInfinity), withoutInfinity.size());

        // MariaDB → PostgreSQL → SQLite with the tables MariaDB holds
        String postgres = freshPostgres("xfer_rt_fixtures");
        String back = sqliteUrl(dir.resolve("fixtures-back.sqlite"));
        String from = maria;
        int hop = 2;
        for (String to : List.of(postgres, back)) {
            copySchema(from, to, withoutInfinity, Map.of());
            Path file = dir.resolve("fixtures-hop" + hop++ + ".json");
            export(from, new ExportOptions(file, withoutInfinity, List.of(), Map.of(), false, false));
            assertAllDone(importAll(to, file));
            assertAllEqual(verifyAgainstSource(sqlite, to, withoutInfinity), withoutInfinity.size());
            from = to;
        }
        for (String url : List.of(maria, postgres, back)) {
            assertThat(value(url, "select " + q(url, "group") + " from " + q(url, "select"))).as(url).isEqualTo("group");
            assertThat(count(url, "table/with/slashes.csv")).isEqualTo(count(sqlite, "table/with/slashes.csv"));
            assertThat(count(url, "compound_three_primary_keys")).isEqualTo(1001);
        }

        // infinity straight into PostgreSQL and on into SQLite: both hold +/-Infinity
        String pgInf = freshPostgres("xfer_rt_fixtures_inf");
        copySchema(sqlite, pgInf, List.of("infinity"), Map.of());
        Path inf = dir.resolve("infinity.json");
        export(sqlite, new ExportOptions(inf, List.of("infinity"), List.of(), Map.of(), false, false));
        assertThat(Files.readString(inf)).contains("\"Infinity\"", "\"-Infinity\"");
        assertAllDone(importAll(pgInf, inf));
        String sqliteInf = sqliteUrl(dir.resolve("infinity-back.sqlite"));
        copySchema(pgInf, sqliteInf, List.of("infinity"), Map.of());
        Path inf2 = dir.resolve("infinity2.json");
        export(pgInf, new ExportOptions(inf2, List.of(), List.of(), Map.of(), false, false));
        assertAllDone(importAll(sqliteInf, inf2));
        for (String url : List.of(pgInf, sqliteInf)) {
            assertAllEqual(verifyAgainstSource(sqlite, url, List.of("infinity")), 1);
            List<Double> values = strings(url, "select " + q(url, "value") + " from infinity").stream()
                    .map(v -> Double.parseDouble(v.replace("Inf", "Infinity").replace("Infinityinity", "Infinity"))).toList();
            assertThat(values).as(url).containsExactlyInAnyOrder(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.5);
        }
    }
}
