package io.dbferry.testing;

import io.dbferry.core.session.ConnectionRequest;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;

import java.nio.file.Path;
import java.sql.SQLException;

/** Opens session sides on test databases: a SQLite file, or a fresh database on the test servers. */
public final class TestTargets {

    private TestTargets() {
    }

    public static DatabaseConnection sqlite(Session session, Side side, Path file) {
        return session.connect(side, new ConnectionRequest("sqlite:" + file, null, null));
    }

    /** Creates {@code database} empty on the server and connects the side to it (server passwords must be empty). */
    public static DatabaseConnection fresh(Session session, Side side, ServerInfo server, String database) throws SQLException {
        server.createDatabase(database);
        return connect(session, side, server, database);
    }

    public static DatabaseConnection connect(Session session, Side side, ServerInfo server, String database) {
        return session.connect(side, new ConnectionRequest(url(server, database), null, null));
    }

    public static String url(ServerInfo server, String database) {
        String scheme = server.isMySql() ? "mysql" : "postgresql";
        String query = server.isMySql() ? "?sslMode=DISABLED" : "";
        return scheme + "://" + server.user() + "@" + server.host() + ":" + server.port() + "/" + database + query;
    }
}
