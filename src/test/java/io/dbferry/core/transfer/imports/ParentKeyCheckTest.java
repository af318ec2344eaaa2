package io.dbferry.core.transfer.imports;

import io.dbferry.core.model.ForeignKey;
import io.dbferry.core.model.Table;
import io.dbferry.core.session.DatabaseConnection;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static io.dbferry.testing.TestDatabases.execute;
import static io.dbferry.testing.TestDatabases.freshMaria;
import static io.dbferry.testing.TestDatabases.freshPostgres;
import static io.dbferry.testing.TestDatabases.sqliteUrl;
import static io.dbferry.testing.TestDatabases.target;
import static org.assertj.core.api.Assertions.assertThat;

/** The row-by-row check of integer foreign keys against a final parent, on each engine. */
class ParentKeyCheckTest {

    @TempDir
    Path dir;

    private String url(String engine) throws Exception {
        return switch (engine) {
            case "sqlite" -> sqliteUrl(dir.resolve("keys.sqlite"));
            case "mariadb" -> freshMaria("xfer_parent_keys");
            default -> freshPostgres("xfer_parent_keys");
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "mariadb", "postgresql"})
    void integerKeysToAFinalParentAreCheckedAsTheRowsGoBy(String engine) throws Exception {
        String url = url(engine);
        execute(url,
                "create table parent (id bigint primary key, code varchar(10) not null unique)",
                "create table child (id bigint primary key, parent_id bigint references parent (id),"
                        + " parent_code varchar(10) references parent (code), up_id bigint references child (id))",
                "insert into parent values (1, 'a'), (2, 'b'), (40, 'c')");
        try (DatabaseConnection db = target(url)) {
            Table child = db.catalog().table("child");
            ForeignKey byId = key(child, "parent_id");
            ForeignKey byCode = key(child, "parent_code");
            ForeignKey self = key(child, "up_id");
            db.jdbc().setAutoCommit(false); // as the load runs: PostgreSQL streams the parent's keys only in a transaction

            ParentKeyCheck check = ParentKeyCheck.of(db.jdbc(), db.dialect(), child, child.columns(), List.of(byId, byCode, self));

            assertThat(check.checksKey(byId)).isTrue();
            assertThat(check.checksKey(byCode)).as("a text key is left to the query").isFalse();
            assertThat(check.checksKey(self)).as("a self-reference is not final while its table loads").isFalse();
            check.check(new Object[]{1L, 40L, "a", null});
            check.check(new Object[]{2L, null, "b", 1L});
            check.check(new Object[]{3L, 41L, "zz", 99L});
            assertThat(check.orphans()).containsExactly("child [id]=[3]: [parent_id] references a missing parent row");

            check.restart();
            assertThat(check.orphans()).isEmpty();
            for (long id = 10; id < 20; id++) {
                check.check(new Object[]{id, -id, null, null});
            }
            assertThat(check.orphans()).as("at most 5 per key, as the query lists them").hasSize(5)
                    .first().isEqualTo("child [id]=[10]: [parent_id] references a missing parent row");
            db.jdbc().rollback();
        }
    }

    private static ForeignKey key(Table table, String column) {
        return table.foreignKeys().stream().filter(fk -> fk.columns().equals(List.of(column))).findFirst().orElseThrow();
    }
}
