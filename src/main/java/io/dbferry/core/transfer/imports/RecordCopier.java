package io.dbferry.core.transfer.imports;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.DbferryVersion;
import io.dbferry.core.catalog.Catalog;
import io.dbferry.core.dialect.ChangedRows;
import io.dbferry.core.dump.DumpColumn;
import io.dbferry.core.dump.DumpContents;
import io.dbferry.core.dump.DumpHeader;
import io.dbferry.core.dump.DumpTable;
import io.dbferry.core.dump.TableTrailer;
import io.dbferry.core.encoding.EncodingCheckFailed;
import io.dbferry.core.encoding.EncodingReport;
import io.dbferry.core.encoding.EncodingValidator;
import io.dbferry.core.model.Table;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.CopyOptions;
import io.dbferry.core.transfer.ImportJournal;
import io.dbferry.core.transfer.ImportOptions;
import io.dbferry.core.transfer.ImportResult;
import io.dbferry.core.transfer.RowSelection;
import io.dbferry.core.transfer.SyncMarks;
import io.dbferry.core.transfer.TableChoice;
import io.dbferry.core.transfer.TableState;
import io.dbferry.core.transfer.TablesRefused;
import io.dbferry.core.transfer.TargetConnectionLost;
import org.jooq.Condition;
import org.jooq.impl.DSL;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;

/**
 * copy-records: the source's rows straight into the target, no file between them. The source's chosen tables
 * stand where an import has the dump's: matched on the target first with every mismatch listed at once, the
 * text checked against the target, then the load import-records does ({@link Importer#load}: foreign-key
 * order, one transaction per table or --commit-every chunks, dependents of a failed table skipped, counters
 * moved, triggers refused or held off, the journal), every row read in one read-only snapshot of the source.
 */
public final class RecordCopier {

    private final DatabaseConnection source;
    private final DatabaseConnection target;
    private final ProgressListener progress;
    private Path marksFile;

    public RecordCopier(DatabaseConnection source, DatabaseConnection target, ProgressListener progress) {
        this.source = source;
        this.target = target;
        this.progress = progress;
    }

    /** Keeps the sync marks ({@link SyncMarks}) in {@code marksFile}; without it, beside the journal. */
    public RecordCopier keepingMarks(Path marksFile) {
        this.marksFile = marksFile;
        return this;
    }

    /** The journal a copy keeps when no --journal is given: {@code dbferry-copy.journal.json} in {@code folder}. */
    public static Path defaultJournal(Path folder) {
        return folder.resolve("dbferry-copy.journal.json");
    }

    /** The whole copy under the writer locks: the journal's lock file and the target's own lock. */
    public ImportResult copy(CopyOptions options) {
        Path journal = options.journal().toAbsolutePath();
        Path lock = journal.resolveSibling(journal.getFileName() + ".lock");
        try (WriterLocks locks = WriterLocks.take(target, lock, "the copy journal " + journal,
                "copying from " + source.spec().display(), options.serverTimeout())) {
            return copyLocked(options, journal);
        }
    }

    private ImportResult copyLocked(CopyOptions copy, Path journalFile) {
        Instant started = Instant.now();
        // a copy that may cut tables in key ranges (--jobs with --commit-every, KeyRangePlan) checks its text first: the
        // ranges' writers run beside each other and the load's check is one per table
        ImportOptions load = copy.asLoad().withJobs(copy.jobs());
        boolean checkFirst = copy.checkFirst() || KeyRangePlan.mayCut(load);
        ImportOptions options = load.withCheckFirst(checkFirst);
        Catalog sourceCatalog = source.catalog();
        Catalog catalog = target.catalog();
        List<Table> chosen = TableChoice.chosen(sourceCatalog, copy.tables(), copy.exclude(), "copy");
        Map<String, Condition> conditions = TableChoice.conditions(sourceCatalog, chosen, copy.where(), "copied");
        Importer importer = new Importer(target, progress);
        ImportPlan plan = null;
        ImportJournal journal = null;
        // 1. one read-only snapshot of the source for everything the copy reads: counts, text check, rows (every job's)
        List<String> read = TableChoice.candidateNames(sourceCatalog, copy.exclude());
        SyncMarks marks = SyncMarks.read(marksFile != null ? marksFile : SyncMarks.beside(journalFile));
        List<DatabaseConnection> readers = CopySnapshot.begin(source, read, copy.jobs());
        Optional<ChangedRows.Mark> mark = SyncMarks.markOf(source);
        try {
            RowSelection selection = RowSelection.of(chosen, conditions);
            if (copy.withParents()) {
                selection = selection.withParents(source, TableChoice.candidates(sourceCatalog, copy.exclude()), chosen);
            }
            Map<String, Table> tables = new LinkedHashMap<>();
            selection.tables().forEach(t -> tables.put(t.name(), t));
            // 2. the source's tables where an import has the dump's: matched, checked, ordered
            DumpContents contents = describe(tables, selection, sourceCatalog, journalFile);
            ImportPlanner planner = new ImportPlanner(target);
            planner.checkSchemaVersion("The source is at", contents, catalog, copy.allowVersionMismatch());
            ImportJournal earlier = copy.retryFailed() ? earlier(journalFile) : null;
            List<String> names = new ArrayList<>(tables.keySet());
            List<String> toLoad = earlier == null ? names : ImportPlanner.stillToLoad(names, earlier);
            plan = planner.decide(contents, earlier, toLoad, catalog, options,
                    loading -> checkEncoding(copy.withCheckFirst(checkFirst), loading));
            // a clear that would orphan rows of a table not being copied is refused before anything is written
            TableClear clear = options.retryFailed() || options.clear() ? importer.clearing(plan, catalog) : null;
            // triggers an unfinished copy dropped for its load (and a crash kept from coming back) are put back first
            List<String> restored = heldByEarlier(journalFile, earlier);
            // 3. every table pending in the journal, then the load import-records does, reading from the snapshot
            journal = importer.startJournal(ImportJournal.startAt(journalFile, source.spec().display(), source.spec().display(),
                    target.spec().display()), options, plan);
            // readers no job holds; with one group its job reads through the copy's own connection
            BlockingQueue<DatabaseConnection> free = new LinkedBlockingQueue<>(readers);
            if (plan.groups().size() > 1) {
                free.add(source);
            }
            KeyRangePlan ranges = KeyRangePlan.decide(plan, options, source, target, tables, selection, free);
            // a table this copy writes holds what an earlier sync's mark says no more; one it copies whole from one
            // snapshot gets this copy's (not a retry: its earlier part was read in another snapshot)
            marks.forget(target.spec().display(), plan.loading().stream().map(TargetTable::name).toList());
            boolean whole = mark.isPresent() && copy.where().isEmpty() && !copy.withParents() && !copy.retryFailed();
            try {
                ImportResult result = importer.load(options, plan, planner, catalog, journal, clear, feeds(plan, tables, selection, free),
                        started, restored, "copy-records", ranges, source.spec().display());
                return whole ? marked(result, marks, mark.get(), started) : result;
            } catch (TablesRefused refused) {
                if (whole) {
                    marked(refused.result(), marks, mark.get(), started); // the tables committed whole keep theirs
                }
                throw refused;
            }
        } catch (ConnectionLost lost) {
            throw stopped(lost, copy, plan, journal, started);
        } finally {
            CopySnapshot.end(source, readers);
        }
    }

    /** Leaves this copy's mark for each table it copied whole and done. */
    private ImportResult marked(ImportResult result, SyncMarks marks, ChangedRows.Mark mark, Instant started) {
        Map<String, String> done = new LinkedHashMap<>(); // each table's storage identity (null: none told)
        result.tables().stream().filter(t -> t.state() == TableState.DONE).forEach(t -> done.put(t.table(), SyncMarks.tableIdentity(target, t.table())));
        marks.record(target.spec().display(), done, source.spec().display(), mark, started);
        return result;
    }

    /** One feed on the copy's own connection; with --jobs, each job's feed on one of the readers in the same snapshot. */
    private Supplier<TableFeed> feeds(ImportPlan plan, Map<String, Table> tables, RowSelection selection,
                                      BlockingQueue<DatabaseConnection> free) {
        if (plan.groups().size() == 1) {
            return () -> SourceFeed.shared(plan, tables, selection, source);
        }
        return () -> SourceFeed.reader(plan, tables, selection, free);
    }

    /** The chosen tables as a checked dump would describe them: columns with portable types, the rows each will give. */
    private DumpContents describe(Map<String, Table> tables, RowSelection selection, Catalog sourceCatalog, Path journalFile) {
        var server = source.server();
        DumpHeader header = new DumpHeader(DumpHeader.CURRENT_VERSION, DbferryVersion.get(), Instant.now(), server.engine().displayName(),
                server.version(), server.database(), sourceCatalog.schemaVersion().orElse(null));
        List<DumpContents.Entry> entries = new ArrayList<>();
        var dsl = source.dialect().dsl(source.jdbc());
        for (Table table : tables.values()) {
            List<DumpColumn> columns = table.columns().stream().map(c -> new DumpColumn(c.name(), c.portableType(), c.declaredType(),
                    c.nullable(), table.primaryKey().contains(c.name()))).toList();
            long rows = -1;
            if (selection.simple(table)) {
                Condition where = selection.whole(table) ? DSL.noCondition() : selection.condition(table);
                try {
                    rows = dsl.fetchCount(DSL.selectOne().from(DSL.table(DSL.name(table.name()))).where(where));
                } catch (RuntimeException e) {
                    throw new DbferryException(Kind.DATABASE, Where.table(table.name()), "Counting the rows of " + table.name()
                            + " on the source failed.", selection.whole(table) ? null : "Check the --where condition for "
                            + table.name() + ".", e);
                }
            }
            entries.add(new DumpContents.Entry(new DumpTable(table.name(), columns), new TableTrailer(rows, null)));
        }
        return new DumpContents(journalFile, header, entries);
    }

    /**
     * --check-first: the chosen tables' text on the source checked against the target before anything is written.
     * Without it the load checks each table as it copies it ({@link Importer#load}).
     */
    private void checkEncoding(CopyOptions copy, List<String> loading) {
        if (copy.skipValidation() || !copy.checkFirst()) {
            return;
        }
        Set<String> names = Set.copyOf(loading);
        EncodingReport report = new EncodingValidator(ProgressListener.NONE).validateSource(source, target, names::contains);
        if (report.hasErrors()) {
            throw EncodingCheckFailed.ofSource(report);
        }
    }

    /**
     * The triggers an earlier copy into this target held off and a crash kept from coming back, put back whether or
     * not this copy retries (the new journal would otherwise forget them); "table.trigger" for each one.
     */
    private List<String> heldByEarlier(Path journalFile, ImportJournal earlier) {
        ImportJournal last = earlier != null ? earlier : ImportJournal.readAt(journalFile).orElse(null);
        if (last == null || last.heldTriggers().isEmpty() || !target.spec().display().equals(last.target())) {
            return List.of();
        }
        return TriggerHold.putBackMissing(target, last);
    }

    /** The journal of the copy a retry finishes: from this source into this target. */
    private ImportJournal earlier(Path journalFile) {
        ImportJournal earlier = ImportJournal.readAt(journalFile).orElseThrow(() -> new DbferryException(Kind.USAGE, Where.NOWHERE,
                "There is no copy journal at " + journalFile + ", so nothing to retry.", "Run 'copy-records' first.", null));
        if (!source.spec().display().equals(earlier.records()) || !target.spec().display().equals(earlier.target())) {
            throw new DbferryException(Kind.USAGE, Where.NOWHERE, "The journal " + journalFile + " records a copy from "
                    + earlier.records() + " into " + earlier.target() + ", not from " + source.spec().display() + " into "
                    + target.spec().display() + ".", "Connect the databases it names, give another --journal, or copy in full "
                    + "with --clear.", null);
        }
        return earlier;
    }

    /** The target went away or stopped answering: the result so far, carried by the error, and the retry to run. */
    private static TargetConnectionLost stopped(ConnectionLost lost, CopyOptions copy, ImportPlan plan, ImportJournal journal,
                                                Instant started) {
        List<ImportJournal.Entry> entries = plan == null || journal == null ? List.of() : Importer.entries(plan, journal);
        ImportResult result = new ImportResult(copy.journal(), entries, List.of(), Duration.between(started, Instant.now()));
        return lost.report(result, copy.serverTimeout(), "copy", "being copied", "run 'copy-records --retry-failed'");
    }
}
