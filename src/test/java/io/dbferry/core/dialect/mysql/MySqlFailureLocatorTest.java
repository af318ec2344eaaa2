package io.dbferry.core.dialect.mysql;

import io.dbferry.core.dialect.FailureLocation;
import io.dbferry.core.dialect.RefusedWrites;
import io.dbferry.core.session.DatabaseConnection;
import org.junit.jupiter.api.Test;


import static io.dbferry.testing.TestDatabases.execute;
import static io.dbferry.testing.TestDatabases.freshMaria;
import static io.dbferry.testing.TestDatabases.target;
import static org.assertj.core.api.Assertions.assertThat;

/** The column (and statement row) MariaDB's own messages name, for the errors a load meets. */
class MySqlFailureLocatorTest {

    private static FailureLocation refused(DatabaseConnection db, Object... row) throws Exception {
        return RefusedWrites.locate(db, "t", row);
    }

    @Test
    void theColumnNamedByTheServer() throws Exception {
        String url = freshMaria("dialect_failure_locator");
        execute(url, "create table t (id bigint primary key, name varchar(4) not null, qty int)");
        try (DatabaseConnection db = target(url)) {
            assertThat(refused(db, 1L, null, 1)).as("NULL into NOT NULL").isEqualTo(new FailureLocation(0, 1));
            assertThat(refused(db, 1L, "too long", 1)).as("too long").isEqualTo(new FailureLocation(1, 1));
            assertThat(refused(db, 1L, "ok", "many")).as("not a number, the column qualified by database and table")
                    .isEqualTo(new FailureLocation(1, 2));
            execute(url, "insert into t values (7, 'x', 1)");
            assertThat(refused(db, 7L, "y", 2).column()).as("a duplicate key names no column").isEqualTo(-1);
        }
    }
}
