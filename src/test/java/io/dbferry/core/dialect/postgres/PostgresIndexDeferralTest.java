package io.dbferry.core.dialect.postgres;

import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.CopyOptions;
import io.dbferry.core.transfer.ImportResult;
import io.dbferry.core.transfer.TableState;
import io.dbferry.core.transfer.imports.RecordCopier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A copy into PostgreSQL drops a table's plain secondary indexes for its load and builds them again before the
 * commit: afterwards every index is there as it was defined, the plain one built again, the unique and the commented
 * ones never dropped; a table whose load fails keeps them too (the drop is rolled back with the rows), and the unique
 * index, which is never set aside, still refused the duplicate.
 */
class PostgresIndexDeferralTest {

    private static final String INDEXES = "select indexname || ' ' || indexdef from pg_indexes "
            + "where schemaname = current_schema() and tablename = 'item' order by indexname";

    /** Each index's oid, which a rebuild changes. */
    private static java.util.Map<String, String> oids(String pg) throws Exception {
        java.util.Map<String, String> oids = new java.util.HashMap<>();
        for (String row : strings(pg, "select c.relname || ' ' || c.oid from pg_class c join pg_index i on i.indexrelid = c.oid "
                + "where i.indrelid = 'item'::regclass")) {
            oids.put(row.split(" ")[0], row.split(" ")[1]);
        }
        return oids;
    }

    @TempDir
    Path dir;

    private ImportResult copy(String from, String to) {
        try (DatabaseConnection source = source(from); DatabaseConnection target = target(to)) {
            return new RecordCopier(source, target, ProgressListener.NONE).copy(CopyOptions.all(dir.resolve("copy.journal.json")));
        }
    }

    private static String targetWithIndexes() throws Exception {
        String pg = freshPostgres("dbferry_pgindexdefer");
        execute(pg, "create table item (id bigint primary key, code varchar(20), part int, place int)",
                "create index item_part_idx on item (part)", "create index item_place_part_idx on item (place, part desc)",
                "create unique index item_code_key on item (code)", "comment on index item_place_part_idx is 'kept as it is'");
        return pg;
    }

    @Test
    void indexesAreBuiltAgainAfterTheLoad() throws Exception {
        String pg = targetWithIndexes();
        List<String> before = strings(pg, INDEXES);
        java.util.Map<String, String> oidsBefore = oids(pg);
        String sqlite = sqliteUrl(dir.resolve("source.sqlite"));
        execute(sqlite, "create table item (id INTEGER PRIMARY KEY, code TEXT, part INTEGER, place INTEGER)",
                "with recursive c(x) as (select 1 union all select x + 1 from c where x < 5000) "
                        + "insert into item select x, 'c' || x, x % 37, x % 11 from c");
        ImportResult result = copy(sqlite, pg);
        assertThat(result.tables()).singleElement().satisfies(e -> assertThat(e.state()).isEqualTo(TableState.DONE));
        assertThat(strings(pg, INDEXES)).as("every index as it was").isEqualTo(before).hasSize(4);
        assertThat(count(pg, "item")).isEqualTo(5000);
        assertThat(strings(pg, "select count(*) from item where part = 5")).containsExactly("136");
        assertThat(strings(pg, "select bool_and(i.indisvalid and i.indisready) from pg_index i "
                + "where i.indrelid = 'item'::regclass")).as("built, valid, in use").containsExactly("t");
        java.util.Map<String, String> oidsAfter = oids(pg);
        assertThat(oidsAfter.get("item_part_idx")).as("the plain index was built again").isNotEqualTo(oidsBefore.get("item_part_idx"));
        for (String kept : List.of("item_code_key", "item_place_part_idx", "item_pkey")) {
            assertThat(oidsAfter.get(kept)).as(kept + " stayed in place").isNotNull().isEqualTo(oidsBefore.get(kept));
        }
        assertThat(strings(pg, "select obj_description('item_place_part_idx'::regclass, 'pg_class')")).containsExactly("kept as it is");
    }

    @Test
    void aFailedLoadKeepsTheIndexesAndNoRows() throws Exception {
        String pg = targetWithIndexes();
        List<String> before = strings(pg, INDEXES);
        String sqlite = sqliteUrl(dir.resolve("duplicate.sqlite"));
        execute(sqlite, "create table item (id INTEGER PRIMARY KEY, code TEXT, part INTEGER, place INTEGER)",
                "insert into item values (1, 'same', 1, 1), (2, 'other', 2, 2), (3, 'same', 3, 3)");
        ImportResult result = copy(sqlite, pg);
        assertThat(result.tables()).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(TableState.FAILED);
            assertThat(e.row()).isEqualTo(3L);
        });
        assertThat(strings(pg, INDEXES)).isEqualTo(before);
        assertThat(count(pg, "item")).isZero();
    }
}
