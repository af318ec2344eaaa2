package io.dbferry.core.dialect.mysql;

import io.dbferry.core.dialect.FailureLocation;
import io.dbferry.core.model.Column;
import io.dbferry.core.session.DatabaseConnection;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import static io.dbferry.testing.TestDatabases.execute;
import static io.dbferry.testing.TestDatabases.freshMaria;
import static io.dbferry.testing.TestDatabases.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The column (and statement row) MariaDB's own messages name, for the errors a load meets. */
class MySqlFailureLocatorTest {

    private static FailureLocation refused(DatabaseConnection db, Object... row) throws Exception {
        List<Column> columns = db.catalog().table("t").columns();
        try (PreparedStatement insert = db.jdbc().prepareStatement("insert into t (id, name, qty) values (?, ?, ?)")) {
            for (int i = 0; i < row.length; i++) {
                insert.setObject(i + 1, row[i]);
            }
            SQLException e = catchThrowableOfType(insert::executeUpdate, SQLException.class);
            assertThat((Throwable) e).as("the server refuses %s", java.util.Arrays.toString(row)).isNotNull();
            return db.dialect().locateFailure(e, columns, row);
        }
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
