package io.dbferry.core.dialect.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a source file is opened so that reading it leaves nothing beside it. A read-only connection to a
 * WAL-mode file makes its {@code -wal} and {@code -shm} files and, unable to checkpoint, leaves them
 * there; SQLite's {@code immutable=1} URI opens the file without them (and without locks). That is right
 * only when no {@code -wal} or {@code -shm} exists: then no connection has the file open and no
 * committed data waits in a log. When they exist they are someone else's (an application running, or
 * one that stopped without a checkpoint) and hold data to read, so the file is opened the usual way and
 * they are left as they were.
 */
final class SqliteSourceFiles {

    /** Byte 18 of the database header, the file format's write version: 2 means WAL mode. */
    private static final int WRITE_VERSION_OFFSET = 18;
    private static final int WAL_MODE = 2;

    private SqliteSourceFiles() {
    }

    /** Whether {@code file} is in WAL mode with neither its {@code -wal} nor its {@code -shm} beside it. */
    static boolean walWithoutCompanions(Path file) {
        if (Files.exists(Path.of(file + "-wal")) || Files.exists(Path.of(file + "-shm"))) {
            return false;
        }
        byte[] header = new byte[WRITE_VERSION_OFFSET + 1];
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(header, 0, header.length) == header.length && header[WRITE_VERSION_OFFSET] == WAL_MODE;
        } catch (IOException e) {
            return false; // the usual open reports what is wrong with the file
        }
    }

    /** The driver URL opening {@code file} immutable: a URI filename, percent-encoded, for SQLite to read as it is. */
    static String immutableUrl(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath().toUri() + "?immutable=1";
    }
}
