package io.dbferry.core.dialect.sqlite;

import io.dbferry.core.dialect.FailureLocation;
import io.dbferry.core.dialect.RefusedWrites;
import io.dbferry.core.session.DatabaseConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.dbferry.testing.TestDatabases.execute;
import static io.dbferry.testing.TestDatabases.sqliteUrl;
import static io.dbferry.testing.TestDatabases.target;
import static org.assertj.core.api.Assertions.assertThat;

/** The column SQLite's constraint messages name as table.column. */
class SqliteFailureLocatorTest {

    @TempDir
    Path dir;

    private static int refused(DatabaseConnection db, Object... row) throws Exception {
        FailureLocation at = RefusedWrites.locate(db, "t", row);
        assertThat(at.row()).isZero();
        return at.column();
    }

    @Test
    void theColumnTheConstraintMessageNames() throws Exception {
        String url = sqliteUrl(dir.resolve("t.sqlite"));
        execute(url, "create table t (id integer primary key, name varchar(4) not null, code text unique)",
                "insert into t values (7, 'x', 'a')");
        try (DatabaseConnection db = target(url)) {
            assertThat(refused(db, 1L, null, "b")).as("NOT NULL").isEqualTo(1);
            assertThat(refused(db, 2L, "y", "a")).as("UNIQUE").isEqualTo(2);
            assertThat(refused(db, 7L, "y", "c")).as("the primary key").isEqualTo(0);
        }
    }
}
