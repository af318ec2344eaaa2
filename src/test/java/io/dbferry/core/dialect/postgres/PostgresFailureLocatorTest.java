package io.dbferry.core.dialect.postgres;

import io.dbferry.core.dialect.FailureLocation;
import io.dbferry.core.dialect.RefusedWrites;
import io.dbferry.core.model.Column;
import io.dbferry.core.session.DatabaseConnection;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import java.io.StringReader;
import java.sql.SQLException;
import java.util.List;

import static io.dbferry.testing.TestDatabases.execute;
import static io.dbferry.testing.TestDatabases.freshPostgres;
import static io.dbferry.testing.TestDatabases.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The row and column PostgreSQL's own report gives: its column field, a COPY's context, a key violation's detail, or the value too long. */
class PostgresFailureLocatorTest {

    private static FailureLocation refused(DatabaseConnection db, Object... row) throws Exception {
        return RefusedWrites.locate(db, "t", row);
    }

    @Test
    void theColumnFromTheServersReport() throws Exception {
        String url = freshPostgres("dialect_failure_locator");
        execute(url, "create table t (id bigint primary key, name varchar(4) not null, qty int)");
        try (DatabaseConnection db = target(url)) {
            assertThat(refused(db, 1L, null, 1)).as("NULL into NOT NULL: the error's column field").isEqualTo(new FailureLocation(0, 1));
            assertThat(refused(db, 1L, "too long", 1)).as("too long names no column: the value that is")
                    .isEqualTo(new FailureLocation(0, 1));
            execute(url, "insert into t values (7, 'x', 1)");
            assertThat(refused(db, 7L, "y", 2).column()).as("a duplicate key: the first column of its detail, Key (id)=(7)").isEqualTo(0);
        }
    }

    @Test
    void aCopyFailureIsLocatedFromItsContext() throws Exception {
        String url = freshPostgres("dialect_failure_copy");
        execute(url, "create table t (id bigint primary key, name varchar(4) not null, qty int)");
        try (DatabaseConnection db = target(url)) {
            List<Column> columns = db.catalog().table("t").columns();
            var copy = db.jdbc().unwrap(PGConnection.class).getCopyAPI();
            SQLException e = catchThrowableOfType(() -> copy.copyIn("COPY t (id, name, qty) FROM STDIN",
                    new StringReader("1\tok\t1\n2\tok\t2\n3\tok\tmany\n")), SQLException.class);
            assertThat(db.dialect().locateFailure(e, columns, null)).isEqualTo(new FailureLocation(3, 2));
        }
    }
}
