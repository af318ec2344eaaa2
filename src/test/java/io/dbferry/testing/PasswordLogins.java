package io.dbferry.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

/**
 * A login that needs a password, for the wrong-password tests: user {@link #USER} with password
 * {@link #PASSWORD}, allowed to read {@code dbferry_chinook}.
 *
 * <p>Not every test server can check passwords: the embedded MariaDB runs with {@code --skip-grant-tables}
 * and the local PostgreSQL trusts every login from 127.0.0.1; the embedded PostgreSQL is told to check
 * this login's password. Each method answers empty when its server cannot refuse a wrong password, so a
 * test can move to the other engine.
 */
public final class PasswordLogins {

    public static final String USER = "dbferry_pw";
    public static final String PASSWORD = "Ferry-pw-4711";

    private PasswordLogins() {
    }

    /** The MariaDB server, once {@link #USER} exists there; empty when the server skips grant tables. */
    public static synchronized Optional<ServerInfo> mariadb(String readableDatabase) throws SQLException {
        ServerInfo server = TestServers.mariadb();
        try (Connection c = server.connect(""); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select @@skip_grant_tables")) {
                if (rs.next() && rs.getInt(1) == 1) {
                    return Optional.empty();
                }
            }
            s.execute("CREATE USER IF NOT EXISTS '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
            s.execute("ALTER USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
            // 'localhost' too: an anonymous ''@'localhost' account would otherwise win over '%' on some installs
            s.execute("CREATE USER IF NOT EXISTS '" + USER + "'@'localhost' IDENTIFIED BY '" + PASSWORD + "'");
            s.execute("ALTER USER '" + USER + "'@'localhost' IDENTIFIED BY '" + PASSWORD + "'");
            s.execute("GRANT SELECT ON `" + readableDatabase + "`.* TO '" + USER + "'@'%'");
            s.execute("GRANT SELECT ON `" + readableDatabase + "`.* TO '" + USER + "'@'localhost'");
        }
        return Optional.of(new ServerInfo(ServerInfo.MYSQL, server.host(), server.port(), USER, PASSWORD, server.embedded()));
    }

    /**
     * A server that refuses wrong passwords: MariaDB when it checks grants, else PostgreSQL when it does not
     * trust 127.0.0.1 (the embedded one is made to check). When neither can, this fails loudly rather than
     * let a test pass without checking anything.
     */
    public static ServerInfo any(String readableMariaDbDatabase) throws SQLException {
        Optional<ServerInfo> maria = mariadb(readableMariaDbDatabase);
        if (maria.isPresent()) {
            return maria.get();
        }
        return postgres().orElseThrow(() -> new AssertionError(
                "Neither test server can refuse a wrong password (embedded MariaDB skips grant tables, PostgreSQL"
                        + " trusts 127.0.0.1). Run the tests against the local MariaDB (.ci/run starts it)."));
    }

    /** The URL dbferry's connect takes for {@code database} as this login (user, never the password). */
    public static String url(ServerInfo login, String database) {
        return (login.isMySql() ? "mysql://" : "postgresql://") + login.user() + "@" + login.host() + ":"
                + login.port() + "/" + database + (login.isMySql() ? "?sslMode=DISABLED" : "");
    }

    /**
     * The embedded PostgreSQL is ours (a data folder under target/), so it can be told to check this one
     * login's password: a scram rule for {@link #USER} ahead of the trust rules, then a reload. The
     * machine's own server is never reconfigured.
     */
    private static void requirePasswordOnEmbedded(Statement s) throws SQLException {
        String hbaFile;
        try (ResultSet rs = s.executeQuery("select current_setting('hba_file')")) {
            rs.next();
            hbaFile = rs.getString(1);
        }
        try {
            java.nio.file.Path hba = java.nio.file.Path.of(hbaFile);
            String rules = java.nio.file.Files.readString(hba);
            if (!rules.contains(USER)) {
                java.nio.file.Files.writeString(hba, "host all " + USER + " 127.0.0.1/32 scram-sha-256\n"
                        + "host all " + USER + " ::1/128 scram-sha-256\n" + rules);
                s.execute("select pg_reload_conf()");
            }
        } catch (java.io.IOException e) {
            throw new SQLException("cannot make the embedded PostgreSQL check passwords: " + e.getMessage(), e);
        }
    }

    /** The PostgreSQL server, once {@link #USER} exists there; empty when it lets a wrong password in (trust). */
    public static synchronized Optional<ServerInfo> postgres() throws SQLException {
        ServerInfo server = TestServers.postgres();
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_roles where rolname = '" + USER + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
                }
            }
            if (server.embedded()) {
                requirePasswordOnEmbedded(s);
            }
        }
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", "certainly-not-" + PASSWORD);
        try (Connection ignored = DriverManager.getConnection(server.jdbcUrl("postgres"), props)) {
            return Optional.empty(); // trust authentication: the wrong password got in
        } catch (SQLException refused) {
            return Optional.of(new ServerInfo(ServerInfo.POSTGRESQL, server.host(), server.port(), USER, PASSWORD,
                    server.embedded()));
        }
    }
}
