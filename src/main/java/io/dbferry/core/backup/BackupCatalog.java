package io.dbferry.core.backup;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The backups under a location: each folder, whether it is complete, and rotation. A backup is
 * complete when its folder has its final name and a readable manifest whose files are all present at
 * their recorded sizes (restore checks their checksums too). A folder still under its temporary name
 * ({@code .NAME.partial}) is an interrupted backup and never complete.
 */
public final class BackupCatalog {

    static final String PARTIAL_PREFIX = ".";
    static final String PARTIAL_SUFFIX = ".partial";

    private final Path location;

    public BackupCatalog(Path location) {
        this.location = location.toAbsolutePath().normalize();
    }

    public Path location() {
        return location;
    }

    /**
     * One folder under the location.
     *
     * @param manifest null when absent or unreadable
     * @param problem  why the backup is not complete, or null
     * @param manifestChanged the manifest does not match its own checksum (never restored, not even as latest)
     */
    public record Listing(String name, Path folder, BackupManifest manifest, boolean complete, long bytes, String problem,
                          boolean manifestChanged) {

        Listing(String name, Path folder, BackupManifest manifest, boolean complete, long bytes, String problem) {
            this(name, folder, manifest, complete, bytes, problem, false);
        }

        public Instant time() {
            if (manifest != null) {
                return manifest.created();
            }
            try {
                return Files.getLastModifiedTime(folder).toInstant();
            } catch (IOException e) {
                return Instant.EPOCH;
            }
        }
    }

    /** Every backup folder, oldest first; incomplete ones included and marked. */
    public List<Listing> list() {
        if (!Files.isDirectory(location)) {
            return List.of();
        }
        List<Listing> listings = new ArrayList<>();
        try (Stream<Path> children = Files.list(location)) {
            for (Path folder : children.filter(Files::isDirectory).toList()) {
                listings.add(inspect(folder));
            }
        } catch (IOException e) {
            throw new DbferryException(Kind.FILE, "Cannot list the backup location " + location + ": " + e.getMessage(),
                    "Check that it is readable.", e);
        }
        listings.sort(Comparator.comparing(Listing::time).thenComparing(Listing::name));
        return listings;
    }

    private static Listing inspect(Path folder) {
        String folderName = folder.getFileName().toString();
        long bytes = folderSize(folder);
        if (folderName.startsWith(PARTIAL_PREFIX) && folderName.endsWith(PARTIAL_SUFFIX)) {
            String name = folderName.substring(PARTIAL_PREFIX.length(), folderName.length() - PARTIAL_SUFFIX.length());
            return new Listing(name, folder, readQuietly(folder), false, bytes, "interrupted (still under its temporary name)");
        }
        Path manifestFile = folder.resolve(BackupManifest.FILE_NAME);
        if (!Files.isRegularFile(manifestFile)) {
            return new Listing(folderName, folder, null, false, bytes, "no manifest");
        }
        BackupManifest manifest;
        try {
            manifest = BackupManifest.read(manifestFile);
        } catch (BackupManifest.ManifestChangedException e) {
            return new Listing(folderName, folder, null, false, bytes, "manifest.json was changed after it was written", true);
        } catch (IOException | BackupIntegrityException e) {
            return new Listing(folderName, folder, null, false, bytes, e.getMessage());
        }
        for (BackupManifest.FileEntry file : manifest.files()) {
            Path path = folder.resolve(file.name());
            try {
                if (!Files.isRegularFile(path)) {
                    return new Listing(folderName, folder, manifest, false, bytes, file.name() + " is missing");
                }
                if (Files.size(path) != file.bytes()) {
                    return new Listing(folderName, folder, manifest, false, bytes, file.name() + " is " + Files.size(path)
                            + " bytes, the manifest says " + file.bytes());
                }
            } catch (IOException e) {
                return new Listing(folderName, folder, manifest, false, bytes, file.name() + ": " + e.getMessage());
            }
        }
        return new Listing(folderName, folder, manifest, true, bytes, null);
    }

    private static BackupManifest readQuietly(Path folder) {
        try {
            Path file = folder.resolve(BackupManifest.FILE_NAME);
            return Files.isRegularFile(file) ? BackupManifest.read(file) : null;
        } catch (IOException | BackupIntegrityException e) {
            return null;
        }
    }

    private static long folderSize(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The backup named, or the newest complete one for "latest"; an incomplete backup is refused. */
    public Listing find(String nameOrLatest) {
        List<Listing> all = list();
        if (nameOrLatest == null || nameOrLatest.isBlank() || nameOrLatest.equals("latest")) {
            // a changed manifest newer than every complete backup is refused, not passed over for an older one
            return all.stream().filter(l -> l.complete() || l.manifestChanged()).reduce((a, b) -> b).map(BackupCatalog::unchanged).orElseThrow(() -> new DbferryException(Kind.USAGE, 
                    "There is no complete backup under " + location + ".",
                    all.isEmpty() ? "Check --path (or backup.location in dbferry.yml), or run 'backup' first."
                            : "'backups --path " + location + "' lists what is there and why it is incomplete."));
        }
        Listing found = all.stream().filter(l -> l.name().equals(nameOrLatest)).findFirst()
                .orElseThrow(() -> new DbferryException(Kind.USAGE, "There is no backup named " + nameOrLatest + " under " + location + ".",
                        "'backups' lists the names; give one with --backup NAME, or --backup latest."));
        unchanged(found);
        if (!found.complete()) {
            throw new DbferryException(Kind.BACKUP_DAMAGED,
                    "The backup " + found.name() + " is incomplete: " + found.problem() + "; nothing was restored.",
                    "Restore another backup ('backups' lists them).");
        }
        return found;
    }

    private static Listing unchanged(Listing listing) {
        if (listing.manifestChanged()) {
            throw new DbferryException(Kind.BACKUP_DAMAGED, "The manifest of backup " + listing.name() + " ("
                    + listing.folder().resolve(BackupManifest.FILE_NAME) + ") was changed after the backup was written: its content "
                    + "does not match the checksum it carries; nothing was restored.",
                    "Restore another backup with --backup NAME ('backups' lists them); if the manifest was edited by hand, put the "
                    + "original back.");
        }
        return listing;
    }

    /**
     * Removes the oldest complete backups with {@code label} beyond {@code keep}, never {@code justWritten}.
     * Backups of other labels and incomplete folders are left alone. Returns the names removed.
     */
    public List<String> rotate(String label, int keep, String justWritten) {
        if (keep < 1) {
            throw new DbferryException(Kind.USAGE, "--keep " + keep + " would remove every backup.", "Give --keep 1 or more.");
        }
        List<Listing> same = new ArrayList<>(list().stream()
                .filter(l -> l.complete() && label.equals(l.manifest().label()) && !l.name().equals(justWritten))
                .toList());
        // newest first; the one just written counts as one of the kept
        same.sort(Comparator.comparing(Listing::time).thenComparing(Listing::name).reversed());
        List<String> removed = new ArrayList<>();
        for (int i = keep - 1; i < same.size(); i++) {
            Listing old = same.get(i);
            // renamed out of sight first, so a half-deleted folder never looks complete
            Path doomed = old.folder().resolveSibling(PARTIAL_PREFIX + old.name() + ".removing" + PARTIAL_SUFFIX);
            try {
                Files.move(old.folder(), doomed);
                deleteTree(doomed);
            } catch (IOException e) {
                throw new DbferryException(Kind.FILE, "Cannot remove the old backup " + old.folder() + ": " + e.getMessage(),
                        "Remove it yourself; the new backup is complete.", e);
            }
            removed.add(old.name());
        }
        return removed;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
