package io.dbferry.core.transfer.sync;

import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.TableState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A row the target's server refuses in the middle of a batch (a unique index only the target has) is named by
 * key, column and value; the table's inserts, updates and deletes, one transaction, are all rolled back.
 */
class SyncRefusedRowTest {

    @TempDir
    Path dir;

    @Test
    void aRefusedRowIsNamedAndTheTableRolledBackWhole() throws Exception {
        String src = sqliteUrl(dir.resolve("src.sqlite3"));
        execute(src, "create table item (id integer primary key, name varchar(50) not null)");
        for (int i = 1; i <= 10; i++) {
            execute(src, "insert into item values (" + i + ", 'name " + i + "')");
        }
        String dst = freshPostgres("dbferry_sync_refused");
        execute(dst, "create table item (id bigint primary key, name varchar(50) not null unique)");
        SyncOptions options = SyncOptions.all().journal(dir.resolve("sync.journal.json"));
        assertThat(sync(src, dst, options).succeeded()).isTrue();

        execute(src, "update item set name = 'changed 2' where id = 2", "update item set name = 'name 3' where id = 7",
                "delete from item where id = 9", "insert into item values (11, 'name 11')");
        SyncResult refused = sync(src, dst, options);
        SyncResult.TableSync item = refused.tables().get(0);
        assertThat(item.state()).isEqualTo(TableState.FAILED);
        assertThat(item.reason()).contains("Table item, row (id=7), column name = 'name 3'")
                .contains("sync --retry-failed");
        // one transaction: the update before it, the insert and the delete are rolled back with it
        assertThat(strings(dst, "select name from item where id = 2")).containsExactly("name 2");
        assertThat(count(dst, "item")).isEqualTo(10);

        execute(src, "update item set name = 'name 7' where id = 7");
        SyncResult retried = sync(src, dst, options.retryFailed(true));
        assertThat(retried.succeeded()).as("%s", retried).isTrue();
        assertThat(List.of(retried.inserted(), retried.updated(), retried.deleted())).containsExactly(1L, 1L, 1L);
    }

    private static SyncResult sync(String from, String to, SyncOptions options) {
        try (DatabaseConnection source = source(from); DatabaseConnection target = target(to)) {
            return new Synchronizer(source, target, ProgressListener.NONE).sync(options);
        }
    }
}
