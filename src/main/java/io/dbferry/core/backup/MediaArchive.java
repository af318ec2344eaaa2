package io.dbferry.core.backup;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The media folder as a tar.gz: written by walking the folder in name order, streamed; restored in two
 * passes: {@link #plan} reads the whole archive, refuses unsafe entries (absolute paths, {@code ..},
 * links leading out of the folder, devices) and finds files on disk that differ, touching nothing;
 * {@link #extract} then writes, and checks every written file against the archive.
 */
public final class MediaArchive {

    private MediaArchive() {
    }

    /** What a media folder or archive holds: regular files and their total size, folders, links. */
    public record Summary(long files, long bytes, long directories, long links) {
    }

    /**
     * The result of reading an archive against a media folder: what it holds, each file's SHA-256, and
     * the files on disk that it would change ({@code conflicts}) or that already match ({@code unchanged}).
     */
    public record Plan(Summary summary, Map<String, String> sha256, List<String> conflicts, long unchanged) {
    }

    /** What extraction did; {@code mismatches} names files that do not read back as archived (should be empty). */
    public record Restored(Path mediaDir, long written, long overwritten, long unchanged, long directories, long links,
                           long bytes, List<String> mismatches) {
        public boolean identical() {
            return mismatches.isEmpty();
        }
    }

    /** An entry that would write outside the media folder, or of a kind that is never restored. */
    public static final class UnsafeEntryException extends IOException {
        UnsafeEntryException(String message) {
            super(message);
        }
    }

    // ---------------------------------------------------------------- writing

    /** Writes {@code mediaDir} as tar.gz to {@code out}, which is finished but left open. */
    public static Summary write(Path mediaDir, OutputStream out) throws IOException {
        if (!Files.isDirectory(mediaDir)) {
            throw new DbferryException(Kind.FILE, "The media folder " + mediaDir + " does not exist.",
                    "Give the right one with --media DIR (or media.dir in dbferry.yml), or add --skip-media.");
        }
        GZIPOutputStream gzip = new GZIPOutputStream(new NonClosing(out), 64 * 1024);
        BufferedOutputStream buffered = new BufferedOutputStream(gzip, 64 * 1024);
        TarArchiveOutputStream tar = MediaTar.writer(buffered);
        long[] counts = new long[4];
        Path root = mediaDir.toAbsolutePath().normalize();
        MediaTree tree = new MediaTree();
        walk(root, root, tar, counts, tree);
        try {
            tree.checkLinks();
        } catch (UnsafeEntryException e) {
            throw new DbferryException(Kind.FILE, "The media folder " + mediaDir + " holds links that together lead outside it ("
                    + e.getMessage() + "); a restore would refuse them.", "Replace the links with the files they point to.");
        }
        tar.finish();
        buffered.flush();
        gzip.finish();
        gzip.flush();
        return new Summary(counts[0], counts[1], counts[2], counts[3]);
    }

    private static void walk(Path root, Path dir, TarArchiveOutputStream tar, long[] counts, MediaTree tree) throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.sorted().toList();
        }
        for (Path child : children) {
            String name = root.relativize(child).toString().replace(child.getFileSystem().getSeparator(), "/");
            long mtime = Files.getLastModifiedTime(child, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.SECONDS);
            if (Files.isSymbolicLink(child)) {
                String target = Files.readSymbolicLink(child).toString();
                try {
                    tree.add(name, MediaTree.Kind.LINK, target);
                } catch (UnsafeEntryException e) {
                    throw new DbferryException(Kind.FILE, "The media file " + child + " is a link to " + target
                            + " that a restore would refuse: " + e.getMessage() + ".",
                            "Replace the link with the file it points to, or move that file into the media folder.", e);
                }
                TarArchiveEntry link = MediaTar.entry(name, TarConstants.LF_SYMLINK, mtime, 0777);
                link.setLinkName(target);
                tar.putArchiveEntry(link);
                tar.closeArchiveEntry();
                counts[3]++;
            } else if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                tar.putArchiveEntry(MediaTar.entry(name + "/", TarConstants.LF_DIR, mtime, mode(child, 0755)));
                tar.closeArchiveEntry();
                counts[2]++;
                tree.add(name, MediaTree.Kind.DIRECTORY, null);
                walk(root, child, tar, counts, tree);
            } else if (Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
                long size = Files.size(child);
                tree.add(name, MediaTree.Kind.FILE, null);
                TarArchiveEntry file = MediaTar.entry(name, TarConstants.LF_NORMAL, mtime, mode(child, 0644));
                file.setSize(size);
                tar.putArchiveEntry(file);
                long copied;
                try (InputStream in = Files.newInputStream(child)) {
                    copied = copy(in, tar, size);
                }
                if (copied != size) {
                    throw new DbferryException(Kind.FILE, "The media file " + child + " changed size while it was being archived.",
                            "Run the backup again when the application is not writing media.");
                }
                tar.closeArchiveEntry();
                counts[0]++;
                counts[1] += size;
            } else {
                throw new DbferryException(Kind.FILE, "The media folder holds " + child + ", which is neither a file, a folder nor a link.",
                        "Move it out of the media folder and run the backup again.");
            }
        }
    }

    private static int mode(Path path, int fallback) {
        try {
            int mode = 0;
            for (PosixFilePermission p : Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)) {
                mode |= 1 << (8 - p.ordinal());
            }
            return mode;
        } catch (UnsupportedOperationException | IOException e) {
            return fallback;
        }
    }

    /** Copies at most {@code limit} bytes; returns how many were copied. */
    private static long copy(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        while (total < limit) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    // ---------------------------------------------------------------- checking

    /**
     * Reads the whole archive and compares it with {@code mediaDir} without writing anything. Throws
     * {@link UnsafeEntryException} for an entry that must never be restored, and other IOExceptions
     * for a damaged or truncated archive.
     */
    public static Plan plan(Path archive, Path mediaDir) throws IOException {
        Path root = mediaDir.toAbsolutePath().normalize();
        Map<String, String> sha = new LinkedHashMap<>();
        Map<String, MediaTar.Kind> seen = new LinkedHashMap<>();
        MediaTree tree = new MediaTree();
        List<String> conflicts = new ArrayList<>();
        long files = 0;
        long bytes = 0;
        long dirs = 0;
        long links = 0;
        long unchanged = 0;
        try (InputStream in = open(archive)) {
            TarArchiveInputStream tar = MediaTar.reader(in);
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = safeName(entry);
                MediaTar.Kind kind = MediaTar.kind(entry);
                if (seen.put(name, kind) != null) {
                    throw new UnsafeEntryException("the archive holds " + name + " twice");
                }
                String place = place(tree, name, kind, entry);
                Path dest = root.resolve(place);
                switch (kind) {
                    case FILE -> {
                        String hash = sha256(tar);
                        sha.put(name, hash);
                        files++;
                        bytes += entry.getSize();
                        String conflict = fileConflict(root, dest, name, hash);
                        if (conflict == null && Files.isRegularFile(dest, LinkOption.NOFOLLOW_LINKS)) {
                            unchanged++;
                        } else if (conflict != null) {
                            conflicts.add(conflict);
                        }
                    }
                    case DIRECTORY -> {
                        dirs++;
                        if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
                            conflicts.add(name + " (a folder in the backup, not a folder on disk)");
                        }
                        checkInside(root, dest, name);
                    }
                    case SYMLINK -> {
                        links++;
                        checkInside(root, dest.getParent(), name);
                        checkInside(root, root.resolve(tree.target(place)), name);
                        if (Files.isSymbolicLink(dest)) {
                            if (!Files.readSymbolicLink(dest).toString().equals(entry.getLinkName())) {
                                conflicts.add(name + " (a link to " + Files.readSymbolicLink(dest) + " on disk)");
                            } else {
                                unchanged++;
                            }
                        } else if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
                            conflicts.add(name + " (a link in the backup, a file or folder on disk)");
                        }
                    }
                    case HARDLINK -> throw new UnsafeEntryException("the entry " + name + " is a hard link to "
                            + entry.getLinkName() + "; media archives never hold hard links");
                    default -> throw new UnsafeEntryException("the entry " + name + " is of tar type '" + (char) entry.getLinkFlag()
                            + "' (a device, pipe or unknown kind), which is never restored");
                }
            }
            if (in.read() >= 0 && !onlyZeros(in)) {
                throw new IOException("the archive has data after its end marker");
            }
            tree.checkLinks();
        } catch (EOFException e) {
            throw new EOFException("the archive is truncated (it ends before its end marker)");
        } catch (IllegalArgumentException e) {
            throw new IOException("the archive is damaged: " + e.getMessage(), e); // a header Commons Compress cannot parse
        }
        return new Plan(new Summary(files, bytes, dirs, links), sha, List.copyOf(conflicts), unchanged);
    }

    /** Where the entry lands once the archive's own links before it are followed; hard links and devices pass to the caller's refusal. */
    private static String place(MediaTree tree, String name, MediaTar.Kind kind, TarArchiveEntry entry) throws UnsafeEntryException {
        return switch (kind) {
            case FILE -> tree.add(name, MediaTree.Kind.FILE, null);
            case DIRECTORY -> tree.add(name, MediaTree.Kind.DIRECTORY, null);
            case SYMLINK -> tree.add(name, MediaTree.Kind.LINK, entry.getLinkName());
            default -> name;
        };
    }

    private static boolean onlyZeros(InputStream in) throws IOException {
        int b;
        while ((b = in.read()) >= 0) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String fileConflict(Path root, Path dest, String name, String hash) throws IOException {
        checkInside(root, dest.getParent(), name);
        if (Files.isSymbolicLink(dest)) {
            return name + " (a link on disk)";
        }
        if (!Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        if (!Files.isRegularFile(dest, LinkOption.NOFOLLOW_LINKS)) {
            return name + " (a folder on disk)";
        }
        try (InputStream in = Files.newInputStream(dest, LinkOption.NOFOLLOW_LINKS)) {
            return sha256(in).equals(hash) ? null : name + " (differs)";
        }
    }

    /** The nearest existing ancestor of {@code path}, resolved through links, must lie inside the media folder. */
    private static void checkInside(Path root, Path path, String name) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Path realRoot = root.toRealPath();
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !existing.toRealPath().startsWith(realRoot)) {
            throw new UnsafeEntryException("restoring " + name + " would write through a link on disk to "
                    + (existing == null ? "?" : existing.toRealPath()) + ", outside the media folder");
        }
    }

    /**
     * The entry's name as a safe relative path with '/' separators: no absolute path, drive letter,
     * backslash, NUL or {@code ..} segment.
     */
    static String safeName(TarArchiveEntry entry) throws UnsafeEntryException {
        String raw = entry.getName();
        if (raw.isEmpty() || raw.indexOf('\0') >= 0 || raw.indexOf('\\') >= 0) {
            throw new UnsafeEntryException("the entry '" + raw + "' has an empty name, a NUL or a backslash");
        }
        if (raw.startsWith("/") || raw.matches("^[A-Za-z]:.*")) {
            throw new UnsafeEntryException("the entry " + raw + " has an absolute path");
        }
        List<String> parts = new ArrayList<>();
        for (String part : raw.split("/")) {
            if (part.equals("..")) {
                throw new UnsafeEntryException("the entry " + raw + " climbs out of the media folder with '..'");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        if (parts.isEmpty()) {
            throw new UnsafeEntryException("the entry '" + raw + "' names the media folder itself");
        }
        return String.join("/", parts);
    }

    // ---------------------------------------------------------------- restoring

    /**
     * Writes the archive into {@code mediaDir} as {@code plan} found it. Files that differ on disk are
     * replaced only with {@code overwrite}; otherwise the caller has refused already. Each file is written
     * under a temporary name and moved into place, then read back and compared with the archive.
     */
    public static Restored extract(Path archive, Path mediaDir, Plan plan, boolean overwrite) throws IOException {
        Path root = mediaDir.toAbsolutePath().normalize();
        Files.createDirectories(root);
        long written = 0;
        long overwritten = 0;
        long unchanged = 0;
        long dirs = 0;
        long links = 0;
        long bytes = 0;
        List<String> writtenNames = new ArrayList<>();
        MediaTree tree = new MediaTree(); // the plan's checks again, on the very stream written from
        try (InputStream in = open(archive)) {
            TarArchiveInputStream tar = MediaTar.reader(in);
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = safeName(entry);
                place(tree, name, MediaTar.kind(entry), entry);
                Path dest = root.resolve(name);
                switch (MediaTar.kind(entry)) {
                    case DIRECTORY -> {
                        checkInside(root, dest, name);
                        Files.createDirectories(dest);
                        dirs++;
                    }
                    case SYMLINK -> {
                        Files.createDirectories(dest.getParent());
                        checkInside(root, dest.getParent(), name);
                        if (Files.isSymbolicLink(dest) && Files.readSymbolicLink(dest).toString().equals(entry.getLinkName())) {
                            unchanged++;
                            continue;
                        }
                        if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
                            if (!overwrite) {
                                throw new DbferryException(Kind.FILE, "The media file " + dest + " differs from the backup.",
                                        "Add --overwrite-media to replace it.");
                            }
                            Files.delete(dest);
                            overwritten++;
                        }
                        Files.createSymbolicLink(dest, Path.of(entry.getLinkName()));
                        links++;
                    }
                    case FILE -> {
                        Files.createDirectories(dest.getParent());
                        checkInside(root, dest.getParent(), name);
                        String expected = plan.sha256().get(name);
                        boolean exists = Files.exists(dest, LinkOption.NOFOLLOW_LINKS);
                        if (exists && Files.isRegularFile(dest, LinkOption.NOFOLLOW_LINKS) && sameContent(dest, expected)) {
                            unchanged++;
                            continue;
                        }
                        if (exists && !overwrite) {
                            throw new DbferryException(Kind.FILE, "The media file " + dest + " differs from the backup.",
                                    "Add --overwrite-media to replace it.");
                        }
                        Path temp = dest.resolveSibling("." + dest.getFileName() + ".dbferry-restore");
                        MessageDigest digest = sha256();
                        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), digest)) {
                            tar.transferTo(out);
                        }
                        if (!HexFormat.of().formatHex(digest.digest()).equals(expected)) {
                            Files.deleteIfExists(temp);
                            throw new BackupIntegrityException("the media archive changed between its check and its restore at " + name);
                        }
                        Files.setLastModifiedTime(temp, entry.getLastModifiedTime());
                        if (exists && Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
                            throw new DbferryException(Kind.FILE, dest + " is a folder on disk but a file in the backup.",
                                    "Move the folder away and restore again.");
                        }
                        Files.move(temp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                        if (exists) {
                            overwritten++;
                        }
                        written++;
                        bytes += entry.getSize();
                        writtenNames.add(name);
                    }
                    default -> throw new UnsafeEntryException("the entry " + name + " is not restorable");
                }
            }
        }
        List<String> mismatches = new ArrayList<>();
        for (String name : plan.sha256().keySet()) {
            Path dest = root.resolve(name);
            if (!Files.isRegularFile(dest, LinkOption.NOFOLLOW_LINKS) || !sameContent(dest, plan.sha256().get(name))) {
                mismatches.add(name);
            }
        }
        return new Restored(root, written, overwritten, unchanged, dirs, links, bytes, List.copyOf(mismatches));
    }

    private static boolean sameContent(Path file, String expected) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return sha256(in).equals(expected);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static InputStream open(Path archive) throws IOException {
        return new BufferedInputStream(new GZIPInputStream(Files.newInputStream(archive), 64 * 1024), 64 * 1024);
    }

    static String sha256(InputStream in) throws IOException {
        MessageDigest digest = sha256();
        try (DigestInputStream din = new DigestInputStream(in, digest)) {
            din.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keeps GZIPOutputStream.finish() from closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
