package io.dbferry.core.session;

import io.dbferry.core.catalog.Catalog;
import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.model.ConnectionSpec;
import io.dbferry.core.model.ServerDescription;

import java.sql.Connection;
import java.sql.SQLException;

/** One open side of the session: the JDBC connection, the dialect that fits it, and what the server said. */
public final class DatabaseConnection implements AutoCloseable {

    private final Side side;
    private final ConnectionSpec spec;
    private final Dialect dialect;
    private final Connection jdbc;
    private final ServerDescription server;
    private final Opener opener;

    /** Opens one more JDBC connection with the same login; holds the password in memory only. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    DatabaseConnection(Side side, ConnectionSpec spec, Dialect dialect, Connection jdbc, ServerDescription server, Opener opener) {
        this.side = side;
        this.spec = spec;
        this.dialect = dialect;
        this.jdbc = jdbc;
        this.server = server;
        this.opener = opener;
    }

    /** A second connection to the same database with the same login and session settings, for work in parallel; the caller closes it. */
    public DatabaseConnection openAnother() throws SQLException {
        return new DatabaseConnection(side, spec, dialect, opener.open(), server, opener);
    }

    public Side side() {
        return side;
    }

    public ConnectionSpec spec() {
        return spec;
    }

    public Dialect dialect() {
        return dialect;
    }

    public Connection jdbc() {
        return jdbc;
    }

    public ServerDescription server() {
        return server;
    }

    public Catalog catalog() {
        return new Catalog(jdbc, dialect);
    }

    public boolean isReadOnly() {
        return side == Side.SOURCE;
    }

    @Override
    public void close() {
        try {
            if (!jdbc.getAutoCommit()) {
                jdbc.rollback();
            }
            jdbc.close();
        } catch (SQLException ignored) {
            // closing a broken connection has nothing left to tell the operator
        }
    }
}
