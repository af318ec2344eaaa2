package io.dbferry.core.transfer;

import io.dbferry.core.DbferryException.Where;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Per table what the import did, the foreign-key violations found at the end, the time taken, and per table the
 * triggers held off for its load and in place again ({@code --disable-triggers}; "table.trigger" names in
 * {@code triggersRestored} for those an earlier, unfinished import had left dropped and this one put back); with
 * {@code --rejects}, per table the rows written to {@code rejectsFile} instead (a table's rows in the file are its
 * imported plus its rejected rows).
 */
public record ImportResult(Path file, List<ImportJournal.Entry> tables, List<String> constraintViolations,
                           Duration elapsed, Map<String, List<String>> triggersHeld, List<String> triggersRestored,
                           Map<String, Long> rejected, Path rejectsFile) {

    /** Without --rejects. */
    public ImportResult(Path file, List<ImportJournal.Entry> tables, List<String> constraintViolations,
                        Duration elapsed, Map<String, List<String>> triggersHeld, List<String> triggersRestored) {
        this(file, tables, constraintViolations, elapsed, triggersHeld, triggersRestored, Map.of(), null);
    }

    public ImportResult(Path file, List<ImportJournal.Entry> tables, List<String> constraintViolations, Duration elapsed) {
        this(file, tables, constraintViolations, elapsed, Map.of(), List.of());
    }

    public boolean succeeded() {
        return constraintViolations.isEmpty() && rejectedRows() == 0
                && tables.stream().allMatch(t -> t.state() == TableState.DONE);
    }

    public long rowsRejected(String table) {
        return rejected.getOrDefault(table, 0L);
    }

    public long rejectedRows() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
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
