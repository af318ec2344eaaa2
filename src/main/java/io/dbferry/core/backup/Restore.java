package io.dbferry.core.backup;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.dump.DumpContents;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.ImportOptions;
import io.dbferry.core.transfer.ImportResult;
import io.dbferry.core.transfer.Verifier;
import io.dbferry.core.transfer.VerifyResult;
import io.dbferry.core.transfer.imports.Importer;
import io.dbferry.core.transfer.imports.WriterLocks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Restores a backup into the target and the media folder. First everything is checked, touching
 * nothing: the manifest (and, when encrypted, its MAC under the passphrase), every file's size and
 * SHA-256, each file decrypted and authenticated into a private staging folder, the dump read end to
 * end and matched with the manifest's tables, and the media archive read end to end for unsafe
 * entries and files on disk that differ. Then the records go through the Importer, the media are
 * written, and the target is verified against the backup's dump.
 */
public final class Restore {

    private final DatabaseConnection target;
    private final ProgressListener progress;
    private final Function<String, char[]> passphrase;
    private java.nio.file.Path marks;

    /**
     * @param target     null when the options skip the database
     * @param passphrase asked for a backup's passphrase (by name) only when the backup is encrypted
     */
    public Restore(DatabaseConnection target, ProgressListener progress, Function<String, char[]> passphrase) {
        this.target = target;
        this.progress = progress;
        this.passphrase = passphrase;
    }

    /** Removes from {@code marksFile} the sync marks of the tables the restore writes ({@link Importer#forgettingMarks}). */
    public Restore forgettingMarks(java.nio.file.Path marksFile) {
        this.marks = marksFile;
        return this;
    }

    public RestoreResult run(RestoreOptions options) {
        Instant started = Instant.now();
        checkOptions(options);
        BackupCatalog.Listing backup = new BackupCatalog(options.location()).find(options.backup());
        BackupManifest manifest = backup.manifest();
        boolean restoreDb = !options.skipDb() && manifest.file(BackupManifest.ROLE_DATABASE).isPresent();
        boolean restoreMedia = !options.skipMedia() && manifest.file(BackupManifest.ROLE_MEDIA).isPresent();
        if (!restoreDb && !restoreMedia) {
            throw new DbferryException(Kind.USAGE, "The backup " + backup.name() + " holds nothing that the options leave to restore.",
                    "Leave out --skip-db or --skip-media.");
        }
        if (!options.skipMedia() && restoreMedia && options.mediaDir() == null) {
            throw new DbferryException(Kind.USAGE, "No media folder to restore into.",
                    "Give it with --media DIR (or media.dir in dbferry.yml), or add --skip-media.");
        }
        List<String> warnings = checkManifestForm(backup, manifest);
        BackupCrypto.Keys keys = manifest.encrypted() ? unlock(backup, manifest) : null;
        Path staging;
        Path dump;
        Path archive;
        try {
            checkChecksums(backup, manifest);
            staging = createStaging();
            try {
                dump = restoreDb ? stage(backup, manifest.file(BackupManifest.ROLE_DATABASE).get(), keys, staging, Backup.DB_FILE) : null;
                archive = restoreMedia ? stage(backup, manifest.file(BackupManifest.ROLE_MEDIA).get(), keys, staging, Backup.MEDIA_FILE) : null;
            } catch (RuntimeException e) {
                deleteStaging(staging);
                throw e;
            }
        } finally {
            if (keys != null) {
                keys.forget();
            }
        }
        try {
            if (dump != null) {
                checkDump(backup, manifest, dump);
            }
            MediaArchive.Plan plan = archive != null ? planMedia(backup, manifest, archive, options) : null;
            // everything is checked: from here on the target and the media folder change

            // one writer lock for the records, the media and the verify: no other writer between them
            try (WriterLocks locks = dump == null ? null : WriterLocks.take(target, dump, ImportOptions.DEFAULT_SERVER_TIMEOUT,
                    "restoring backup " + backup.name())) {
                ImportResult imported = null;
                VerifyResult verified = null;
                if (dump != null) {
                    imported = new Importer(target, progress).forgettingMarks(marks).importFileHolding(locks, new ImportOptions(dump, List.of(),
                            options.clear(), false, ImportOptions.DEFAULT_BATCH_SIZE, options.allowVersionMismatch())
                            .withCheckFirst(true)); // a restore writes nothing while anything in the backup is wrong
                    if (!imported.succeeded()) {
                        return new RestoreResult(backup.name(), manifest, imported, null, null, Duration.between(started, Instant.now()),
                                warnings);
                    }
                }
                MediaArchive.Restored media = archive != null ? extractMedia(archive, plan, options) : null;
                if (dump != null) {
                    verified = new Verifier(target, progress).againstFile(dump, List.of());
                }
                return new RestoreResult(backup.name(), manifest, imported, media, verified, Duration.between(started, Instant.now()),
                        warnings);
            }
        } finally {
            deleteStaging(staging);
        }
    }

    private static void deleteStaging(Path staging) {
        try {
            BackupCatalog.deleteTree(staging);
        } catch (IOException ignored) {
            // the staging folder is private and under the temporary directory
        }
    }

    private void checkOptions(RestoreOptions options) {
        if (options.location() == null) {
            throw new DbferryException(Kind.USAGE, "No backup location is configured.",
                    "Give it with --path DIR, or set backup.location in dbferry.yml.");
        }
        if (options.skipDb() && options.skipMedia()) {
            throw new DbferryException(Kind.USAGE, "--skip-db and --skip-media together leave nothing to restore.", "Leave out one of them.");
        }
        if (!options.skipDb() && target == null) {
            throw new DbferryException(Kind.USAGE, "No target connection to restore into.", "Connect the target, or add --skip-db.");
        }
    }

    /**
     * The manifest's {@code encrypted} against what the files are by their first bytes, so a changed flag
     * is named instead of failing later as a file "not in GZIP format". Returns the warnings for a
     * manifest from before manifest checksums (an encrypted one is covered by its MAC all the same).
     */
    private static List<String> checkManifestForm(BackupCatalog.Listing backup, BackupManifest manifest) {
        Path manifestFile = backup.folder().resolve(BackupManifest.FILE_NAME);
        try {
            for (BackupManifest.FileEntry file : manifest.files()) {
                BackupCrypto.StoredForm form = BackupCrypto.StoredForm.of(backup.folder().resolve(file.name()));
                if (form.encrypted() != manifest.encrypted() || form == BackupCrypto.StoredForm.UNKNOWN) {
                    throw new DbferryException(Kind.BACKUP_DAMAGED, "The manifest of backup " + backup.name() + " (" + manifestFile
                            + ") says the backup is " + (manifest.encrypted() ? "" : "not ") + "encrypted, but " + file.name() + " is "
                            + form.description + "; the manifest or the file was changed, and nothing was restored.",
                            "Restore another backup ('backups' lists them), or put back the backup's original manifest.json.");
                }
            }
            if (!manifest.encrypted() && !BackupManifest.carriesChecksum(manifestFile)) {
                return List.of("The manifest of backup " + backup.name() + " has no checksum (it was written by a dbferry from before"
                        + " manifest checksums): its tables, counts and file checksums were checked against the files, a change to"
                        + " its other fields would not have been noticed.");
            }
            return List.of();
        } catch (IOException e) {
            throw new DbferryException(Kind.FILE, "Cannot read backup " + backup.name() + ": " + e.getMessage() + "; nothing was restored.",
                    "Check that the backup location is readable.", e);
        }
    }

    /** Derives the keys and checks the manifest's MAC: a wrong passphrase is found here, before any file is read. */
    private BackupCrypto.Keys unlock(BackupCatalog.Listing backup, BackupManifest manifest) {
        if (manifest.encryption() == null || manifest.mac() == null) {
            throw new DbferryException(Kind.BACKUP_DAMAGED, "The backup " + backup.name() + " says it is encrypted but its manifest lacks the key "
                    + "parameters or the MAC; nothing was restored.", "The manifest was changed; restore another backup.");
        }
        char[] secret = passphrase.apply(backup.name());
        try {
            BackupCrypto.Keys keys = BackupCrypto.derive(secret, manifest.encryption().kdfParameters());
            if (!manifest.macValid(keys)) {
                throw new DbferryException(Kind.BACKUP_DAMAGED, "The passphrase does not open the backup " + backup.name()
                        + " (or its manifest was changed); nothing was restored.",
                        "Give the passphrase the backup was written with.");
            }
            return keys;
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /** Every file of the backup: present, of its recorded size and SHA-256. */
    private static void checkChecksums(BackupCatalog.Listing backup, BackupManifest manifest) {
        List<String> problems = new ArrayList<>();
        for (BackupManifest.FileEntry file : manifest.files()) {
            Path path = backup.folder().resolve(file.name());
            if (!path.normalize().getParent().equals(backup.folder().normalize())) {
                problems.add(file.name() + " is not a plain file name");
                continue;
            }
            try {
                if (Files.size(path) != file.bytes()) {
                    problems.add(file.name() + " is " + Files.size(path) + " bytes, the manifest says " + file.bytes());
                } else if (!Backup.sha256(path).equals(file.sha256())) {
                    problems.add(file.name() + " does not match its SHA-256 in the manifest");
                }
            } catch (IOException e) {
                problems.add(file.name() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new DbferryException(Kind.BACKUP_DAMAGED, "The backup " + backup.name() + " is damaged; nothing was restored:\n  - "
                    + String.join("\n  - ", problems), "\nRestore another backup ('backups' lists them).");
        }
    }

    private static Path createStaging() {
        try {
            try {
                return Files.createTempDirectory("dbferry-restore-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                return Files.createTempDirectory("dbferry-restore-");
            }
        } catch (IOException e) {
            throw new DbferryException(Kind.FILE, "Cannot create a staging folder under " + System.getProperty("java.io.tmpdir") + ": "
                    + e.getMessage(), "Free some space there, or point java.io.tmpdir elsewhere (DBFERRY_JAVA_OPTS).", e);
        }
    }

    /**
     * Copies (decrypting when needed) one backup file into the staging folder, hashing the stored bytes
     * again on the way so the copy is the file that was checked.
     */
    private static Path stage(BackupCatalog.Listing backup, BackupManifest.FileEntry file, BackupCrypto.Keys keys,
                              Path staging, String stagedName) {
        Path staged = staging.resolve(stagedName);
        MessageDigest digest = MediaArchive.sha256();
        try (InputStream stored = new DigestInputStream(new BufferedInputStream(Files.newInputStream(backup.folder().resolve(file.name())),
                64 * 1024), digest);
             InputStream plain = keys == null ? stored : BackupCrypto.decrypt(stored, keys, file.name());
             OutputStream out = Files.newOutputStream(staged)) {
            plain.transferTo(out);
            stored.transferTo(OutputStream.nullOutputStream());
        } catch (BackupIntegrityException e) {
            throw new DbferryException(Kind.BACKUP_DAMAGED, "The backup " + backup.name() + " is damaged or tampered with: " + e.getMessage()
                    + "; nothing was restored.", "Restore another backup ('backups' lists them).", e);
        } catch (IOException e) {
            throw new DbferryException(Kind.FILE, "Cannot read " + file.name() + " of backup " + backup.name() + ": " + e.getMessage()
                    + "; nothing was restored.", null, e);
        }
        if (!HexFormat.of().formatHex(digest.digest()).equals(file.sha256())) {
            throw new DbferryException(Kind.BACKUP_DAMAGED, "The backup file " + file.name() + " of " + backup.name()
                    + " changed while it was being read; nothing was restored.", "Make sure nothing writes to the backup location, and restore again.");
        }
        return staged;
    }

    /** The dump read end to end (every row, every trailer) and its tables matched with the manifest's. */
    private static void checkDump(BackupCatalog.Listing backup, BackupManifest manifest, Path dump) {
        DumpContents contents;
        try {
            contents = DumpContents.read(dump);
        } catch (DbferryException e) {
            throw new DbferryException(Kind.BACKUP_DAMAGED, e.where(), "The database file of backup " + backup.name() + " is damaged: "
                    + e.getMessage()
                    + "; nothing was restored.", "Restore another backup.", e);
        }
        Map<String, BackupManifest.TableEntry> expected = manifest.tables().stream()
                .collect(Collectors.toMap(BackupManifest.TableEntry::name, t -> t, (a, b) -> a));
        List<String> problems = new ArrayList<>();
        for (DumpContents.Entry entry : contents.tables()) {
            BackupManifest.TableEntry table = expected.remove(entry.name());
            if (table == null) {
                problems.add("table " + entry.name() + " is in the dump but not in the manifest");
            } else if (table.rows() != entry.trailer().rowCount() || !table.sha256().equals(entry.trailer().sha256())) {
                problems.add("table " + entry.name() + " differs from the manifest (rows or checksum)");
            }
        }
        expected.keySet().forEach(name -> problems.add("table " + name + " is in the manifest but not in the dump"));
        if (!problems.isEmpty()) {
            throw new DbferryException(Kind.BACKUP_DAMAGED,
                    "The backup " + backup.name() + " does not agree with its manifest; nothing was restored:\n  - "
                    + String.join("\n  - ", problems), "\nRestore another backup.");
        }
    }

    private static MediaArchive.Plan planMedia(BackupCatalog.Listing backup, BackupManifest manifest, Path archive,
                                               RestoreOptions options) {
        MediaArchive.Plan plan;
        try {
            plan = MediaArchive.plan(archive, options.mediaDir());
        } catch (MediaArchive.UnsafeEntryException e) {
            throw new DbferryException(Kind.BACKUP_DAMAGED, "The media archive of backup " + backup.name() + " is refused: " + e.getMessage()
                    + "; nothing was restored.", "Restore another backup; do not trust this one.", e);
        } catch (IOException e) {
            throw new DbferryException(Kind.BACKUP_DAMAGED, "The media archive of backup " + backup.name() + " is damaged: " + e.getMessage()
                    + "; nothing was restored.", "Restore another backup.", e);
        }
        BackupManifest.MediaEntry media = manifest.media();
        MediaArchive.Summary found = plan.summary();
        if (media != null && (media.files() != found.files() || media.bytes() != found.bytes()
                || media.directories() != found.directories() || media.links() != found.links())) {
            throw new DbferryException(Kind.BACKUP_DAMAGED, "The media archive of backup " + backup.name() + " holds " + found.files() + " files ("
                    + found.bytes() + " bytes), " + found.directories() + " folders and " + found.links() + " links, the manifest says "
                    + media.files() + " (" + media.bytes() + " bytes), " + media.directories() + " and " + media.links()
                    + "; nothing was restored.", "Restore another backup.");
        }
        if (!plan.conflicts().isEmpty() && !options.overwriteMedia()) {
            List<String> shown = plan.conflicts().subList(0, Math.min(10, plan.conflicts().size()));
            throw new DbferryException(Kind.FILE, plan.conflicts().size() + " media file(s) in " + options.mediaDir()
                    + " differ from the backup; nothing was restored:\n  - " + String.join("\n  - ", shown)
                    + (plan.conflicts().size() > shown.size() ? "\n  - ..." : ""),
                    "\nAdd --overwrite-media to replace them, or restore into another folder with --media DIR.");
        }
        return plan;
    }

    private static MediaArchive.Restored extractMedia(Path archive, MediaArchive.Plan plan, RestoreOptions options) {
        try {
            return MediaArchive.extract(archive, options.mediaDir(), plan, options.overwriteMedia());
        } catch (IOException | BackupIntegrityException e) {
            throw new DbferryException(Kind.FILE, "Restoring the media into " + options.mediaDir() + " failed: " + e.getMessage()
                    + ". The records are restored.", "Fix the cause and run the restore again with --skip-db.", e);
        }
    }
}
