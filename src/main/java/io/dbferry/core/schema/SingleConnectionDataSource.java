package io.dbferry.core.schema;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * Lends the session's open connection to Flyway. Flyway closes what it gets; here {@code close()} is
 * ignored, so the session's connection stays open. Its auto-commit mode is put back by {@link #restore()}.
 * The session keeps no password, so opening a second connection is not an option.
 */
final class SingleConnectionDataSource implements DataSource, AutoCloseable {

    private final Connection target;
    private final boolean autoCommit;
    private final Connection guarded;

    SingleConnectionDataSource(Connection target) throws SQLException {
        this.target = target;
        this.autoCommit = target.getAutoCommit();
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "close":
                    return null;
                case "isClosed":
                    return target.isClosed();
                case "unwrap":
                    if (((Class<?>) args[0]).isInstance(proxy)) {
                        return proxy;
                    }
                    break;
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                default:
                    break;
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        this.guarded = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[]{Connection.class}, handler);
    }

    @Override
    public Connection getConnection() {
        return guarded;
    }

    @Override
    public Connection getConnection(String username, String password) {
        return guarded;
    }

    /** Ends what Flyway left open and puts the connection's auto-commit mode back. */
    void restore() {
        try {
            if (!target.isClosed()) {
                if (autoCommit && !target.getAutoCommit()) {
                    target.rollback();
                }
                if (target.getAutoCommit() != autoCommit) {
                    target.setAutoCommit(autoCommit);
                }
            }
        } catch (SQLException ignored) {
            // the connection is broken; the next command on it will say so
        }
    }

    @Override
    public void close() {
        restore();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
