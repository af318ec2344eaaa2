package io.dbferry.core.transfer.sync;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.JsonMapping;
import io.dbferry.core.transfer.TableState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each table's state in the last sync from which source into which target, rewritten atomically at every
 * change, so after a crash it tells which tables are done. Sync is idempotent: a retry syncs the tables
 * not done again, whatever they hold now.
 */
final class SyncJournal {

    record Entry(String table, TableState state, String reason) {
    }

    record Document(String source, String target, String updatedAt, List<Entry> tables) {
    }

    private final Path file;
    private final String source;
    private final String target;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private SyncJournal(Path file, String source, String target) {
        this.file = file;
        this.source = source;
        this.target = target;
    }

    static SyncJournal start(Path file, String source, String target) {
        return new SyncJournal(file, source, target);
    }

    static Optional<SyncJournal> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Document doc = JsonMapping.reader().forType(Document.class).readValue(file.toFile());
            SyncJournal journal = new SyncJournal(file, doc.source(), doc.target());
            doc.tables().forEach(e -> journal.entries.put(e.table(), e));
            return Optional.of(journal);
        } catch (IOException e) {
            throw new DbferryException(Kind.FILE, "The sync journal " + file + " cannot be read: " + e.getMessage(),
                    "Delete it and run sync without --retry-failed.", e);
        }
    }

    static Path lockFor(Path journal) {
        return journal.resolveSibling(journal.getFileName() + ".lock");
    }

    String source() {
        return source;
    }

    String target() {
        return target;
    }

    /** The tables an earlier sync did not finish. */
    List<String> notDone() {
        return entries.values().stream().filter(e -> e.state().needsRetry()).map(Entry::table).toList();
    }

    void record(String table, TableState state, String reason) {
        entries.put(table, new Entry(table, state, reason));
        save();
    }

    private void save() {
        try {
            JsonMapping.writeReplacing(file, new Document(source, target, Instant.now().toString(), new ArrayList<>(entries.values())));
        } catch (IOException e) {
            throw new DbferryException(Kind.FILE, "Cannot write the sync journal " + file + ": " + e.getMessage(),
                    "Make its folder writable, or give another with --journal; the journal is what lets --retry-failed resume.", e);
        }
    }
}
