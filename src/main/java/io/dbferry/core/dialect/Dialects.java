package io.dbferry.core.dialect;

import java.sql.Connection;
import java.sql.SQLException;

/** Picks the dialect for an engine, and refines MySQL to MariaDB once the server has said which it is. */
public final class Dialects {

    private Dialects() {
    }

    public static Dialect forEngine(Engine engine) {
        return switch (engine) {
            case SQLITE -> new SqliteDialect();
            case MYSQL, MARIADB -> new MySqlDialect(engine);
            case POSTGRESQL -> new PostgresDialect();
        };
    }

    /** The dialect that fits the server behind an open connection. */
    public static Dialect forConnection(Dialect opened, Connection connection) throws SQLException {
        if (opened instanceof MySqlDialect) {
            return MySqlDialect.forServerVersion(connection.getMetaData().getDatabaseProductVersion());
        }
        return opened;
    }
}
