package io.dbferry.core.dialect.postgres;

import io.dbferry.core.DbferryException;
import io.dbferry.core.transfer.ExportOptions;
import io.dbferry.core.transfer.ImportOptions;
import io.dbferry.core.transfer.ImportResult;
import io.dbferry.core.transfer.TableState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PostgreSQL as a source: numeric's NaN and ±Infinity are carried as the REAL they are rather than failing the export;
 * SQLite keeps ±Infinity, MariaDB's gate lists every one before anything is written.
 */
class PostgresNonFiniteTest {

    @TempDir
    Path dir;

    private Path exported(boolean withNaN) throws Exception {
        String pg = freshPostgres("dbferry_pgnonfinite_src");
        execute(pg, "create table measure (id int primary key, n numeric)",
                "insert into measure values (1, 'Infinity'), (2, '-Infinity'), (3, 1.5)" + (withNaN ? ", (4, 'NaN')" : ""));
        Path dump = dir.resolve("measure.json");
        export(pg, ExportOptions.all(dump));
        return dump;
    }

    @Test
    void exportCarriesThemAndSqliteKeepsThem() throws Exception {
        Path dump = exported(false);
        assertThat(Files.readString(dump)).contains("Infinity", "-Infinity");
        String sqlite = sqliteUrl(dir.resolve("target.sqlite"));
        execute(sqlite, "create table measure (id INTEGER PRIMARY KEY, n NUMERIC)");
        ImportResult result = importFile(sqlite, ImportOptions.all(dump));
        assertThat(result.tables()).allSatisfy(e -> assertThat(e.state()).isEqualTo(TableState.DONE));
        assertThat(strings(sqlite, "select id || '|' || typeof(n) from measure where id < 3 order by id"))
                .containsExactly("1|real", "2|real");
        assertThat(strings(sqlite, "select n < -1e308 from measure where id = 2")).containsExactly("1");
        assertThat(strings(sqlite, "select n > 1e308 from measure where id = 1")).containsExactly("1");
        assertThat(strings(sqlite, "select n from measure where id = 3")).containsExactly("1.5");
    }

    @Test
    void nanIsExportedAndMariaDbsGateListsEveryOne() throws Exception {
        Path dump = exported(true);
        assertThat(Files.readString(dump)).contains("NaN");
        String maria = freshMaria("dbferry_pgnonfinite_m");
        execute(maria, "create table measure (id int primary key, n decimal(10,2))");
        assertThatThrownBy(() -> importFile(maria, ImportOptions.all(dump))).isInstanceOf(DbferryException.class)
                .satisfies(e -> assertThat(e.getMessage() + ((DbferryException) e).paragraph())
                        .contains("measure.n", "3 values NaN or an infinity"));
        assertThat(count(maria, "measure")).as("nothing written").isZero();
    }

    /** numeric NaN and ±Infinity, date and timestamps at ±infinity. */
    private Path exportedInfinities() throws Exception {
        String pg = freshPostgres("dbferry_pginf_src");
        execute(pg, "create table spans (id int primary key, n numeric, m numeric(10,2), d date, t timestamp, z timestamptz)",
                "insert into spans values (1, 'NaN', 'NaN', 'infinity', 'infinity', 'infinity'),"
                        + " (2, 'Infinity', 1.25, '-infinity', '-infinity', '-infinity'),"
                        + " (3, '-Infinity', 2.5, '2021-01-01', '2021-01-01 10:00:00', '2021-01-01 10:00:00+00')");
        Path dump = dir.resolve("spans.json");
        export(pg, ExportOptions.all(dump));
        return dump;
    }

    @Test
    void postgresToPostgresKeepsNanAndInfinityExactly() throws Exception {
        Path dump = exportedInfinities();
        assertThat(Files.readString(dump)).doesNotContain("999999999");
        String pg = freshPostgres("dbferry_pginf_dst");
        execute(pg, "create table spans (id int primary key, n numeric, m numeric(10,2), d date, t timestamp, z timestamptz)");
        for (boolean bulk : List.of(true, false)) { // COPY and batched inserts
            execute(pg, "delete from spans");
            ImportResult result = importFile(pg, ImportOptions.all(dump).withBulk(bulk));
            assertThat(result.tables()).allSatisfy(e -> assertThat(e.state()).isEqualTo(TableState.DONE));
            assertThat(strings(pg, "select concat_ws('|', id, n, m, d, t, extract(epoch from z)) from spans order by id")).containsExactly(
                    "1|NaN|NaN|infinity|infinity|Infinity", "2|Infinity|1.25|-infinity|-infinity|-Infinity",
                    "3|-Infinity|2.50|2021-01-01|2021-01-01 10:00:00|1609495200.000000");
        }
        try (var session = new io.dbferry.core.session.Session()) {
            var target = io.dbferry.testing.TestTargets.connect(session, io.dbferry.core.session.Side.TARGET,
                    io.dbferry.testing.TestServers.postgres(), "dbferry_pginf_dst");
            assertThat(new io.dbferry.core.transfer.Verifier(target, io.dbferry.core.progress.ProgressListener.NONE)
                    .againstFile(dump, List.of()).allEqual()).isTrue();
        }
    }

    @Test
    void intoMariaDbTheInfinitiesAreListedAndInfinityToNullIsTheWayThrough() throws Exception {
        Path dump = exportedInfinities();
        String maria = freshMaria("dbferry_pginf_m");
        execute(maria, "create table spans (id int primary key, n double, m decimal(10,2), d date, t datetime, z datetime)");
        assertThatThrownBy(() -> importFile(maria, ImportOptions.all(dump))).isInstanceOf(DbferryException.class)
                .satisfies(e -> assertThat(((DbferryException) e).paragraph())
                        .contains("spans.d", "spans.t", "spans.z", "2 values NaN or an infinity")
                        .doesNotContain("999999999"));
        assertThat(count(maria, "spans")).as("nothing written").isZero();
        ImportResult result = importFile(maria, ImportOptions.all(dump).withConvert(List.of("infinity-to-null")));
        assertThat(result.tables()).allSatisfy(e -> assertThat(e.state()).isEqualTo(TableState.DONE));
        assertThat(strings(maria, "select concat_ws('|', id, coalesce(m, 'null'), coalesce(d, 'null'), coalesce(t, 'null')) from spans order by id"))
                .containsExactly("1|null|null|null", "2|1.25|null|null", "3|2.50|2021-01-01|2021-01-01 10:00:00");
        assertThat(Files.readString(ImportOptions.all(dump).changesFile())).contains("\"rule\" : \"infinity-to-null\"", "infinity");
    }

    @Test
    void intoSqliteTheInfinitiesStayAsTheirText() throws Exception {
        Path dump = exportedInfinities();
        String sqlite = sqliteUrl(dir.resolve("spans.sqlite"));
        execute(sqlite, "create table spans (id INTEGER PRIMARY KEY, n NUMERIC, m NUMERIC(10,2), d DATE, t DATETIME, z DATETIME)");
        assertThatThrownBy(() -> importFile(sqlite, ImportOptions.all(dump))).isInstanceOf(DbferryException.class)
                .satisfies(e -> assertThat(((DbferryException) e).paragraph()).contains("spans.n", "spans.m", "NaN"));
        importFile(sqlite, ImportOptions.all(dump).withConvert(List.of("spans.n=infinity-to-null", "spans.m=infinity-to-null")));
        assertThat(strings(sqlite, "select id || '|' || typeof(d) || '|' || d || '|' || t || '|' || z from spans where id < 3 order by id"))
                .containsExactly("1|text|infinity|infinity|infinity", "2|text|-infinity|-infinity|-infinity");
    }
}
