package io.dbferry.core.transfer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Per table what the import did, the foreign-key violations found at the end, and the time taken. */
public record ImportResult(Path file, List<ImportJournal.Entry> tables, List<String> constraintViolations,
                           Duration elapsed) {

    public boolean succeeded() {
        return constraintViolations.isEmpty()
                && tables.stream().allMatch(t -> t.state() == TableState.DONE);
    }

    public long rowsImported() {
        return tables.stream().mapToLong(ImportJournal.Entry::rowsImported).sum();
    }
}
