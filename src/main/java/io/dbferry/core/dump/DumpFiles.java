package io.dbferry.core.dump;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a path given as a dump to read is, when it is not a regular file: missing, a folder, or a
 * device, pipe or socket (which would be read forever or fail with a parser's words).
 */
public final class DumpFiles {

    private static final String NEXT = "Check the path given to -f.";

    private DumpFiles() {
    }

    /** Throws a {@link Kind#FILE} error saying what {@code file} is unless it is a regular file (links followed). */
    public static void requireRegularFile(Path file) {
        if (Files.isRegularFile(file)) {
            return;
        }
        String what;
        if (!Files.exists(file)) {
            what = "does not exist";
        } else if (Files.isDirectory(file)) {
            what = "is a folder, not a dump file";
        } else {
            what = "is " + special(file) + ", not a regular file; a dump is read only from a regular file";
        }
        throw new DbferryException(Kind.FILE, Where.NOWHERE, "The dump file " + file + " " + what + ".", NEXT, null);
    }

    /** Names a special file by its kind where the platform says (Unix file modes), else in general words. */
    private static String special(Path file) {
        try {
            int type = ((Integer) Files.getAttribute(file, "unix:mode")) & 0170000;
            return switch (type) {
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0010000 -> "a named pipe";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a device, pipe or socket";
        }
    }
}
