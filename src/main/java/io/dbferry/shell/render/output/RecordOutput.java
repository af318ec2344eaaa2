package io.dbferry.shell.render.output;

import io.dbferry.core.transfer.ExportResult;
import io.dbferry.core.transfer.ImportJournal;
import io.dbferry.core.transfer.ImportResult;
import io.dbferry.core.transfer.VerifyResult;

import java.util.List;
import java.util.Map;

/** The JSON of export-records, import-records, copy-records, import-status and verify. */
public final class RecordOutput {

    private RecordOutput() {
    }

    public record ExportedTable(String table, long rows, String sha256, double seconds) {
    }

    /** A column whose values went into the dump with their own kind: how many, per kind (lower case), the first keys. */
    public record CarriedColumn(String table, String column, long count, java.util.Map<String, Long> kinds, List<String> firstKeys) {
        static CarriedColumn of(io.dbferry.core.transfer.CarriedColumn c) {
            java.util.Map<String, Long> kinds = new java.util.LinkedHashMap<>();
            c.kinds().forEach((kind, n) -> kinds.put(kind.name().toLowerCase(java.util.Locale.ROOT), n));
            return new CarriedColumn(c.table(), c.column(), c.count(), kinds, c.firstKeys());
        }
    }

    /**
     * {@code export-records}: the file written, its size, per table the rows and content checksum, and the
     * columns whose values were carried in their own kind ({@code carried}, empty when none).
     */
    public record Export(String file, long bytes, long totalRows, double seconds, List<ExportedTable> tables,
                         long carriedValues, List<CarriedColumn> carried) {
        public static Export of(ExportResult r) {
            return new Export(r.file().toString(), r.bytes(), r.totalRows(), Seconds.of(r.elapsed()), r.tables().stream()
                    .map(t -> new ExportedTable(t.table(), t.rows(), t.sha256(), Seconds.of(t.elapsed()))).toList(),
                    r.totalCarried(), r.carried().stream().map(CarriedColumn::of).toList());
        }
    }

    /**
     * One table of an import. {@code state}: pending, running, done, failed or skipped; {@code seconds} null
     * until done; {@code reason}, {@code row} and {@code column} say why and where it failed, when known.
     */
    public record ImportedTable(String table, String state, long rowsInFile, long rowsImported, Double seconds,
                                String reason, Long row, String column) {
        static ImportedTable of(ImportJournal.Entry e) {
            return new ImportedTable(e.table(), e.state().label(), e.rowsInFile(), e.rowsImported(), e.seconds(), e.reason(),
                    e.row(), e.column());
        }

        static List<ImportedTable> of(List<ImportJournal.Entry> entries) {
            return entries.stream().map(ImportedTable::of).toList();
        }
    }

    /** {@code import-records}: per table its state; the foreign-key violations found after loading. */
    /** {@code triggersHeld}: per table the triggers held off for its load ({@code --disable-triggers}), in place again. */
    /** {@code rejected}: with --rejects, per table the rows written to {@code rejectsFile} (null when none was) instead. */
    public record Import(String file, boolean succeeded, long rowsImported, double seconds, List<ImportedTable> tables,
                         List<String> constraintViolations, Map<String, List<String>> triggersHeld, List<String> triggersRestored,
                         long rowsRejected, String rejectsFile, Map<String, Long> rejected) {
        public static Import of(ImportResult r) {
            return new Import(r.file().toString(), r.succeeded(), r.rowsImported(), Seconds.of(r.elapsed()),
                    ImportedTable.of(r.tables()), r.constraintViolations(), new java.util.TreeMap<>(r.triggersHeld()), r.triggersRestored(),
                    r.rejectedRows(), r.rejectsFile() == null ? null : r.rejectsFile().toString(), new java.util.TreeMap<>(r.rejected()));
        }
    }

    /** {@code copy-records}: the source and target, the journal kept, and per table its state as for import-records. */
    /** {@code triggersHeld}, {@code triggersRestored}: as for {@link Import}. */
    public record Copy(String source, String target, String journal, boolean succeeded, long rowsCopied, double seconds,
                       List<ImportedTable> tables, List<String> constraintViolations, Map<String, List<String>> triggersHeld,
                       List<String> triggersRestored) {
        public static Copy of(String source, String target, ImportResult r) {
            return new Copy(source, target, r.file().toString(), r.succeeded(), r.rowsImported(), Seconds.of(r.elapsed()),
                    ImportedTable.of(r.tables()), r.constraintViolations(), new java.util.TreeMap<>(r.triggersHeld()),
                    r.triggersRestored());
        }
    }

    /** {@code import-status}: the journal of the last import of a dump into a target. */
    /** {@code triggersRestored}: "table.trigger" put back, dropped by an import that did not finish. */
    public record ImportStatus(String journal, String target, String dumpCreatedAt, List<ImportedTable> tables,
                               List<String> triggersRestored) {
        public static ImportStatus of(ImportJournal j, List<String> restored) {
            return new ImportStatus(j.file().toString(), j.target(), j.dumpCreatedAt(), ImportedTable.of(j.entries()), restored);
        }
    }

    /**
     * {@code firstDifference}: the first key whose row differs, or null; {@code diff}: with --diff, every differing row;
     * against a dump, {@code rejected}: its rows only in {@code rejectsFile}, {@code converted}: values its changes report records.
     */
    public record ComparedTable(String table, boolean equal, long expectedRows, long actualRows, String expectedSha256,
                                String actualSha256, String firstDifference, Diff diff, long rejected, long converted,
                                String rejectsFile) {
    }

    /** {@code verify --diff}: the full counts of each kind, and each differing row ({@code kind}: missing, extra, changed). */
    public record Diff(long missing, long extra, long changed, List<DifferingRow> rows) {
        static Diff of(VerifyResult.TableDiff d) {
            return d == null ? null : new Diff(d.missing(), d.extra(), d.changed(), d.rows().stream()
                    .map(r -> new DifferingRow(r.kind().name().toLowerCase(), r.key(), r.columns())).toList());
        }
    }

    /** {@code columns}: for a changed row, each differing column with the expected and the target's value, shortened. */
    public record DifferingRow(String kind, String key, List<VerifyResult.ColumnDifference> columns) {
    }

    /** {@code verify}: the target against the source or a dump ({@code against}), per table. */
    public record Verify(String against, boolean allEqual, long equalTables, List<ComparedTable> tables) {
        public static Verify of(VerifyResult r) {
            return new Verify(r.against(), r.allEqual(), r.equalCount(), r.tables().stream()
                    .map(t -> new ComparedTable(t.table(), t.equal(), t.expectedRows(), t.actualRows(), t.expectedSha256(),
                            t.actualSha256(), t.firstDifference(), Diff.of(t.diff()), t.accounted().rejected(),
                            t.accounted().converted(), t.accounted().rejectsFile())).toList());
        }
    }
}
