package io.dbferry.core.session;

import io.dbferry.core.catalog.Catalog;
import io.dbferry.core.dialect.Dialect;

import java.sql.Connection;
import java.sql.SQLException;

/** One open side of the session: the JDBC connection, the dialect that fits it, and what the server said. */
public final class DatabaseConnection implements AutoCloseable {

    private final Side side;
    private final ConnectionSpec spec;
    private final Dialect dialect;
    private final Connection jdbc;
    private final ServerDescription server;

    DatabaseConnection(Side side, ConnectionSpec spec, Dialect dialect, Connection jdbc, ServerDescription server) {
        this.side = side;
        this.spec = spec;
        this.dialect = dialect;
        this.jdbc = jdbc;
        this.server = server;
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
