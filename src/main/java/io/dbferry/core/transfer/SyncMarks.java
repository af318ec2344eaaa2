package io.dbferry.core.transfer;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.JsonMapping;
import io.dbferry.core.dialect.ChangedRows;
import io.dbferry.core.session.DatabaseConnection;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What each target table is known to hold: the rows of which source as of which mark ({@link ChangedRows}), left
 * by the copy or sync that read them whole in one snapshot. A later sync from that source (its origin and its URL)
 * reads only the rows changed since. One mark per target table: a copy or sync from another source, or one that reads
 * only some rows, replaces or removes it, and an import or restore removes those of the tables it writes, in the same
 * file (the shell keeps one per folder of dbferry.yml), so dbferry's own writes through the same URL are never left
 * behind a mark; what writes to the target otherwise is named in the docs: run {@code sync --full} after it.
 * Rewritten atomically at every change, under a lock.
 */
public final class SyncMarks {

    private static final String FILE = "dbferry-sync.marks.json";

    /** The marks kept beside a copy's or sync's {@code journal}: {@code dbferry-sync.marks.json} in its folder. */
    public static Path beside(Path journal) {
        return journal.toAbsolutePath().resolveSibling(FILE);
    }

    /** The marks file in {@code folder}: where the default journals are, and an import or restore removes the marks of its tables. */
    public static Path in(Path folder) {
        return folder.toAbsolutePath().resolve(FILE);
    }

    /** {@code tableIdentity}: the target table's storage when the mark was left ({@code ChangedRows#tableIdentity}; null: none told). */
    public record Entry(String target, String table, String source, String origin, long since, String takenAt, String tableIdentity) {

        public ChangedRows.Mark mark() {
            return new ChangedRows.Mark(origin, since);
        }
    }

    record Document(List<Entry> marks) {
    }

    private final Path file;
    private final List<Entry> entries;

    private SyncMarks(Path file, List<Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** The marks in {@code file} (none when it does not exist). */
    public static SyncMarks read(Path file) {
        if (!Files.exists(file)) {
            return new SyncMarks(file, new ArrayList<>());
        }
        try {
            Document doc = JsonMapping.reader().forType(Document.class).readValue(file.toFile());
            return new SyncMarks(file, new ArrayList<>(doc.marks() == null ? List.of() : doc.marks()));
        } catch (IOException e) {
            throw new DbferryException(Kind.FILE, "The sync marks file " + file + " cannot be read: " + e.getMessage(),
                    "Delete it: the next sync then compares every row (and leaves new marks).", e);
        }
    }

    /** The mark of {@code table} on {@code target}; whether it was taken in the source now open is its origin's to say. */
    public Optional<Entry> of(String target, String table) {
        return entries.stream().filter(e -> e.target().equals(target) && e.table().equals(table)).findFirst();
    }

    /** Keeps {@code mark} as what {@code table} on {@code target} holds of {@code source}, in place of any earlier one. */
    public void record(String target, String table, String source, ChangedRows.Mark mark, Instant takenAt, String tableIdentity) {
        record(target, java.util.Collections.singletonMap(table, tableIdentity), source, mark, takenAt);
    }

    /** {@link #record} for each of {@code tables} (each table's storage identity by its name), in one change of the file. */
    public void record(String target, java.util.Map<String, String> tables, String source, ChangedRows.Mark mark, Instant takenAt) {
        change(marks -> {
            tables.forEach((table, identity) -> {
                marks.removeIf(e -> e.target().equals(target) && e.table().equalsIgnoreCase(table));
                marks.add(new Entry(target, table, source, mark.origin(), mark.since(), takenAt.toString(), identity));
            });
            return !tables.isEmpty();
        });
    }

    /** The mark of the snapshot {@code source} reads in now, where its engine keeps row versions. */
    public static Optional<ChangedRows.Mark> markOf(DatabaseConnection source) {
        try {
            return source.dialect().changedRows().mark(source.jdbc());
        } catch (java.sql.SQLException e) {
            return Optional.empty(); // a server that hides it: every later sync compares every row
        }
    }

    /** The identity of {@code table}'s storage on {@code target} now, for {@link #record} and for checking a mark (null: none told). */
    public static String tableIdentity(DatabaseConnection target, String table) {
        try {
            return target.dialect().changedRows().tableIdentity(target.jdbc(), table).orElse(null);
        } catch (java.sql.SQLException e) {
            return null; // none told: the mark is then trusted on the counts alone
        }
    }

    /** Removes the marks of {@code tables} on {@code target} (names compared ignoring case: a doubt removes one too many). */
    public void forget(String target, Collection<String> tables) {
        if (Files.exists(file)) {
            change(marks -> marks.removeIf(e -> e.target().equals(target) && tables.stream().anyMatch(t -> t.equalsIgnoreCase(e.table()))));
        }
    }

    /**
     * Changes the file as it is now, and writes it when {@code change} says it changed, under a lock beside it held from
     * the read to the rename: a copy, sync or import into another target may change it meanwhile, and writing back
     * what this one read earlier would bring back a mark that one removed.
     */
    private void change(java.util.function.Predicate<List<Entry>> change) {
        Path lock = file.resolveSibling(file.getFileName() + ".lock");
        synchronized (SyncMarks.class) { // a file lock is the process's: threads of one wait here
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = channel.lock()) {
                List<Entry> now = read(file).entries;
                entries.clear();
                entries.addAll(now);
                if (change.test(entries)) {
                    JsonMapping.writeReplacing(file, new Document(entries));
                }
            } catch (IOException e) {
                throw new DbferryException(Kind.FILE, "Cannot write the sync marks file " + file + ": " + e.getMessage(),
                        "Make its folder writable; without it the next sync compares every row.", e);
            }
        }
    }
}
