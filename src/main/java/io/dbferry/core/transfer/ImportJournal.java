package io.dbferry.core.transfer;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.JsonMapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code FILE.journal.json} beside the dump: each table's state in the last import of that dump into
 * which target. Rewritten atomically at every change, so after a crash it still tells which tables
 * are done and which one was in flight.
 */
public final class ImportJournal {

    /**
     * One table's entry. {@code row} and {@code column} locate a failure when known. {@code lastKey}: with
     * --commit-every, the key of the last row committed (its primary key's values as canonical text) while the
     * table is not done, {@code rowsImported} rows being committed up to it; a retry resumes after it.
     * {@code rowsRead}: with it, the file's rows read up to that key, those sent to a rejects file included (the
     * rejects file of a killed run is never written, so a retry cannot count them from it).
     * {@code ranges}: a table copied in key ranges side by side ({@code --jobs} with {@code --commit-every}), each
     * range with its rows once committed; a retry loads only the ranges without them.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String table, TableState state, long rowsInFile, long rowsImported, Double seconds,
                        String reason, Long row, String column, List<String> lastKey, Long rowsRead, List<KeyRange> ranges) {

        public Entry(String table, TableState state, long rowsInFile, long rowsImported, Double seconds,
                     String reason, Long row, String column) {
            this(table, state, rowsInFile, rowsImported, seconds, reason, row, column, null, null);
        }

        public Entry(String table, TableState state, long rowsInFile, long rowsImported, Double seconds,
                     String reason, Long row, String column, List<String> lastKey, Long rowsRead) {
            this(table, state, rowsInFile, rowsImported, seconds, reason, row, column, lastKey, rowsRead, null);
        }

        /**
         * Whether chunks of this table are committed and a retry resumes after {@link #lastKey}, or loads only the
         * {@link #ranges} not committed.
         */
        public boolean resumable() {
            boolean rangeCommitted = ranges != null && ranges.stream().anyMatch(KeyRange::committed);
            return (lastKey != null || rangeCommitted) && state.needsRetry();
        }
    }

    /**
     * One key range of a table split for loading side by side: the rows whose single integer key is at least
     * {@code from} and below {@code to} (null: no bound on that side); {@code rows} and {@code committedAt} once its
     * transaction has committed, else null.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeyRange(Long from, Long to, Long rows, String committedAt) {

        public boolean committed() {
            return rows != null;
        }

        /** This range committed with {@code rowCount} rows, now. */
        public KeyRange done(long rowCount) {
            return new KeyRange(from, to, rowCount, Instant.now().toString());
        }

        /** "[from, to)" with the open ends as the keys' whole line, as an operator reads it. */
        public String describe() {
            return "key range [" + (from == null ? "first" : from) + ", " + (to == null ? "last]" : to + ")");
        }
    }

    /** What the file holds: which dump (by its creation time) went to which target, and the tables. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Document(String dump, String dumpCreatedAt, String target, String updatedAt, List<Entry> tables,
                    List<HeldTriggers> heldTriggers) {
    }

    /**
     * Triggers of a table dropped for the load ({@code --disable-triggers} where each DDL commits by itself), with the
     * statements that create them again: saved before the first is dropped, removed once they are back, so after a
     * crash the next import (or import-status) can put back what is missing.
     */
    public record HeldTriggers(String table, List<String> names, List<String> statements) {
    }

    private final Path file;
    private final String dump;
    private final String dumpCreatedAt;
    private final String target;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<String, HeldTriggers> held = new LinkedHashMap<>();

    private ImportJournal(Path file, String dump, String dumpCreatedAt, String target) {
        this.file = file;
        this.dump = dump;
        this.dumpCreatedAt = dumpCreatedAt;
        this.target = target;
    }

    /** A journal at {@code journalFile} of loading {@code records} (a dump's name, or a copy's source). */
    public static ImportJournal startAt(Path journalFile, String records, String recordsIdentity, String target) {
        return new ImportJournal(journalFile, records, recordsIdentity, target);
    }

    public static Path pathFor(Path dumpFile) {
        return dumpFile.resolveSibling(dumpFile.getFileName() + ".journal.json");
    }

    public static ImportJournal start(Path dumpFile, String dumpCreatedAt, String target) {
        return new ImportJournal(pathFor(dumpFile), dumpFile.getFileName().toString(), dumpCreatedAt, target);
    }

    /** The journal of an earlier import of this dump, if there is one. */
    public static java.util.Optional<ImportJournal> read(Path dumpFile) {
        return readAt(pathFor(dumpFile));
    }

    /** The journal at {@code path}, if there is one. */
    public static java.util.Optional<ImportJournal> readAt(Path path) {
        if (!Files.exists(path)) {
            return java.util.Optional.empty();
        }
        try {
            Document doc = JsonMapping.reader().forType(Document.class).readValue(path.toFile());
            ImportJournal journal = new ImportJournal(path, doc.dump(), doc.dumpCreatedAt(), doc.target());
            doc.tables().forEach(e -> journal.entries.put(e.table(), e));
            if (doc.heldTriggers() != null) {
                doc.heldTriggers().forEach(h -> journal.held.put(h.table(), h));
            }
            return java.util.Optional.of(journal);
        } catch (IOException e) {
            throw new DbferryException(Kind.FILE, "The import journal " + path + " cannot be read: " + e.getMessage(),
                    "Delete it and import again with --clear.", e);
        }
    }

    /** What was loaded: the dump's file name, or the source a copy read. */
    public String records() {
        return dump;
    }

    public String dumpCreatedAt() {
        return dumpCreatedAt;
    }

    public String target() {
        return target;
    }

    public Path file() {
        return file;
    }

    public synchronized List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }

    public java.util.Optional<Entry> entry(String table) {
        return java.util.Optional.ofNullable(entries.get(table));
    }

    /** The triggers dropped for a load and not yet known to be back. */
    public synchronized List<HeldTriggers> heldTriggers() {
        return new ArrayList<>(held.values());
    }

    /** Saves a table's triggers before they are dropped for its load. */
    public synchronized void triggersHeld(HeldTriggers triggers) {
        held.put(triggers.table(), triggers);
        save();
    }

    /** A table's held triggers are in place again. */
    public synchronized void triggersBack(String table) {
        if (held.remove(table) != null) {
            save();
        }
    }

    /** Adopts an earlier journal's entries (for a retry), keeping their order. */
    public void carryOver(ImportJournal earlier) {
        entries.putAll(earlier.entries);
    }

    /** Records a table's state and writes the journal; tables loading in parallel record through one lock. */
    public synchronized void record(Entry entry) {
        entries.put(entry.table(), entry);
        save();
    }

    private void save() {
        try {
            JsonMapping.writeReplacing(file, new Document(dump, dumpCreatedAt, target, Instant.now().toString(), entries(),
                    held.isEmpty() ? null : new ArrayList<>(held.values())));
        } catch (IOException e) {
            throw new DbferryException(Kind.FILE, "Cannot write the import journal " + file + ": " + e.getMessage(),
                    "Make the dump's folder writable; the journal is what lets --retry-failed resume.", e);
        }
    }
}
