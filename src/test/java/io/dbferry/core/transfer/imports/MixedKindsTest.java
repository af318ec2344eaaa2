package io.dbferry.core.transfer.imports;

import io.dbferry.core.DbferryException;
import io.dbferry.core.transfer.ExportOptions;
import io.dbferry.core.transfer.ImportOptions;
import io.dbferry.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.dbferry.testing.TestDatabases.count;
import static io.dbferry.testing.TestDatabases.execute;
import static io.dbferry.testing.TestDatabases.freshMaria;
import static io.dbferry.testing.TestDatabases.freshPostgres;
import static io.dbferry.testing.TestDatabases.sqliteUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A SQLite column holding integers, text and a blob, into an INTEGER column of PostgreSQL and MariaDB: one clear message
 * in dbferry's words naming table, key, column and the ways through, before anything is written; no driver's text.
 */
class MixedKindsTest {

    @TempDir
    Path dir;

    private Path exported() throws Exception {
        String sqlite = sqliteUrl(dir.resolve("mixed.sqlite"));
        execute(sqlite, "create table mixed (id integer primary key, n integer)",
                "insert into mixed values (1, 10), (2, 'twelve'), (3, x'0102'), (4, 40), (5, '5 apples')");
        Path file = dir.resolve("mixed.json");
        TestDatabases.export(sqlite, ExportOptions.all(file));
        return file;
    }

    @Test
    void intoPostgres() throws Exception {
        refusedInDbferrysWords(freshPostgres("dbferry_mixed_kinds_pg"));
    }

    @Test
    void intoMariaDb() throws Exception {
        refusedInDbferrysWords(freshMaria("dbferry_mixed_kinds_my"));
    }

    private void refusedInDbferrysWords(String target) throws Exception {
        Path file = exported();
        execute(target, "create table mixed (id integer primary key, n integer)");
        for (boolean bulk : new boolean[] {true, false}) {
            assertThatThrownBy(() -> TestDatabases.importFile(target, ImportOptions.all(file).withBulk(bulk)))
                    .isInstanceOf(DbferryException.class)
                    .satisfies(e -> {
                        String paragraph = ((DbferryException) e).paragraph();
                        assertThat(paragraph).contains("mixed.n", "(id=2)", "twelve", "(id=3)", "0x0102",
                                "text in a numeric column", "--convert mixed.n=text-to-number-or-null", "--rejects")
                                .doesNotContainIgnoringCase("invalid input syntax")
                                .doesNotContainIgnoringCase("incorrect integer value")
                                .doesNotContain("The server said");
                    });
            assertThat(count(target, "mixed")).as("nothing written").isZero();
        }
    }
}
