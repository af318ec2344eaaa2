package io.dbferry.core.backup;

import io.dbferry.core.DbferryException;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.ConnectionRequest;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.testing.Datasets;
import io.dbferry.testing.ServerInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A small SQLite application (company, part, stock) with a copy of the InvenTree demo media, connected as the
 * source, for the backup and restore tests: backs it up at a fixed clock a minute later each time, restores
 * onto SQLite or a server target, and checks the target and media folder afterwards.
 */
abstract class DemoAppBackupFixture {

    protected static final String PASSPHRASE = "open sesame, please";
    protected static final Path DEMO_MEDIA = Datasets.root().resolve("inventree-demo/media");
    protected static final int DEMO_FILES = 323;

    @TempDir
    Path temp;

    protected Session session;
    private Path media;
    protected Path location;
    protected Instant now = Instant.parse("2026-03-01T10:00:00Z");

    @BeforeEach
    void setUp() throws Exception {
        session = new Session();
        media = temp.resolve("media");
        copyTree(DEMO_MEDIA, media);
        location = temp.resolve("backups");
        Path sqlite = temp.resolve("app.sqlite3");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + sqlite); Statement s = c.createStatement()) {
            for (String ddl : sqliteSchema()) {
                s.execute(ddl);
            }
            s.execute("INSERT INTO company VALUES (1, 'Acme', '2024-01-02 03:04:05'), (2, 'Łódź Tools', NULL),"
                    + " (3, 'Back\\slash ''quoted''', '2025-12-31 23:59:59')");
            List<Path> images;
            try (Stream<Path> files = Files.walk(DEMO_MEDIA)) {
                images = files.filter(Files::isRegularFile).sorted().limit(40).toList();
            }
            for (int i = 1; i <= 40; i++) {
                s.execute("INSERT INTO part VALUES (" + i + ", 'part " + i + "', " + (i * 1.25) + ", " + (i % 3 + 1) + ", '"
                        + DEMO_MEDIA.relativize(images.get(i - 1)) + "')");
            }
            for (int i = 1; i <= 120; i++) {
                s.execute("INSERT INTO stock VALUES (" + i + ", " + (i % 40 + 1) + ", " + i * 3 + ", "
                        + (i % 5 == 0 ? "NULL" : "'note ✓ " + i + "'") + ")");
            }
        }
        session.connect(Side.SOURCE, new ConnectionRequest("sqlite:" + sqlite, null, null));
    }

    @AfterEach
    void tearDown() {
        session.close();
    }

    private static List<String> sqliteSchema() {
        return List.of(
                "CREATE TABLE company (id INTEGER PRIMARY KEY, name TEXT NOT NULL, created TEXT)",
                "CREATE TABLE part (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, price DECIMAL(10,2),"
                        + " company_id INTEGER REFERENCES company(id), image VARCHAR(255))",
                "CREATE TABLE stock (id INTEGER PRIMARY KEY, part_id INTEGER NOT NULL REFERENCES part(id),"
                        + " quantity INTEGER NOT NULL, notes TEXT)");
    }

    private static List<String> serverSchema() {
        return List.of(
                "CREATE TABLE company (id INTEGER PRIMARY KEY, name VARCHAR(200) NOT NULL, created VARCHAR(40))",
                "CREATE TABLE part (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, price DECIMAL(10,2),"
                        + " company_id INTEGER, image VARCHAR(255), FOREIGN KEY (company_id) REFERENCES company(id))",
                "CREATE TABLE stock (id INTEGER PRIMARY KEY, part_id INTEGER NOT NULL, quantity INTEGER NOT NULL, notes TEXT,"
                        + " FOREIGN KEY (part_id) REFERENCES part(id))");
    }

    protected DatabaseConnection sqliteTarget() throws SQLException {
        Path file = temp.resolve("restored.sqlite3");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String ddl : sqliteSchema()) {
                s.execute(ddl);
            }
        }
        return session.connect(Side.TARGET, new ConnectionRequest("sqlite:" + file, null, null));
    }

    protected DatabaseConnection serverTarget(ServerInfo server, String database) throws SQLException {
        server.createDatabase(database);
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            for (String ddl : serverSchema()) {
                s.execute(ddl);
            }
        }
        String scheme = server.isMySql() ? "mysql" : "postgresql";
        return session.connect(Side.TARGET, new ConnectionRequest(scheme + "://" + server.user() + "@" + server.host() + ":"
                + server.port() + "/" + database, null, null));
    }

    protected BackupResult backup(String label, boolean encrypt, Integer keep) {
        now = now.plusSeconds(60);
        Backup backup = new Backup(session.require(Side.SOURCE), ProgressListener.NONE, Clock.fixed(now, ZoneOffset.UTC));
        return backup.run(new BackupOptions(location, label, false, false, media, keep, encrypt ? PASSPHRASE.toCharArray() : null));
    }

    protected RestoreResult restore(DatabaseConnection target, String name, Path into, String passphrase) {
        Function<String, char[]> asked = backupName -> {
            if (passphrase == null) {
                throw new DbferryException(DbferryException.Kind.USAGE, "The backup is encrypted and no passphrase was given.", "add --passphrase-env VAR");
            }
            return passphrase.toCharArray();
        };
        return new Restore(target, ProgressListener.NONE, asked)
                .run(new RestoreOptions(location, name, false, false, into, false, false, false));
    }

    protected static long count(DatabaseConnection c, String table) throws SQLException {
        try (Statement s = c.jdbc().createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    protected static void assertSameTree(Path expected, Path actual) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(expected)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSize(DEMO_FILES);
        for (Path file : files) {
            Path other = actual.resolve(expected.relativize(file).toString());
            assertThat(Files.mismatch(file, other)).as(other.toString()).isEqualTo(-1L);
        }
        try (Stream<Path> walk = Files.walk(actual)) {
            assertThat(walk.filter(Files::isRegularFile).count()).isEqualTo(DEMO_FILES);
        }
    }

    protected void assertRefusedAndUntouched(DatabaseConnection target, Path into, String name, String passphrase, String expected)
            throws SQLException {
        assertThatThrownBy(() -> restore(target, name, into, passphrase)).isInstanceOf(DbferryException.class)
                .hasMessageContaining(expected).hasMessageContaining("nothing was restored");
        for (String table : List.of("company", "part", "stock")) {
            assertThat(count(target, table)).as(table).isZero();
        }
        assertThat(into).doesNotExist();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }
}
