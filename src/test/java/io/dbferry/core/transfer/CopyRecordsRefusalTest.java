package io.dbferry.core.transfer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.dbferry.core.transfer.TransferSupport.*;
import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A value the target refuses fails its table by key and column with nothing of the table left; the table's
 * dependents are skipped, a table with no key to it is copied all the same, one job or two, into PostgreSQL
 * and MariaDB.
 */
class CopyRecordsRefusalTest {

    @TempDir
    Path dir;

    private String source() throws Exception {
        String sqlite = sqliteUrl(dir.resolve("refusal.sqlite"));
        execute(sqlite, "create table parent (id integer primary key, name text not null)",
                "create table child (id integer primary key, parent_id integer not null references parent (id))",
                "create table solo (id integer primary key, v text)",
                "insert into parent values (1, 'short'), (2, 'much too long'), (3, 'short')",
                "insert into child values (1, 1), (2, 3)",
                "insert into solo values (1, 'one'), (2, 'two')");
        return sqlite;
    }

    private static void schema(String url) throws Exception {
        execute(url, "create table parent (id integer primary key, name varchar(8) not null)",
                "create table child (id integer primary key, parent_id integer not null,"
                        + " constraint child_parent foreign key (parent_id) references parent (id))",
                "create table solo (id integer primary key, v varchar(8))");
    }

    @Test
    void aRefusedValueFailsItsTableByKeyAndColumnSkipsItsDependentsAndTheOthersGoOn() throws Exception {
        String sqlite = source();
        for (int jobs : List.of(1, 2)) {
            for (String target : List.of(freshPostgres("copy_t_refusal"), freshMaria("copy_t_refusal"))) {
                schema(target);
                // past the text check, which would refuse the long name before anything is written: the load refuses it
                CopyOptions options = new CopyOptions(List.of(), List.of(), Map.of(), false, false, false, jobs,
                        ImportOptions.DEFAULT_BATCH_SIZE, 0, dir.resolve("refusal-" + jobs + ".journal.json"), false, false, true, true,
                        ImportOptions.DEFAULT_SERVER_TIMEOUT);
                ImportResult result = CopyRecordsTest.copy(sqlite, target, options);
                assertThat(result.succeeded()).isFalse();
                Map<String, ImportJournal.Entry> byTable = new java.util.HashMap<>();
                result.tables().forEach(e -> byTable.put(e.table(), e));
                String where = target + ", jobs " + jobs;
                ImportJournal.Entry parent = byTable.get("parent");
                assertThat(parent.state()).as(where).isEqualTo(TableState.FAILED);
                assertThat(parent.column()).as(where).isEqualTo("name");
                assertThat(parent.reason()).as(where).contains("row 2 (id=2), column name", "much too long");
                assertThat(count(target, "parent")).as("rolled back whole: " + where).isZero();
                assertThat(byTable.get("child").state()).as(where).isEqualTo(TableState.SKIPPED);
                assertThat(byTable.get("child").reason()).as(where).contains("parent");
                assertThat(count(target, "child")).as(where).isZero();
                assertThat(byTable.get("solo").state()).as(where).isEqualTo(TableState.DONE);
                assertAllEqual(where, verifyAgainstSource(sqlite, target, List.of("solo")), 1);
            }
        }
    }
}
