package io.dbferry.core.backup;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;

/**
 * The media archive's tar, through Apache Commons Compress: pax headers for long and non-ASCII names,
 * 512-byte blocks (the archive ends right after its end marker, so what follows it can be checked), and a
 * reader that calls an archive cut short truncated instead of taking the cut for the end.
 */
final class MediaTar {

    /** What an entry is, as {@link MediaArchive} decides whether to restore it. */
    enum Kind { FILE, DIRECTORY, SYMLINK, HARDLINK, OTHER }

    private MediaTar() {
    }

    static TarArchiveOutputStream writer(OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, TarConstants.DEFAULT_RCDSIZE, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        return tar;
    }

    static TarArchiveInputStream reader(InputStream in) {
        return new Strict(in);
    }

    /** A file, folder or link entry; {@code permissions} such as 0644, the entry type's bits are kept. */
    static TarArchiveEntry entry(String name, byte typeFlag, long seconds, int permissions) {
        TarArchiveEntry entry = new TarArchiveEntry(name, typeFlag);
        entry.setLastModifiedTime(FileTime.fromMillis(seconds * 1000));
        entry.setMode((entry.getMode() & ~07777) | permissions);
        return entry;
    }

    static Kind kind(TarArchiveEntry entry) {
        return switch (entry.getLinkFlag()) {
            case TarConstants.LF_NORMAL, TarConstants.LF_OLDNORM, TarConstants.LF_CONTIG ->
                    entry.getName().endsWith("/") ? Kind.DIRECTORY : Kind.FILE;
            case TarConstants.LF_DIR -> Kind.DIRECTORY;
            case TarConstants.LF_SYMLINK -> Kind.SYMLINK;
            case TarConstants.LF_LINK -> Kind.HARDLINK;
            default -> Kind.OTHER;
        };
    }

    /** Commons Compress takes a header block cut short for the end of the archive; here it is a truncation. */
    private static final class Strict extends TarArchiveInputStream {
        Strict(InputStream in) {
            super(in, TarConstants.DEFAULT_RCDSIZE, TarConstants.DEFAULT_RCDSIZE, StandardCharsets.UTF_8.name());
        }

        @Override
        protected byte[] readRecord() throws IOException {
            byte[] record = super.readRecord();
            if (record == null) {
                throw new EOFException("the archive is truncated (it ends before its end marker)");
            }
            return record;
        }

        /** The entry's content is this stream; reading it must not close the archive. */
        @Override
        public void close() {
        }
    }
}
