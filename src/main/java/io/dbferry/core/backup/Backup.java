package io.dbferry.core.backup;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryVersion;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.ExportOptions;
import io.dbferry.core.transfer.ExportResult;
import io.dbferry.core.transfer.Exporter;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Takes a backup: create a private folder under a temporary name, export the records into the dump
 * format, archive the media folder, encrypt both if asked, write the manifest with every file's
 * checksum, rename the folder to LABEL-YYYYMMDDTHHMMSSZ, and rotate old backups. Anything that stops
 * it before the rename leaves no folder that looks complete.
 */
public final class Backup {

    static final String DB_FILE = "db.json.gz";
    static final String MEDIA_FILE = "media.tar.gz";
    /** Encrypted files are OpenPGP messages: gpg takes the name off the suffix. */
    static final String ENCRYPTED_SUFFIX = ".gpg";
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final DatabaseConnection database;
    private final ProgressListener progress;
    private final Clock clock;

    /** {@code database} may be null when the options skip it. */
    public Backup(DatabaseConnection database, ProgressListener progress) {
        this(database, progress, Clock.systemUTC());
    }

    public Backup(DatabaseConnection database, ProgressListener progress, Clock clock) {
        this.database = database;
        this.progress = progress;
        this.clock = clock;
    }

    public BackupResult run(BackupOptions options) {
        Instant started = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        checkOptions(options);
        String label = options.label() != null ? options.label() : defaultLabel();
        Path location = prepareLocation(options.location());
        String name = label + "-" + STAMP.format(started);
        Path folder = location.resolve(name);
        Path partial = location.resolve(BackupCatalog.PARTIAL_PREFIX + name + BackupCatalog.PARTIAL_SUFFIX);
        if (Files.exists(folder) || Files.exists(partial)) {
            throw new DbferryException(Kind.FILE, "A backup named " + name + " already exists under " + location + ".",
                    "Wait a second, or give another --label.");
        }
        BackupCrypto.Keys keys = null;
        try {
            createPrivateFolder(partial);
            if (options.encrypt()) {
                keys = BackupCrypto.derive(options.passphrase(), BackupCrypto.KdfParameters.fresh());
            }
            ExportResult export = options.skipDb() ? null : exportDatabase(partial, keys);
            MediaArchive.Summary media = options.skipMedia() ? null : archiveMedia(options.mediaDir(), partial, keys);
            List<BackupManifest.FileEntry> files = checksums(partial, export != null, media != null, keys != null);
            BackupManifest manifest = manifest(started, name, label, export, options.mediaDir(), media, files, keys);
            manifest.write(partial.resolve(BackupManifest.FILE_NAME));
            restrictFiles(partial);
            Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
            List<String> removed = options.keep() == null ? List.of()
                    : new BackupCatalog(location).rotate(label, options.keep(), name);
            return new BackupResult(name, folder, manifest, export, removed, Duration.between(started, clock.instant()));
        } catch (IOException e) {
            throw new DbferryException(Kind.FILE, "The backup " + name + " could not be written: " + e.getMessage() + "; nothing was kept.",
                    "Check the free space and permissions of " + location + ".", e);
        } finally {
            if (options.passphrase() != null) {
                Arrays.fill(options.passphrase(), '\0');
            }
            if (keys != null) {
                keys.forget();
            }
            deleteQuietly(partial);
        }
    }

    private void checkOptions(BackupOptions options) {
        if (options.skipDb() && options.skipMedia()) {
            throw new DbferryException(Kind.USAGE, "--skip-db and --skip-media together leave nothing to back up.", "Leave out one of them.");
        }
        if (!options.skipDb() && database == null) {
            throw new DbferryException(Kind.USAGE, "No database connection to back up.", "Connect one, or add --skip-db.");
        }
        if (!options.skipMedia() && options.mediaDir() == null) {
            throw new DbferryException(Kind.USAGE, "No media folder is configured.",
                    "Give it with --media DIR (or media.dir in dbferry.yml), or add --skip-media.");
        }
        if (options.location() == null) {
            throw new DbferryException(Kind.USAGE, "No backup location is configured.",
                    "Give it with --path DIR, or set backup.location in dbferry.yml.");
        }
        if (options.label() != null && !LABEL.matcher(options.label()).matches()) {
            throw new DbferryException(Kind.USAGE, "The label '" + options.label() + "' is not usable in a folder name.",
                    "Use letters, digits, '.', '_' and '-' (up to 64), starting with a letter or digit.");
        }
        if (options.keep() != null && options.keep() < 1) {
            throw new DbferryException(Kind.USAGE, "--keep " + options.keep() + " would remove every backup.", "Give --keep 1 or more.");
        }
    }

    /** The database's name, made safe for a folder name; "media" for a media-only backup. */
    private String defaultLabel() {
        if (database == null) {
            return "media";
        }
        String base = database.server().database();
        if (base == null || base.isBlank()) {
            base = database.spec().database();
        }
        String cleaned = (base == null ? "" : base).replaceAll("\\.(sqlite3?|db)$", "").replaceAll("[^A-Za-z0-9._-]", "_")
                .replaceAll("^[._-]+", "");
        if (cleaned.length() > 64) {
            cleaned = cleaned.substring(0, 64);
        }
        return cleaned.isEmpty() ? "backup" : cleaned;
    }

    private static Path prepareLocation(Path location) {
        Path absolute = location.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new DbferryException(Kind.FILE, "Cannot create the backup location " + absolute + ": " + e.getMessage(),
                    "Create it yourself, or give another with --path.", e);
        }
        return absolute;
    }

    private ExportResult exportDatabase(Path partial, BackupCrypto.Keys keys) throws IOException {
        Path plain = partial.resolve(DB_FILE);
        ExportResult export = new Exporter(database, progress).export(ExportOptions.all(plain));
        restrict(plain);
        if (keys == null) {
            return export;
        }
        try (InputStream in = Files.newInputStream(plain);
             OutputStream out = BackupCrypto.encrypt(new BufferedOutputStream(Files.newOutputStream(
                     partial.resolve(DB_FILE + ENCRYPTED_SUFFIX)), 64 * 1024), keys, DB_FILE)) {
            in.transferTo(out);
        } finally {
            Files.deleteIfExists(plain);
        }
        return export;
    }

    private static MediaArchive.Summary archiveMedia(Path mediaDir, Path partial, BackupCrypto.Keys keys) throws IOException {
        Path file = partial.resolve(keys == null ? MEDIA_FILE : MEDIA_FILE + ENCRYPTED_SUFFIX);
        OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
        try (OutputStream out = keys == null ? raw : BackupCrypto.encrypt(raw, keys, MEDIA_FILE)) {
            return MediaArchive.write(mediaDir, out);
        }
    }

    private static List<BackupManifest.FileEntry> checksums(Path partial, boolean db, boolean media, boolean encrypted)
            throws IOException {
        String suffix = encrypted ? ENCRYPTED_SUFFIX : "";
        List<BackupManifest.FileEntry> files = new ArrayList<>();
        if (db) {
            files.add(fileEntry(partial, DB_FILE + suffix, BackupManifest.ROLE_DATABASE));
        }
        if (media) {
            files.add(fileEntry(partial, MEDIA_FILE + suffix, BackupManifest.ROLE_MEDIA));
        }
        return files;
    }

    private static BackupManifest.FileEntry fileEntry(Path folder, String name, String role) throws IOException {
        Path file = folder.resolve(name);
        return new BackupManifest.FileEntry(name, role, Files.size(file), sha256(file));
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = MediaArchive.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private BackupManifest manifest(Instant started, String name, String label, ExportResult export, Path mediaDir,
                                    MediaArchive.Summary media, List<BackupManifest.FileEntry> files,
                                    BackupCrypto.Keys keys) {
        List<BackupManifest.TableEntry> tables = export == null ? List.of() : export.tables().stream()
                .map(t -> new BackupManifest.TableEntry(t.table(), t.rows(), t.sha256())).toList();
        BackupManifest.MediaEntry mediaEntry = media == null ? null : new BackupManifest.MediaEntry(
                mediaDir.toAbsolutePath().normalize().toString(), media.files(), media.bytes(), media.directories(), media.links());
        BackupManifest.Encryption encryption = keys == null ? null : new BackupManifest.Encryption(BackupCrypto.CIPHER,
                null, keys.parameters().algorithm(), keys.parameters().iterations(), keys.parameters().salt());
        boolean withDb = export != null;
        BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, BackupManifest.CURRENT_VERSION, DbferryVersion.get(),
                started.toString(), name, label,
                withDb ? database.server().engine().displayName() : null,
                withDb ? database.server().version() : null,
                withDb ? database.server().database() : null,
                withDb ? database.catalog().schemaVersion().orElse(null) : null,
                tables, mediaEntry, files, keys != null, encryption, null);
        return keys == null ? manifest : manifest.signed(keys);
    }

    private static void createPrivateFolder(Path folder) throws IOException {
        try {
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectory(folder);
        } catch (FileAlreadyExistsException e) {
            throw new DbferryException(Kind.FILE, "A backup folder " + folder + " already exists.", "Wait a second, or give another --label.");
        }
    }

    private static void restrictFiles(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                restrict(file);
            }
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's own protection is what there is
        }
    }

    private static void deleteQuietly(Path partial) {
        try {
            BackupCatalog.deleteTree(partial);
        } catch (IOException ignored) {
            // a leftover temporary folder is listed as interrupted, never as complete
        }
    }
}
