package io.dbferry.core.transfer;

import io.dbferry.core.DbferryException.Where;

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

    /** Table, row and column of the first table that failed, or nowhere when none did. */
    public Where firstFailure() {
        return tables.stream().filter(t -> t.state() == TableState.FAILED).findFirst()
                .map(t -> Where.of(t.table(), t.row() == null ? null : t.row().toString(), t.column()))
                .orElse(Where.NOWHERE);
    }
}
