package io.dbferry.shell.commands;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.backup.Backup;
import io.dbferry.core.backup.BackupCatalog;
import io.dbferry.core.backup.BackupManifest;
import io.dbferry.core.backup.BackupOptions;
import io.dbferry.core.backup.BackupResult;
import io.dbferry.core.backup.MediaArchive;
import io.dbferry.core.backup.Passphrases;
import io.dbferry.core.backup.Restore;
import io.dbferry.core.backup.RestoreOptions;
import io.dbferry.core.backup.RestoreResult;
import io.dbferry.core.config.DbferryConfig;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.core.transfer.ImportJournal;
import io.dbferry.core.transfer.TableState;
import io.dbferry.core.transfer.VerifyResult;
import io.dbferry.core.transfer.SyncMarks;
import io.dbferry.shell.completion.TableNameCache;
import io.dbferry.shell.progress.OperationProgress;
import io.dbferry.shell.progress.ProgressViews;
import io.dbferry.shell.render.Json;
import io.dbferry.shell.render.OutputFormat;
import io.dbferry.shell.render.TextTable;
import io.dbferry.shell.render.output.BackupOutput;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** backup, backups, restore: the database and the media folder together, to and from a backup location. */
@ShellComponent
public class BackupCommands {

    private static final String GROUP = "Backup";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final Session session;
    private final DbferryConfig config;
    private final TableNameCache tableNames;
    private final ProgressViews progressViews;

    public BackupCommands(Session session, DbferryConfig config, TableNameCache tableNames, ProgressViews progressViews) {
        this.session = session;
        this.config = config;
        this.tableNames = tableNames;
        this.progressViews = progressViews;
    }

    @ShellMethod(key = "backup", group = GROUP, value = """
            Back up the records (dump format) and the media folder into LABEL-YYYYMMDDTHHMMSSZ under the backup location, \
            with a manifest of checksums; --encrypt writes OpenPGP files (AES-256, a passphrase) that gpg --decrypt also opens. \
            Example: backup --label nightly --keep 7 --encrypt --passphrase-env BACKUP_PASSPHRASE""")
    public String backup(
            @ShellOption(value = "--on", defaultValue = "source", help = "the connection to back up: source or target") String on,
            @ShellOption(value = "--path", defaultValue = ShellOption.NULL, help = "the backup location (default backup.location)") String path,
            @ShellOption(value = "--label", defaultValue = ShellOption.NULL, help = "first part of the name (default the database's name)") String label,
            @ShellOption(value = "--skip-db", help = "leave out the records") boolean skipDb,
            @ShellOption(value = "--skip-media", help = "leave out the media folder") boolean skipMedia,
            @ShellOption(value = "--media", defaultValue = ShellOption.NULL, help = "the media folder (default media.dir)") String media,
            @ShellOption(value = "--keep", defaultValue = ShellOption.NULL, help = "keep this many complete backups of the label, removing the oldest") Integer keep,
            @ShellOption(value = "--encrypt", help = "encrypt with a passphrase (prompted without echo, or --passphrase-env)") boolean encrypt,
            @ShellOption(value = "--passphrase-env", defaultValue = ShellOption.NULL, help = "environment variable holding the passphrase") String passphraseEnv,
            @ShellOption(value = "--format", defaultValue = "text", help = "text or json") String format) {
        OutputFormat output = OutputFormat.parse(format);
        if (passphraseEnv != null && !encrypt) {
            throw new DbferryException(Kind.USAGE, "--passphrase-env is given without --encrypt.", "Add --encrypt to encrypt the backup.");
        }
        Path location = location(path);
        Path mediaDir = skipMedia ? null : mediaDir(media);
        var database = skipDb ? null : session.require(Side.parse(on));
        char[] passphrase = encrypt ? Passphrases.forNewBackup(passphraseEnv, session.passwordPrompt()) : null;
        BackupResult result;
        try (OperationProgress progress = progressViews.open("backup", "backup → " + location, false, output)) {
            result = new Backup(database, progress).run(new BackupOptions(location, label, skipDb, skipMedia, mediaDir, keep, passphrase));
        }
        if (output.json()) {
            return Json.write(BackupOutput.Backup.of(result));
        }
        BackupManifest m = result.manifest();
        TextTable table = new TextTable("file", "bytes", "sha256").alignRight(1);
        m.files().forEach(f -> table.row(f.name(), TextTable.number(f.bytes()), f.sha256()));
        table.footer("backup " + result.name() + " written to " + result.folder() + (m.encrypted() ? " (encrypted)" : ""));
        if (result.export() != null) {
            table.footer(String.format("records: %,d rows in %d tables from %s %s", m.totalRows(), m.tables().size(),
                    m.engine(), m.database()));
        }
        if (m.media() != null) {
            table.footer(String.format("media: %,d files, %,d bytes from %s", m.media().files(), m.media().bytes(), m.media().source()));
        }
        if (!result.removed().isEmpty()) {
            table.footer("removed older backups: " + String.join(", ", result.removed()));
        }
        return table.render();
    }

    @ShellMethod(key = "backups", group = GROUP, value = "List the backups under the backup location, oldest first. Example: backups --path /srv/backups")
    public String backups(
            @ShellOption(value = "--path", defaultValue = ShellOption.NULL, help = "the backup location (default backup.location)") String path,
            @ShellOption(value = "--format", defaultValue = "text", help = "text or json") String format) {
        BackupCatalog catalog = new BackupCatalog(location(path));
        List<BackupCatalog.Listing> listings = catalog.list();
        if (OutputFormat.parse(format).json()) {
            return Json.write(BackupOutput.Backups.of(catalog, listings));
        }
        TextTable table = new TextTable("time", "name", "label", "engine", "tables", "rows", "media files", "size", "encrypted",
                "complete").alignRight(4, 5, 6, 7);
        for (BackupCatalog.Listing l : listings) {
            BackupManifest m = l.manifest();
            table.row(TIME.format(l.time()), l.name(), m == null ? "" : m.label(), m == null || m.engine() == null ? "-" : m.engine(),
                    m == null ? "" : TextTable.number(m.tables().size()), m == null ? "" : TextTable.number(m.totalRows()),
                    m == null || m.media() == null ? "-" : TextTable.number(m.media().files()), size(l.bytes()),
                    m == null ? "" : (m.encrypted() ? "yes" : "no"), l.complete() ? "yes" : "no: " + l.problem());
        }
        long complete = listings.stream().filter(BackupCatalog.Listing::complete).count();
        table.footer(complete + " complete backup(s) of " + listings.size() + " under " + catalog.location());
        return table.render();
    }

    @ShellMethod(key = "restore", group = GROUP, value = """
            Restore a backup into the target and the media folder, after checking the manifest and every checksum; \
            ends with verify against the backup. Example: restore --backup latest --clear --passphrase-env BACKUP_PASSPHRASE""")
    public String restore(
            @ShellOption(value = "--backup", defaultValue = "latest", help = "the backup's name, or latest") String backup,
            @ShellOption(value = "--path", defaultValue = ShellOption.NULL, help = "the backup location (default backup.location)") String path,
            @ShellOption(value = "--skip-db", help = "leave the records alone") boolean skipDb,
            @ShellOption(value = "--skip-media", help = "leave the media folder alone") boolean skipMedia,
            @ShellOption(value = "--media", defaultValue = ShellOption.NULL, help = "the media folder (default media.dir)") String media,
            @ShellOption(value = "--clear", help = "empty the target tables being restored first") boolean clear,
            @ShellOption(value = "--overwrite-media", help = "replace media files on disk that differ from the backup") boolean overwriteMedia,
            @ShellOption(value = "--allow-version-mismatch", help = "restore although the schema versions differ") boolean allowVersionMismatch,
            @ShellOption(value = "--passphrase-env", defaultValue = ShellOption.NULL, help = "environment variable holding the passphrase") String passphraseEnv,
            @ShellOption(value = "--format", defaultValue = "text", help = "text or json") String format) {
        OutputFormat output = OutputFormat.parse(format);
        Path location = location(path);
        Path mediaDir = skipMedia ? null : (media != null ? Path.of(media) : config.mediaDir());
        var target = skipDb ? null : session.require(Side.TARGET);
        RestoreResult result;
        try (OperationProgress progress = progressViews.open("restore", "restore ← " + backup, false, output)) {
            result = new Restore(target, progress, name -> Passphrases.forBackup(name, passphraseEnv, session.passwordPrompt()))
                    .forgettingMarks(SyncMarks.in(CopyCommands.stateFolder(config)))
                    .run(new RestoreOptions(location, backup, skipDb, skipMedia, mediaDir, clear, overwriteMedia, allowVersionMismatch));
        }
        tableNames.invalidate();
        String rendered = output.json() ? Json.write(BackupOutput.Restore.of(result)) : render(result);
        if (!result.succeeded()) {
            throw new FailedWithReport(Kind.CONSTRAINT, rendered, "The restore of " + result.backup() + " did not complete.",
                    "Fix the cause, then run 'restore --backup " + result.backup() + " --clear' again.");
        }
        return rendered;
    }

    private static String render(RestoreResult result) {
        TextTable table = new TextTable("table", "rows", "restored", "state", "verify", "").alignRight(1, 2);
        if (result.imported() != null) {
            for (ImportJournal.Entry e : result.imported().tables()) {
                VerifyResult.TableComparison compared = result.verified() == null ? null : result.verified().tables().stream()
                        .filter(t -> t.table().equals(e.table())).findFirst().orElse(null); // exact: Foo and foo are two tables
                table.row(e.table(), TextTable.number(e.rowsInFile()), TextTable.number(e.rowsImported()), e.state().label(),
                        compared == null ? "-" : compared.equal() ? "equal" : "DIFFERENT",
                        e.reason() != null ? e.reason() : compared != null && compared.firstDifference() != null
                                ? "first: " + compared.firstDifference() : "");
            }
            long done = result.imported().tables().stream().filter(e -> e.state() == TableState.DONE).count();
            table.footer(String.format("records: %,d rows restored; %d of %d tables done", result.imported().rowsImported(), done,
                    result.imported().tables().size()));
            result.imported().constraintViolations().forEach(v -> table.footer("foreign key: " + v));
        }
        if (result.verified() != null) {
            table.footer("verify: " + result.verified().equalCount() + " of " + result.verified().tables().size()
                    + " tables equal to the backup (counts and checksums)");
        }
        MediaArchive.Restored media = result.media();
        if (media != null) {
            table.footer(String.format("media: %,d files written (%,d replaced), %,d already identical, into %s; %s",
                    media.written(), media.overwritten(), media.unchanged(), media.mediaDir(),
                    media.identical() ? "every file byte-identical to the backup"
                            : media.mismatches().size() + " file(s) differ: " + String.join(", ", media.mismatches())));
        }
        result.warnings().forEach(w -> table.footer("warning: " + w));
        table.footer("restored from backup " + result.backup() + " in " + String.format("%.1f", result.elapsed().toMillis() / 1000.0) + " s");
        return table.render();
    }

    private Path location(String path) {
        if (path != null) {
            return Path.of(path);
        }
        if (config.backupLocation() == null) {
            throw new DbferryException(Kind.USAGE, "No backup location is configured.",
                    "Give it with --path DIR, or set backup.location in dbferry.yml.");
        }
        return config.backupLocation();
    }

    private Path mediaDir(String media) {
        return media != null ? Path.of(media) : config.mediaDir();
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format("%.1f MiB", bytes / (1024.0 * 1024));
        }
        return String.format("%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
