package io.dbferry.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The shared, read-only sample datasets (see shared/datasets/README.md).
 *
 * <p>Found at {@code $DBFERRY_DATASETS} when set, else at {@code shared/datasets} in the working directory
 * or the nearest ancestor holding one (the project's checkout has shared/ as a sibling). Missing datasets
 * throw {@link IllegalStateException}: tests that need them fail, they are never skipped.
 */
public final class Datasets {

    private Datasets() {
    }

    public static Path root() {
        String configured = System.getenv("DBFERRY_DATASETS");
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured).toAbsolutePath();
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("DBFERRY_DATASETS=" + configured + " is not a directory");
            }
            return dir;
        }
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("datasets");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Shared datasets not found: no shared/datasets in " + start
                + " or its parents (expected ../shared/datasets beside the project). Set DBFERRY_DATASETS"
                + " to the datasets folder.");
    }

    /** A file under the datasets root, e.g. {@code "chinook/Chinook_MySql.sql"}; it must exist. */
    public static Path file(String relative) {
        Path root = root();
        Path path = root.resolve(relative).normalize();
        if (!path.startsWith(root) || !Files.exists(path)) {
            throw new IllegalStateException("Dataset file " + relative + " not found in " + root);
        }
        return path;
    }

    public static Path chinookSqlite() {
        return file("chinook/Chinook_Sqlite.sqlite");
    }

    /** Copies a (read-only) SQLite file into {@code dir}, writable, for tests that change it. */
    public static Path copyToTemp(Path sqlite, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path copy = dir.resolve(sqlite.getFileName());
        Files.copy(sqlite, copy, StandardCopyOption.REPLACE_EXISTING);
        // The copy inherits the dataset's r--r--r-- mode.
        if (!copy.toFile().setWritable(true, true)) {
            throw new IOException("cannot make " + copy + " writable");
        }
        return copy;
    }
}
