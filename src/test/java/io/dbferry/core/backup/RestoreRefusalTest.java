package io.dbferry.core.backup;

import io.dbferry.core.DbferryException;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Damaged, tampered or crafted backups, a wrong passphrase and media on disk that differ: restore refuses each
 * before the target's records or the media folder are touched.
 */
class RestoreRefusalTest extends DemoAppBackupFixture {

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
}
