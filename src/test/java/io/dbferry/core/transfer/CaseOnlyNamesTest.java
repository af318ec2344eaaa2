package io.dbferry.core.transfer;

import io.dbferry.core.DbferryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.dbferry.core.transfer.TransferSupport.*;
import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tables whose names differ only in case ({@code Foo}, {@code foo}) and columns that do ({@code Val},
 * {@code val}) are different things on PostgreSQL and on MariaDB with case-sensitive names: each
 * carries its own rows and verifies equal, and a name given by the operator picks exactly that table.
 */
class CaseOnlyNamesTest {

    @TempDir
    Path dir;

    /** Foo and foo with different rows, and a child of each, on the engine behind {@code url}. */
    private static void createPair(String url) throws Exception {
        String text = url.startsWith("mysql:") ? "varchar(20)" : "text";
        execute(url,
                "create table " + q(url, "Foo") + " (id integer primary key, name " + text + ")",
                "create table " + q(url, "foo") + " (id integer primary key, name " + text + ", extra integer)",
                "create table " + q(url, "kid") + " (id integer primary key, big_id integer references " + q(url, "Foo")
                        + " (id), small_id integer references " + q(url, "foo") + " (id))");
    }

    private static void fillPair(String url) throws Exception {
        execute(url,
                "insert into " + q(url, "Foo") + " values (1, 'upper one'), (2, 'upper two'), (3, 'upper three')",
                "insert into " + q(url, "foo") + " values (1, 'lower one', 10)",
                "insert into " + q(url, "kid") + " values (1, 3, 1)");
    }

    private void carriesBothTables(String from, String to) throws Exception {
        Path file = dir.resolve("pair-" + to.substring(0, to.indexOf(':')) + ".json");
        export(from, ExportOptions.all(file));
        assertAllDone(importAll(to, file));
        assertThat(count(to, "Foo")).isEqualTo(3);
        assertThat(count(to, "foo")).isEqualTo(1);
        assertThat(strings(to, "select name from " + q(to, "foo"))).containsExactly("lower one");
        assertThat(strings(to, "select name from " + q(to, "Foo") + " order by id"))
                .containsExactly("upper one", "upper two", "upper three");
        assertAllEqual(verifyAgainstSource(from, to, List.of()), 3);
        assertAllEqual(verifyAgainstFile(to, file, List.of()), 3);

        // a change in one of them is found in that one only
        execute(to, "update " + q(to, "foo") + " set name = 'changed' where id = 1");
        VerifyResult after = verifyAgainstSource(from, to, List.of());
        assertThat(after.tables()).filteredOn(VerifyResult.TableComparison::equal)
                .extracting(VerifyResult.TableComparison::table).containsExactlyInAnyOrder("Foo", "kid");
        assertThat(after.tables()).filteredOn(t -> !t.equal())
                .extracting(VerifyResult.TableComparison::table).containsExactly("foo");
        execute(to, "update " + q(to, "foo") + " set name = 'lower one' where id = 1");
    }

    @Test
    void tablesDifferingOnlyInCaseGoFromPostgresToMariaDbAndBack() throws Exception {
        String pg = freshPostgres("case_pair_pg");
        createPair(pg);
        fillPair(pg);
        String maria = freshMaria("case_pair_maria");
        assertThat(value(maria, "select @@lower_case_table_names")).as("this test needs case-sensitive names on MariaDB")
                .hasToString("0");
        createPair(maria);
        carriesBothTables(pg, maria);

        String pgAgain = freshPostgres("case_pair_pg2");
        createPair(pgAgain);
        carriesBothTables(maria, pgAgain);
    }

    @Test
    void columnsDifferingOnlyInCaseGoFromPostgresToPostgres() throws Exception {
        String from = freshPostgres("case_cols_a");
        String to = freshPostgres("case_cols_b");
        for (String url : List.of(from, to)) {
            execute(url, "create table t (id integer primary key, \"Val\" text, val integer not null)");
        }
        execute(from, "insert into t values (1, 'upper', 7), (2, null, 8)");
        Path file = dir.resolve("cols.json");
        export(from, ExportOptions.all(file));
        for (boolean bulk : List.of(true, false)) {
            execute(to, "delete from t");
            assertAllDone(importFile(to, new ImportOptions(file, List.of(), false, false, 1000, false).withBulk(bulk)));
            assertThat(strings(to, "select \"Val\" || '/' || val from t where id = 1")).as("bulk %s", bulk).containsExactly("upper/7");
            assertThat(strings(to, "select coalesce(\"Val\", '-') || '/' || val from t where id = 2")).containsExactly("-/8");
            assertAllEqual(verifyAgainstSource(from, to, List.of()), 1);
            assertAllEqual(verifyAgainstFile(to, file, List.of()), 1);
        }
        execute(to, "update t set \"Val\" = 'other' where id = 1");
        VerifyResult after = verifyAgainstSource(from, to, List.of());
        assertThat(after.allEqual()).isFalse();
        assertThat(after.tables().get(0).firstDifference()).contains("differs in Val");
    }

    @Test
    void aNamedTableIsThatTableExactly() throws Exception {
        String pg = freshPostgres("case_pick_pg");
        createPair(pg);
        fillPair(pg);
        Path file = dir.resolve("foo.json");
        ExportResult exported = export(pg, new ExportOptions(file, List.of("Foo"), List.of(), java.util.Map.of(), false, false));
        assertThat(exported.tables()).extracting(ExportResult.TableExport::table).containsExactly("Foo");

        Path both = dir.resolve("both.json");
        export(pg, ExportOptions.all(both));
        String to = freshPostgres("case_pick_to");
        createPair(to);
        ImportResult imported = importFile(to, new ImportOptions(both, List.of("Foo"), false, false, 1000, false));
        assertThat(imported.tables()).extracting(ImportJournal.Entry::table).containsExactly("Foo");
        assertThat(count(to, "Foo")).isEqualTo(3);
        assertThat(count(to, "foo")).isZero();

        assertThat(verifyAgainstSource(pg, to, List.of("Foo")).tables()).extracting(VerifyResult.TableComparison::table)
                .containsExactly("Foo");
        VerifyResult fromFile = verifyAgainstFile(to, both, List.of("Foo"));
        assertThat(fromFile.tables()).extracting(VerifyResult.TableComparison::table).containsExactly("Foo");
        assertThat(fromFile.allEqual()).isTrue();

        // a name that is there only in another case is not taken for it; the suggestion names it
        execute(to, "drop table kid", "drop table \"Foo\"");
        assertThatThrownBy(() -> verifyAgainstSource(to, to, List.of("FOO")))
                .isInstanceOfSatisfying(DbferryException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("There is no table 'FOO'.");
                    assertThat(e.nextStep()).isEqualTo("Did you mean 'foo'?");
                });
    }

    @Test
    void verifyOfAFileFindsAPlainNameAmongItsTables() throws Exception {
        String pg = freshPostgres("case_vf_pg");
        execute(pg, "create table part_part (id integer primary key, name text)",
                "create table stock_item (id integer primary key, part integer)",
                "insert into part_part values (1, 'bolt'), (2, 'nut')", "insert into stock_item values (1, 1)");
        Path file = dir.resolve("parts.json");
        export(pg, ExportOptions.all(file));
        String to = freshPostgres("case_vf_to");
        execute(to, "create table part_part (id integer primary key, name text)",
                "create table stock_item (id integer primary key, part integer)");
        assertAllDone(importAll(to, file));

        for (String wanted : List.of("part_part", "stock_item", "part_part,stock_item", "part_*")) {
            VerifyResult result = verifyAgainstFile(to, file, List.of(wanted));
            assertThat(result.tables()).as(wanted).isNotEmpty().allMatch(VerifyResult.TableComparison::equal);
            assertThat(result.tables()).extracting(VerifyResult.TableComparison::table)
                    .allMatch(t -> wanted.contains(t) || wanted.endsWith("*"));
        }
        assertThatThrownBy(() -> verifyAgainstFile(to, file, List.of("part_prat")))
                .isInstanceOfSatisfying(DbferryException.class, e -> assertThat(e.nextStep()).isEqualTo("Did you mean 'part_part'?"));
    }
}
