package io.dbferry.core.backup;

import io.dbferry.core.dump.DumpContents;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.testing.TestServers;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Backups of the demo application, plain and encrypted, restored onto SQLite, MariaDB and PostgreSQL, and opened with GnuPG. */
class BackupRoundTripTest extends DemoAppBackupFixture {

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
}
