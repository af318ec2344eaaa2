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
}
