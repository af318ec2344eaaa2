package io.dbferry.core.backup;

import io.dbferry.core.DbferryException;
import io.dbferry.core.dump.DumpContents;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.ConnectionRequest;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.testing.Datasets;
import io.dbferry.testing.ServerInfo;
import io.dbferry.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

/** Backups of a small SQLite application with the InvenTree demo media, restored onto SQLite, MariaDB and PostgreSQL. */
class BackupRestoreTest {

    private static final String PASSPHRASE = "open sesame, please";
    private static final Path DEMO_MEDIA = Datasets.root().resolve("inventree-demo/media");
    private static final int DEMO_FILES = 323;

    @TempDir
    Path temp;

    private Session session;
    private Path media;
    private Path location;
    private Instant now = Instant.parse("2026-03-01T10:00:00Z");

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

    private DatabaseConnection sqliteTarget() throws SQLException {
        Path file = temp.resolve("restored.sqlite3");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String ddl : sqliteSchema()) {
                s.execute(ddl);
            }
        }
        return session.connect(Side.TARGET, new ConnectionRequest("sqlite:" + file, null, null));
    }

    private DatabaseConnection serverTarget(ServerInfo server, String database) throws SQLException {
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

    private BackupResult backup(String label, boolean encrypt, Integer keep) {
        now = now.plusSeconds(60);
        Backup backup = new Backup(session.require(Side.SOURCE), ProgressListener.NONE, Clock.fixed(now, ZoneOffset.UTC));
        return backup.run(new BackupOptions(location, label, false, false, media, keep, encrypt ? PASSPHRASE.toCharArray() : null));
    }

    private RestoreResult restore(DatabaseConnection target, String name, Path into, String passphrase) {
        Function<String, char[]> asked = backupName -> {
            if (passphrase == null) {
                throw new DbferryException(DbferryException.Kind.USAGE, "The backup is encrypted and no passphrase was given.", "add --passphrase-env VAR");
            }
            return passphrase.toCharArray();
        };
        return new Restore(target, ProgressListener.NONE, asked)
                .run(new RestoreOptions(location, name, false, false, into, false, false, false));
    }

    private static long count(DatabaseConnection c, String table) throws SQLException {
        try (Statement s = c.jdbc().createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void assertSameTree(Path expected, Path actual) throws IOException {
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

    // ------------------------------------------------------------------ round trips

    @Test
    void sqliteRoundTripWithTheInvenTreeMedia() throws Exception {
        BackupResult written = backup("app", false, null);
        assertThat(written.name()).isEqualTo("app-20260301T100100Z");
        Path folder = location.resolve(written.name());
        assertThat(folder).isEqualTo(written.folder());
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("db.json.gz", "manifest.json", "media.tar.gz");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        for (String f : List.of("db.json.gz", "manifest.json", "media.tar.gz")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve(f)))).as(f).isEqualTo("rw-------");
        }
        BackupManifest m = written.manifest();
        assertThat(m.engine()).isEqualTo("SQLite");
        assertThat(m.tables()).extracting(BackupManifest.TableEntry::name, BackupManifest.TableEntry::rows)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("company", 3L), org.assertj.core.groups.Tuple.tuple("part", 40L),
                        org.assertj.core.groups.Tuple.tuple("stock", 120L));
        assertThat(m.media().files()).isEqualTo(DEMO_FILES);
        try (Stream<Path> walk = Files.walk(DEMO_MEDIA)) {
            assertThat(m.media().bytes()).isEqualTo(walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum());
        }
        assertThat(m.files()).allSatisfy(f -> assertThat(f.sha256()).isEqualTo(Backup.sha256(folder.resolve(f.name()))));
        assertThat(m.encrypted()).isFalse();
        assertThat(new BackupCatalog(location).list()).singleElement().satisfies(l -> assertThat(l.complete()).isTrue());

        DatabaseConnection target = sqliteTarget();
        Path into = temp.resolve("restored-media");
        RestoreResult result = restore(target, "latest", into, null);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.backup()).isEqualTo(written.name());
        assertThat(result.verified().allEqual()).isTrue();
        assertThat(result.verified().tables()).hasSize(3);
        assertThat(count(target, "stock")).isEqualTo(120);
        assertThat(result.media().written()).isEqualTo(DEMO_FILES);
        assertThat(result.media().identical()).isTrue();
        assertSameTree(DEMO_MEDIA, into);
    }

    @Test
    void encryptedSqliteBackupRestoresIntoMariaDb() throws Exception {
        BackupResult written = backup("app", true, null);
        Path folder = written.folder();
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("db.json.gz.gpg", "manifest.json", "media.tar.gz.gpg");
        }
        BackupManifest m = written.manifest();
        assertThat(m.encrypted()).isTrue();
        assertThat(m.encryption().iterations()).isGreaterThanOrEqualTo(600_000);
        assertThat(m.encryption().cipher()).isEqualTo("OpenPGP");
        assertThat(m.mac()).isNotBlank();
        // nothing of the plaintext is left in the backup: no gzip magic at the start of either file
        for (String f : List.of("db.json.gz.gpg", "media.tar.gz.gpg")) {
            byte[] head = new byte[2];
            try (InputStream in = Files.newInputStream(folder.resolve(f))) {
                in.readNBytes(head, 0, 2);
            }
            assertThat(head).as(f).isNotEqualTo(new byte[]{0x1f, (byte) 0x8b});
        }

        DatabaseConnection target = serverTarget(TestServers.mariadb(), "dbferry_backup_restore");
        Path into = temp.resolve("restored-media");
        RestoreResult result = restore(target, written.name(), into, PASSPHRASE);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.verified().allEqual()).isTrue();
        assertThat(count(target, "company")).isEqualTo(3);
        assertThat(count(target, "part")).isEqualTo(40);
        assertThat(count(target, "stock")).isEqualTo(120);
        try (Statement s = target.jdbc().createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM company WHERE id = 2")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("Łódź Tools");
        }
        assertSameTree(DEMO_MEDIA, into);
    }

    /** The files of an encrypted backup open with GnuPG alone: the dump is the one the manifest describes. */
    @Test
    void anEncryptedBackupOpensWithGpg() throws Exception {
        BackupResult written = backup("app", true, null);
        Path home = Files.createDirectory(temp.resolve("gnupg"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            Path dump = gpgDecrypt(written.folder().resolve("db.json.gz.gpg"), home);
            assertThat(DumpContents.read(dump).tables())
                    .extracting(e -> e.name() + " " + e.trailer().rowCount() + " " + e.trailer().sha256())
                    .containsExactlyElementsOf(written.manifest().tables().stream().map(t -> t.name() + " " + t.rows() + " " + t.sha256()).toList());
            Path archive = gpgDecrypt(written.folder().resolve("media.tar.gz.gpg"), home);
            assertThat(MediaArchive.plan(archive, temp.resolve("not-restored")).summary().files()).isEqualTo(DEMO_FILES);
        } finally {
            new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent").start().waitFor();
        }
    }

    /** {@code gpg --batch --pinentry-mode loopback --passphrase-fd 0 --decrypt}, the passphrase on stdin. */
    private Path gpgDecrypt(Path file, Path home) throws Exception {
        Path out = temp.resolve(file.getFileName().toString().replaceFirst("\\.gpg$", ""));
        Path log = temp.resolve(file.getFileName() + ".gpg-log");
        Process gpg;
        try {
            gpg = new ProcessBuilder("gpg", "--homedir", home.toString(), "--batch", "--pinentry-mode", "loopback",
                    "--passphrase-fd", "0", "--output", out.toString(), "--decrypt", file.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("gpg is not installed, and this test runs the real one: apt-get install gnupg", e);
        }
        try (var stdin = gpg.getOutputStream()) {
            stdin.write((PASSPHRASE + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(gpg.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).as("gpg finished").isTrue();
        assertThat(gpg.exitValue()).as(Files.readString(log)).isZero();
        assertThat(Files.readString(log)).as("no integrity warning").doesNotContain("WARNING");
        return out;
    }

    /** A backup written in the first encrypted format (AES-256-GCM segments, {@code *.enc}) still restores. */
    @Test
    void aBackupInTheFirstEncryptedFormatStillRestores() throws Exception {
        BackupResult written = backup("old", true, null);
        Path folder = written.folder();
        BackupManifest m = written.manifest();
        BackupCrypto.Keys keys = BackupCrypto.derive(PASSPHRASE.toCharArray(), m.encryption().kdfParameters());
        List<BackupManifest.FileEntry> files = new java.util.ArrayList<>();
        for (BackupManifest.FileEntry f : m.files()) {
            Path gpg = folder.resolve(f.name());
            Path enc = folder.resolve(f.name().replaceFirst("\\.gpg$", ".enc"));
            try (InputStream in = BackupCrypto.decrypt(Files.newInputStream(gpg), keys, f.name());
                 var out = GcmSegments.encrypt(Files.newOutputStream(enc), keys)) {
                in.transferTo(out);
            }
            Files.delete(gpg);
            files.add(new BackupManifest.FileEntry(enc.getFileName().toString(), f.role(), Files.size(enc), Backup.sha256(enc)));
        }
        new BackupManifest(m.format(), m.formatVersion(), "0.1.0", m.createdAt(), m.name(), m.label(), m.engine(), m.engineVersion(),
                m.database(), m.schemaVersion(), m.tables(), m.media(), files, true,
                new BackupManifest.Encryption(BackupCrypto.GCM_CIPHER, BackupCrypto.SEGMENT_SIZE, m.encryption().kdf(),
                        m.encryption().iterations(), m.encryption().salt()), null)
                .signed(keys).write(folder.resolve(BackupManifest.FILE_NAME));
        try (InputStream in = Files.newInputStream(folder.resolve("db.json.gz.enc"))) {
            assertThat(in.readNBytes(8)).isEqualTo("DBFENC1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }

        DatabaseConnection target = sqliteTarget();
        Path into = temp.resolve("restored-media");
        assertRefusedAndUntouched(target, into, written.name(), "open sesame, pleas", "passphrase does not open");
        RestoreResult result = restore(target, written.name(), into, PASSPHRASE);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.verified().allEqual()).isTrue();
        assertSameTree(DEMO_MEDIA, into);
    }

    @Test
    void sqliteBackupRestoresIntoPostgres() throws Exception {
        BackupResult written = backup("app", false, null);
        DatabaseConnection target = serverTarget(TestServers.postgres(), "dbferry_backup_restore");
        RestoreResult result = restore(target, written.name(), temp.resolve("restored-media"), null);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.verified().allEqual()).isTrue();
        assertThat(result.verified().tables()).extracting(t -> t.actualRows()).containsExactly(3L, 40L, 120L);
    }

    // ------------------------------------------------------------------ refusals

    private static void flipByte(Path file, long at) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0x04);
        }
    }

    /** Edits manifest.json as text and gives it a fresh checksum: a forger who knows the format. */
    private static void reseal(Path manifest, java.util.function.UnaryOperator<String> edit) throws IOException {
        Files.writeString(manifest, edit.apply(Files.readString(manifest)).replaceAll(",\\s*\"checksum\" : \"[0-9a-f]*\"", ""));
        BackupManifest.read(manifest).write(manifest);
    }

    private void assertRefusedAndUntouched(DatabaseConnection target, Path into, String name, String passphrase, String expected)
            throws SQLException {
        assertThatThrownBy(() -> restore(target, name, into, passphrase)).isInstanceOf(DbferryException.class)
                .hasMessageContaining(expected).hasMessageContaining("nothing was restored");
        for (String table : List.of("company", "part", "stock")) {
            assertThat(count(target, table)).as(table).isZero();
        }
        assertThat(into).doesNotExist();
    }

    @Test
    void aFlippedByteInEachFileIsRefusedBeforeTheTargetIsTouched() throws Exception {
        DatabaseConnection target = sqliteTarget();
        Path into = temp.resolve("restored-media");
        for (boolean encrypt : new boolean[]{false, true}) {
            BackupResult written = backup(encrypt ? "enc" : "plain", encrypt, null);
            for (BackupManifest.FileEntry file : written.manifest().files()) {
                Path path = written.folder().resolve(file.name());
                byte[] original = Files.readAllBytes(path);
                flipByte(path, original.length / 2);
                assertRefusedAndUntouched(target, into, written.name(), PASSPHRASE, "does not match its SHA-256");
                Files.write(path, original);
            }
            // the manifest: a changed row count, caught by its checksum; with the checksum made to agree, caught
            // against the dump (unencrypted) or by the MAC (encrypted)
            Path manifest = written.folder().resolve(BackupManifest.FILE_NAME);
            String original = Files.readString(manifest);
            Files.writeString(manifest, original.replace("\"rows\" : 120", "\"rows\" : 121"));
            assertRefusedAndUntouched(target, into, written.name(), PASSPHRASE, "was changed after the backup was written");
            reseal(manifest, text -> text.replace("\"rows\" : 120", "\"rows\" : 121"));
            assertRefusedAndUntouched(target, into, written.name(), PASSPHRASE,
                    encrypt ? "passphrase does not open the backup" : "differs from the manifest");
            Files.writeString(manifest, original);
        }
        // and once undamaged, the same backup restores
        assertThat(restore(target, "latest", into, PASSPHRASE).succeeded()).isTrue();
    }

    @Test
    void aTamperedEncryptedFileWithAMatchingChecksumIsStillRefused() throws Exception {
        BackupResult written = backup("enc", true, null);
        DatabaseConnection target = sqliteTarget();
        Path into = temp.resolve("restored-media");
        // change a byte of the media archive and put its new SHA-256 into the manifest: only the MAC can tell
        Path media = written.folder().resolve("media.tar.gz.gpg");
        flipByte(media, Files.size(media) - 40);
        Path manifest = written.folder().resolve(BackupManifest.FILE_NAME);
        BackupManifest.FileEntry entry = written.manifest().file(BackupManifest.ROLE_MEDIA).orElseThrow();
        reseal(manifest, text -> text.replace(entry.sha256(), sha(media)));
        assertRefusedAndUntouched(target, into, written.name(), PASSPHRASE, "passphrase does not open");
    }

    @Test
    void aChangedByteInAnInformationalFieldOfAPlainManifestIsRefused() throws Exception {
        BackupResult older = backup("app", false, null);
        BackupResult written = backup("app", false, null);
        DatabaseConnection target = sqliteTarget();
        Path into = temp.resolve("restored-media");
        Path manifest = written.folder().resolve(BackupManifest.FILE_NAME);
        String original = Files.readString(manifest);
        assertThat(original).contains("\"checksum\" : \"" + sha256Hex(original) + "\"");
        Files.writeString(manifest, original.replace("\"toolVersion\" : \"0.1.0\"", "\"toolVersion\" : \"0.1.1\""));
        assertThat(Files.readString(manifest)).isNotEqualTo(original);
        for (String name : List.of(written.name(), "latest")) {
            assertThatThrownBy(() -> restore(target, name, into, null)).isInstanceOf(DbferryException.class)
                    .satisfies(e -> assertThat(((DbferryException) e).kind()).isEqualTo(DbferryException.Kind.BACKUP_DAMAGED))
                    .satisfies(e -> assertThat(((DbferryException) e).paragraph())
                            .contains("The manifest of backup " + written.name() + " (" + manifest + ") was changed after the backup was written")
                            .contains("nothing was restored").contains("--backup NAME"));
        }
        assertThat(count(target, "company")).isZero();
        assertThat(into).doesNotExist();
        BackupCatalog.Listing listed = new BackupCatalog(location).list().stream()
                .filter(l -> l.name().equals(written.name())).findFirst().orElseThrow();
        assertThat(listed.complete()).isFalse();
        assertThat(listed.problem()).contains("changed");
        assertThat(restore(target, older.name(), into, null).warnings()).isEmpty();

        // a manifest written before the checksum existed still restores, with a warning line
        Files.writeString(manifest, original.replaceAll(",\\s*\"checksum\" : \"[0-9a-f]*\"", ""));
        RestoreResult old = new Restore(target, ProgressListener.NONE, n -> null)
                .run(new RestoreOptions(location, written.name(), false, false, into, true, false, false));
        assertThat(old.succeeded()).isTrue();
        assertThat(old.warnings()).singleElement().asString().contains("has no checksum");
    }

    private static String sha256Hex(String manifestText) throws Exception {
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifestText);
        tree.remove("checksum");
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(tree)));
    }

    @Test
    void anEncryptedBackupWhoseManifestSaysItIsNotIsNamedNotFoundNotGzip() throws Exception {
        BackupResult written = backup("enc", true, null);
        DatabaseConnection target = sqliteTarget();
        Path into = temp.resolve("restored-media");
        Path manifest = written.folder().resolve(BackupManifest.FILE_NAME);
        String original = Files.readString(manifest);
        // the flag alone: the manifest's checksum
        Files.writeString(manifest, original.replace("\"encrypted\" : true", "\"encrypted\" : false"));
        assertRefusedAndUntouched(target, into, written.name(), null, "was changed after the backup was written");
        // the flag, the key parameters and the MAC gone, and the checksum made to agree: the files' own first bytes
        Files.writeString(manifest, original);
        BackupManifest m = BackupManifest.read(manifest);
        new BackupManifest(m.format(), m.formatVersion(), m.toolVersion(), m.createdAt(), m.name(), m.label(), m.engine(),
                m.engineVersion(), m.database(), m.schemaVersion(), m.tables(), m.media(), m.files(), false, null, null).write(manifest);
        assertThatThrownBy(() -> restore(target, written.name(), into, null)).isInstanceOf(DbferryException.class)
                .satisfies(e -> assertThat(((DbferryException) e).kind()).isEqualTo(DbferryException.Kind.BACKUP_DAMAGED))
                .satisfies(e -> assertThat(((DbferryException) e).paragraph())
                        .contains("says the backup is not encrypted, but db.json.gz.gpg is an OpenPGP-encrypted file")
                        .contains("nothing was restored").doesNotContain("GZIP"));
        assertThat(count(target, "company")).isZero();
        assertThat(into).doesNotExist();
    }

    @Test
    void aTruncatedArchiveIsRefused() throws Exception {
        BackupResult written = backup("app", false, null);
        DatabaseConnection target = sqliteTarget();
        Path into = temp.resolve("restored-media");
        Path archive = written.folder().resolve("media.tar.gz");
        byte[] whole = Files.readAllBytes(archive);
        Files.write(archive, java.util.Arrays.copyOf(whole, whole.length - 1000));
        assertThatThrownBy(() -> restore(target, written.name(), into, null))
                .hasMessageContaining("is incomplete: media.tar.gz is " + (whole.length - 1000) + " bytes, the manifest says " + whole.length);
        assertThat(count(target, "company")).isZero();
        // even with the manifest made to agree, the archive itself is found truncated before anything is written
        Path manifest = written.folder().resolve(BackupManifest.FILE_NAME);
        BackupManifest.FileEntry entry = written.manifest().file(BackupManifest.ROLE_MEDIA).orElseThrow();
        reseal(manifest, text -> text.replace(entry.sha256(), sha(archive))
                .replace("\"bytes\" : " + entry.bytes(), "\"bytes\" : " + sizeOf(archive)));
        assertRefusedAndUntouched(target, into, written.name(), null, "truncated");
    }

    @Test
    void aWrongOrMissingPassphraseIsRefused() throws Exception {
        BackupResult written = backup("enc", true, null);
        DatabaseConnection target = sqliteTarget();
        Path into = temp.resolve("restored-media");
        assertRefusedAndUntouched(target, into, written.name(), "open sesame, pleas", "passphrase does not open");
        assertThatThrownBy(() -> restore(target, written.name(), into, null)).isInstanceOf(DbferryException.class)
                .satisfies(e -> assertThat(((DbferryException) e).paragraph()).contains("--passphrase-env"));
        assertThat(count(target, "company")).isZero();
    }

    @Test
    void mediaOnDiskThatDiffersIsNotOverwrittenUnlessAsked() throws Exception {
        BackupResult written = backup("app", false, null);
        DatabaseConnection target = sqliteTarget();
        Path into = temp.resolve("restored-media");
        String victim;
        try (Stream<Path> walk = Files.walk(DEMO_MEDIA)) {
            victim = DEMO_MEDIA.relativize(walk.filter(Files::isRegularFile).sorted().findFirst().orElseThrow()).toString();
        }
        Files.createDirectories(into.resolve(victim).getParent());
        Files.writeString(into.resolve(victim), "the operator's own file");
        assertThatThrownBy(() -> restore(target, written.name(), into, null)).isInstanceOf(DbferryException.class)
                .hasMessageContaining(victim + " (differs)");
        assertThat(count(target, "company")).isZero();
        assertThat(Files.readString(into.resolve(victim))).isEqualTo("the operator's own file");

        RestoreResult result = new Restore(target, ProgressListener.NONE, n -> null)
                .run(new RestoreOptions(location, written.name(), false, false, into, false, true, false));
        assertThat(result.succeeded()).isTrue();
        assertThat(result.media().overwritten()).isEqualTo(1);
        assertSameTree(DEMO_MEDIA, into);
    }

    @Test
    void anArchiveWithEscapingEntriesIsRefused() throws Exception {
        BackupResult written = backup("app", false, null);
        DatabaseConnection target = sqliteTarget();
        Path into = temp.resolve("restored-media");
        for (String evil : List.of("../escaped.txt", "/tmp/dbferry-absolute.txt")) {
            Path archive = written.folder().resolve("media.tar.gz");
            try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(archive))) {
                var tar = MediaTar.writer(out);
                for (String[] entry : new String[][]{{"fine.txt", "ok"}, {evil, "evil"}}) {
                    var header = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(entry[0], true);
                    header.setSize(entry[1].length());
                    tar.putArchiveEntry(header);
                    tar.write(entry[1].getBytes());
                    tar.closeArchiveEntry();
                }
                tar.finish();
            }
            // an attacker who can rewrite the manifest too (unencrypted backups carry no MAC)
            rewriteManifestFor(written, archive, new BackupManifest.MediaEntry("x", 2, 6, 0, 0));
            assertRefusedAndUntouched(target, into, written.name(), null, "is refused");
            assertThat(temp.resolve("escaped.txt")).doesNotExist();
            assertThat(Path.of("/tmp/dbferry-absolute.txt")).doesNotExist();
        }
    }

    @Test
    void aChainOfLinksInTheArchiveIsRefusedBeforeTheRecordsAreTouched() throws Exception {
        BackupResult written = backup("app", false, null);
        DatabaseConnection target = sqliteTarget();
        try (Statement s = target.jdbc().createStatement()) {
            s.execute("INSERT INTO company VALUES (7, 'the target''s own', NULL), (8, 'kept', NULL)");
        }
        Path into = temp.resolve("restored-media");
        // x -> . and x/y -> .. : each link alone stays inside, but y is really at the top and leads to its parent
        Path archive = written.folder().resolve("media.tar.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(archive))) {
            var tar = MediaTar.writer(out);
            for (String[] link : new String[][]{{"x", "."}, {"x/y", ".."}}) {
                var header = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(link[0],
                        org.apache.commons.compress.archivers.tar.TarConstants.LF_SYMLINK, true);
                header.setLinkName(link[1]);
                tar.putArchiveEntry(header);
                tar.closeArchiveEntry();
            }
            var planted = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("x/y/planted.txt", true);
            planted.setSize(4);
            tar.putArchiveEntry(planted);
            tar.write("evil".getBytes());
            tar.closeArchiveEntry();
            tar.finish();
        }
        rewriteManifestFor(written, archive, new BackupManifest.MediaEntry("x", 1, 4, 0, 2));

        long[] before = {count(target, "company"), count(target, "part"), count(target, "stock")};
        assertThatThrownBy(() -> new Restore(target, ProgressListener.NONE, n -> null)
                .run(new RestoreOptions(location, written.name(), false, false, into, true, true, false)))
                .isInstanceOf(DbferryException.class).hasMessageContaining("outside the media folder")
                .hasMessageContaining("nothing was restored");
        assertThat(new long[]{count(target, "company"), count(target, "part"), count(target, "stock")}).isEqualTo(before);
        assertThat(before[0]).isEqualTo(2);
        assertThat(into).doesNotExist();
        assertThat(temp.resolve("planted.txt")).doesNotExist();
    }

    /** The manifest made to agree with a crafted media archive (size, SHA-256, counts), checksum and all. */
    private static void rewriteManifestFor(BackupResult written, Path archive, BackupManifest.MediaEntry media) throws IOException {
        Path manifest = written.folder().resolve(BackupManifest.FILE_NAME);
        BackupManifest m = BackupManifest.read(manifest);
        List<BackupManifest.FileEntry> files = m.files().stream().map(f -> f.role().equals(BackupManifest.ROLE_MEDIA)
                ? new BackupManifest.FileEntry(f.name(), f.role(), sizeOf(archive), sha(archive)) : f).toList();
        new BackupManifest(m.format(), m.formatVersion(), m.toolVersion(), m.createdAt(), m.name(), m.label(), m.engine(),
                m.engineVersion(), m.database(), m.schemaVersion(), m.tables(), media, files, false, null, null).write(manifest);
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha(Path p) {
        try {
            return Backup.sha256(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ catalog

    @Test
    void rotationKeepsTheNewestOfTheLabelAndNeverTheOneJustWritten() {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            names.add(backup("nightly", false, null).name());
        }
        String other = backup("weekly", false, null).name();
        BackupResult latest = backup("nightly", false, 2);
        assertThat(latest.removed()).containsExactlyInAnyOrder(names.get(0), names.get(1), names.get(2));
        List<String> left = new BackupCatalog(location).list().stream().map(BackupCatalog.Listing::name).toList();
        assertThat(left).containsExactly(names.get(3), other, latest.name());
        // keep 1: only the new one of its label survives
        BackupResult only = backup("nightly", false, 1);
        assertThat(only.removed()).containsExactlyInAnyOrder(names.get(3), latest.name());
        assertThat(new BackupCatalog(location).list().stream().map(BackupCatalog.Listing::name).toList())
                .containsExactly(other, only.name());
    }

    @Test
    void aBackupKilledHalfWayIsNeverComplete() throws Exception {
        BackupResult good = backup("app", false, null);
        // a killed backup: its temporary folder with files, even a manifest, but never renamed
        Path partial = location.resolve(".app-20260301T120000Z.partial");
        Files.createDirectories(partial);
        Files.copy(good.folder().resolve("db.json.gz"), partial.resolve("db.json.gz"));
        Files.copy(good.folder().resolve("manifest.json"), partial.resolve("manifest.json"));
        // and a folder whose media archive was lost
        Path broken = location.resolve("app-20260301T130000Z");
        Files.createDirectories(broken);
        Files.copy(good.folder().resolve("manifest.json"), broken.resolve("manifest.json"));
        Files.copy(good.folder().resolve("db.json.gz"), broken.resolve("db.json.gz"));

        List<BackupCatalog.Listing> listings = new BackupCatalog(location).list();
        assertThat(listings).hasSize(3);
        assertThat(listings).filteredOn(BackupCatalog.Listing::complete).extracting(BackupCatalog.Listing::name)
                .containsExactly(good.name());
        assertThat(listings).filteredOn(l -> l.name().equals("app-20260301T120000Z")).singleElement()
                .satisfies(l -> assertThat(l.problem()).contains("interrupted"));
        assertThat(listings).filteredOn(l -> l.folder().equals(broken)).singleElement()
                .satisfies(l -> assertThat(l.problem()).isEqualTo("media.tar.gz is missing"));
        // latest is the newest complete one; the broken one is refused by name
        DatabaseConnection target = sqliteTarget();
        assertThatThrownBy(() -> restore(target, "app-20260301T130000Z", temp.resolve("m"), null))
                .hasMessageContaining("incomplete");
        assertThat(restore(target, "latest", temp.resolve("m"), null).backup()).isEqualTo(good.name());
    }

    @Test
    void aFailingBackupLeavesNothingBehind() {
        now = now.plusSeconds(60);
        Backup backup = new Backup(session.require(Side.SOURCE), ProgressListener.NONE, Clock.fixed(now, ZoneOffset.UTC));
        assertThatThrownBy(() -> backup.run(new BackupOptions(location, "app", false, false, temp.resolve("no-such-media"), null, null)))
                .hasMessageContaining("does not exist");
        assertThat(new BackupCatalog(location).list()).isEmpty();
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
