package io.dbferry.shell.render.output;

import io.dbferry.core.backup.BackupCatalog;
import io.dbferry.core.backup.BackupManifest;
import io.dbferry.core.backup.BackupResult;
import io.dbferry.core.backup.MediaArchive;
import io.dbferry.core.backup.RestoreResult;

import java.time.Instant;
import java.util.List;

/** The JSON of backup, backups and restore. */
public final class BackupOutput {

    private BackupOutput() {
    }

    public record BackupTable(String name, long rows, String sha256) {
    }

    public record BackupFile(String name, String role, long bytes, String sha256) {
    }

    public record Media(String source, long files, long bytes, long directories, long links) {
    }

    /** {@code backup}: the folder written, what it holds (from its manifest), and the older backups rotation removed. */
    public record Backup(String name, String folder, Instant createdAt, String label, boolean encrypted, String engine,
                         String engineVersion, String database, String schemaVersion, long totalRows, List<BackupTable> tables,
                         Media media, List<BackupFile> files, List<String> removed, double seconds) {
        public static Backup of(BackupResult r) {
            BackupManifest m = r.manifest();
            BackupManifest.MediaEntry media = m.media();
            return new Backup(r.name(), r.folder().toString(), m.created(), m.label(), m.encrypted(), m.engine(),
                    m.engineVersion(), m.database(), m.schemaVersion(), m.totalRows(),
                    m.tables().stream().map(t -> new BackupTable(t.name(), t.rows(), t.sha256())).toList(),
                    media == null ? null : new Media(media.source(), media.files(), media.bytes(), media.directories(), media.links()),
                    m.files().stream().map(f -> new BackupFile(f.name(), f.role(), f.bytes(), f.sha256())).toList(),
                    r.removed(), Seconds.of(r.elapsed()));
        }
    }

    /**
     * One folder under the location. {@code complete} false with the {@code problem}; the manifest's
     * parts are null when there is no readable manifest.
     */
    public record Listing(String name, String folder, boolean complete, String problem, long bytes, Instant createdAt,
                          String label, String engine, String database, String schemaVersion, Boolean encrypted,
                          Integer tables, Long rows, Long mediaFiles) {
        static Listing of(BackupCatalog.Listing l) {
            BackupManifest m = l.manifest();
            return new Listing(l.name(), l.folder().toString(), l.complete(), l.problem(), l.bytes(), l.time(),
                    m == null ? null : m.label(), m == null ? null : m.engine(), m == null ? null : m.database(),
                    m == null ? null : m.schemaVersion(), m == null ? null : m.encrypted(),
                    m == null ? null : m.tables().size(), m == null ? null : m.totalRows(),
                    m == null || m.media() == null ? null : m.media().files());
        }
    }

    /** {@code backups}: the location and its backups, oldest first. */
    public record Backups(String location, long complete, List<Listing> backups) {
        public static Backups of(BackupCatalog catalog, List<BackupCatalog.Listing> listings) {
            return new Backups(catalog.location().toString(), listings.stream().filter(BackupCatalog.Listing::complete).count(),
                    listings.stream().map(Listing::of).toList());
        }
    }

    /** The media folder after a restore: {@code identical} when every file matches the backup, else the {@code mismatches}. */
    public record RestoredMedia(String mediaDir, long written, long overwritten, long unchanged, long directories, long links,
                                long bytes, boolean identical, List<String> mismatches) {
        static RestoredMedia of(MediaArchive.Restored m) {
            return new RestoredMedia(m.mediaDir().toString(), m.written(), m.overwritten(), m.unchanged(), m.directories(),
                    m.links(), m.bytes(), m.identical(), m.mismatches());
        }
    }

    /** {@code restore}: the import, the closing verify against the backup and the media; a skipped part is null. */
    public record Restore(String backup, boolean succeeded, double seconds, RecordOutput.Import imported,
                          RecordOutput.Verify verified, RestoredMedia media) {
        public static Restore of(RestoreResult r) {
            return new Restore(r.backup(), r.succeeded(), Seconds.of(r.elapsed()),
                    r.imported() == null ? null : RecordOutput.Import.of(r.imported()),
                    r.verified() == null ? null : RecordOutput.Verify.of(r.verified()),
                    r.media() == null ? null : RestoredMedia.of(r.media()));
        }
    }
}
