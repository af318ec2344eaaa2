package io.dbferry.core.transfer.imports;

import io.dbferry.core.dump.DumpColumn;
import io.dbferry.core.dump.DumpTable;
import io.dbferry.core.model.PortableType;
import io.dbferry.core.model.Table;
import io.dbferry.core.session.DatabaseConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.dbferry.testing.TestDatabases.execute;
import static io.dbferry.testing.TestDatabases.sqliteUrl;
import static io.dbferry.testing.TestDatabases.target;
import static org.assertj.core.api.Assertions.assertThat;

/** The query that finds rows pointing at nothing: in a table, and after a load in the tables that reference those written. */
class ForeignKeyAuditTest {

    @TempDir
    Path dir;

    private static TargetTable written(DatabaseConnection db, String name) {
        Table table = db.catalog().table(name);
        DumpTable source = new DumpTable(name, table.columns().stream()
                .map(c -> new DumpColumn(c.name(), PortableType.INTEGER, c.typeName(), c.nullable(), false)).toList());
        return TargetTable.match(source, table, db.dialect());
    }

    @Test
    void orphansAreListedByTableAndKeyAtMostFivePerKey() throws Exception {
        String url = sqliteUrl(dir.resolve("audit.sqlite"));
        // the driver leaves foreign keys unenforced, so the orphans can be written on purpose
        execute(url, "create table parent (id integer primary key)",
                "create table child (id integer primary key, parent_id integer references parent (id))",
                "create table grandchild (id integer primary key, child_id integer references child (id))",
                "create table unrelated (id integer primary key, other_id integer references unrelated (id))",
                "insert into parent values (1)",
                "insert into unrelated values (1, 99)",
                "insert into child values (1, 1), (2, 1), (3, 7), (4, null)",
                "insert into grandchild values (10, 1), (11, 9)",
                "insert into child select 100 + value, 50 from (select 1 as value union select 2 union select 3 "
                        + "union select 4 union select 5 union select 6)");
        try (DatabaseConnection db = target(url)) {
            List<String> inChild = ForeignKeyAudit.violationsOf(db, db.catalog().table("child"), fk -> true);
            assertThat(inChild).hasSize(5).first().asString()
                    .isEqualTo("child [id]=[3]: [parent_id] references a missing parent row");

            // child written, checked at commit against parent: only grandchild, which was not written, is read
            List<String> after = ForeignKeyAudit.afterLoad(db, db.catalog(), List.of(written(db, "child")),
                    Map.of("child", Set.of("parent")));
            assertThat(after).containsExactly("grandchild [id]=[11]: [child_id] references a missing child row");
            assertThat(ForeignKeyAudit.afterLoad(db, db.catalog(), List.of(written(db, "child")), Map.of()))
                    .as("nothing checked at commit: the child's own key too").hasSize(6);
            // more tables written than not: the others' own keys are read instead of who references the written ones
            assertThat(ForeignKeyAudit.afterLoad(db, db.catalog(), List.of(written(db, "parent"), written(db, "child")),
                    Map.of("child", Set.of("parent"))))
                    .as("unrelated points at no written table, so its orphan is not read")
                    .containsExactly("grandchild [id]=[11]: [child_id] references a missing child row");
        }
    }
}
