package io.dbferry.core.transfer.imports;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.catalog.Catalog;
import io.dbferry.core.dialect.Conversions;
import io.dbferry.core.dump.DumpPass;
import io.dbferry.core.encoding.EncodingReport;
import io.dbferry.core.encoding.LoadCheck;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.ImportJournal;
import io.dbferry.core.transfer.ImportJournal.Entry;
import io.dbferry.core.transfer.ImportOptions;
import io.dbferry.core.transfer.ImportResult;
import io.dbferry.core.transfer.SyncMarks;
import io.dbferry.core.transfer.TableState;
import io.dbferry.core.transfer.TablesRefused;
import io.dbferry.core.transfer.TargetConnectionLost;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

/**
 * Loads a dump into the target: check the whole file and the target's tables first ({@link ImportPlanner}),
 * then load table by table in foreign-key order, each in its own transaction ({@link TableLoader}). A
 * failing table is rolled back whole and its dependents skipped; the journal beside the dump records
 * every state, so a retry picks up exactly what is missing.
 */
public final class Importer {

    private static final Logger log = LoggerFactory.getLogger(Importer.class);

    private final DatabaseConnection target;
    private final ProgressListener progress;
    private Path marks;

    public Importer(DatabaseConnection target, ProgressListener progress) {
        this.target = target;
        this.progress = progress;
    }

    /** Removes from {@code marksFile} ({@link SyncMarks}) the marks of the tables an import writes, before it writes them. */
    public Importer forgettingMarks(Path marksFile) {
        this.marks = marksFile;
        return this;
    }

    /**
     * The whole import under the writer locks ({@link WriterLocks}): a second writer into the same target,
     * or from the same dump, is refused at once, and the target's tables are found empty under the lock.
     */
    public ImportResult importFile(ImportOptions options) {
        DumpPass.requireFile(options.file());
        try (WriterLocks locks = WriterLocks.take(target, options.file(), options.serverTimeout())) {
            return importLocked(options);
        }
    }

    /** The import inside writer locks the caller took for a longer run ({@link WriterLocks#take}, restore's). */
    public ImportResult importFileHolding(WriterLocks held, ImportOptions options) {
        java.util.Objects.requireNonNull(held, "the writer locks");
        DumpPass.requireFile(options.file());
        return importLocked(options);
    }

    private ImportResult importLocked(ImportOptions options) {
        Instant started = Instant.now();
        // 1. read the file once, check it and the target, decide what loads in which order
        Catalog catalog = target.catalog();
        ImportPlanner planner = new ImportPlanner(target);
        ImportPlan plan = planner.plan(options, catalog);
        // a clear that would orphan rows of a table not being loaded is refused before anything is written
        TableClear clear = options.retryFailed() || options.clear() ? clearing(plan, catalog) : null;
        // triggers an unfinished import dropped for its load (and a crash kept from coming back) are put back first
        List<String> restored = plan.earlier() == null ? List.of() : TriggerHold.putBackMissing(target, plan.earlier());
        // a sync's marks say what a table held of its source; what the dump writes there may differ
        if (marks != null) {
            SyncMarks.read(marks).forget(target.spec().display(), plan.loading().stream().map(TargetTable::name).toList());
        }
        // 2. every table to load is pending in the journal
        ImportJournal journal = startJournal(ImportJournal.start(options.file(), plan.contents().header().createdAt().toString(),
                target.spec().display()), options, plan);
        // 3. and 4. the tables, read from the file
        try {
            return load(options, plan, planner, catalog, journal, clear, () -> new DumpFeed(options.file()), started, restored,
                    "import-records", null, options.file().toString());
        } catch (ConnectionLost lost) {
            throw stopped(lost, options, plan, journal, started);
        }
    }

    /**
     * The load an import and a copy share, once planned and journaled: foreign-key checks off while tables are
     * emptied and loaded, the trigger refusal, --clear, the groups (each reading its tables from its own
     * {@code feeds}), and the keys the load did not check before each commit. The result names
     * {@code options.file()}: the dump, or the copy's journal.
     */
    ImportResult load(ImportOptions options, ImportPlan plan, ImportPlanner planner, Catalog catalog, ImportJournal journal,
                      TableClear clear, java.util.function.Supplier<TableFeed> feeds, Instant started) {
        return load(options, plan, planner, catalog, journal, clear, feeds, started, List.of(), "import-records", null,
                options.file().toString());
    }

    /**
     * {@code restored}: "table.trigger" for each trigger an earlier, unfinished load had dropped and this one put back;
     * {@code command}: the command loading, named in the next step of an error; {@code ranges}: a copy's tables loaded in
     * key ranges side by side (null: none); {@code records}: the dump or the source, as the load's check names them.
     * Without --check-first (and unless --skip-validation) each table's values are checked as it loads ({@link LoadCheck});
     * when any was refused, {@link TablesRefused} lists every problem with the result.
     */
    ImportResult load(ImportOptions options, ImportPlan plan, ImportPlanner planner, Catalog catalog, ImportJournal journal,
                      TableClear clear, java.util.function.Supplier<TableFeed> feeds, Instant started, List<String> restored,
                      String command, KeyRangePlan ranges, String records) {
        // checks stay off while tables are emptied and loaded (self-references, cycles); every key is checked at the end
        boolean checksOff = switchForeignKeyChecks(false);
        RejectsWriter rejects = options.rejects() ? rejectsWriter(options, plan) : null;
        boolean split = ranges != null && !ranges.isEmpty();
        ExecutorService pool = ParallelGroups.pool(options.jobs(), plan.groups().size(), split && target.dialect().concurrentWriters());
        LoadCheck check = options.checksFirst() || options.skipValidation() ? null : LoadCheck.start(records, target,
                Conversions.parse(options.convert()), options.changesFile(), !options.rejects());
        ImportRun run = new ImportRun(options, plan, journal, progress, checksOff, new ConcurrentHashMap<>(),
                checksOff ? clear : null, new ConcurrentHashMap<>(), rejects, command,
                split ? new ImportRun.KeyRangeWriters(ranges, pool) : null, check);
        boundServerWait(target, options.serverTimeout());
        try {
            if (!options.allowTriggers() && !options.disableTriggers()) {
                planner.refuseTriggers(plan.loading());
            }
            if (clear != null && !checksOff) {
                clearFirst(plan, clear, options);
            }
            // the tables, group by group
            if (plan.groups().size() == 1) {
                try (TableFeed feed = feeds.get()) {
                    FileOrderLoad.load(run, target, plan.groups().get(0), feed);
                }
            } else {
                ParallelGroups.load(run, target, plan.groups(), feeds, pool);
            }
        } finally {
            if (pool != null) {
                pool.shutdown();
            }
            if (checksOff) {
                switchForeignKeyChecks(true);
            }
            boundServerWait(target, Duration.ZERO);
            closeRejects(rejects);
            if (check != null) {
                check.close();
            }
        }
        // the keys the load did not check before each commit
        List<String> violations = checksOff ? ForeignKeyAudit.afterLoad(target, catalog, plan.loading(), run.checkedAtCommit()) : List.of();
        Map<String, Long> rejected = new java.util.LinkedHashMap<>();
        if (rejects != null) {
            plan.loading().forEach(t -> {
                if (rejects.rejected(t.source().name()) > 0) {
                    rejected.put(t.name(), rejects.rejected(t.source().name()));
                }
            });
        }
        ImportResult result = new ImportResult(options.file(), entries(plan, journal), violations, Duration.between(started, Instant.now()),
                Map.copyOf(run.triggersHeld()), restored, rejected, rejected.isEmpty() ? null : options.rejectsFile());
        EncodingReport refused = check == null ? null : check.report();
        if (refused != null && refused.hasErrors()) {
            boolean copy = command.equals("copy-records");
            String again = copy ? "copy-records" : "import-records -f " + options.file();
            throw new TablesRefused(result, refused, again + " --retry-failed", again + " --check-first", !copy);
        }
        return result;
    }

    /**
     * A first run starts the rejects file afresh; a retry keeps the earlier rows of the tables it does not load again
     * from the start (not loaded, or resumed after committed chunks).
     */
    private static RejectsWriter rejectsWriter(ImportOptions options, ImportPlan plan) {
        if (!options.retryFailed()) {
            return RejectsWriter.fresh(options.rejectsFile(), plan.contents().header());
        }
        java.util.Set<String> startOver = new java.util.HashSet<>();
        plan.loading().stream().filter(t -> !TableLoader.resumes(plan, t.name(), options)).forEach(t -> startOver.add(t.source().name()));
        return RejectsWriter.continuing(options.rejectsFile(), plan.contents().header(), table -> !startOver.contains(table));
    }

    private static void closeRejects(RejectsWriter rejects) {
        if (rejects != null) {
            try {
                rejects.close();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("writing " + rejects.file() + " failed: " + e.getMessage(), e);
            }
        }
    }

    static List<Entry> entries(ImportPlan plan, ImportJournal journal) {
        return journal.entries().stream().filter(e -> plan.toLoad().contains(plan.sourceName(e.table()))).toList();
    }

    /** The server went away or stopped answering: what was done, as a result the error carries, and what to do. */
    private static TargetConnectionLost stopped(ConnectionLost lost, ImportOptions options, ImportPlan plan, ImportJournal journal,
                                                Instant started) {
        ImportResult result = new ImportResult(options.file(), entries(plan, journal), List.of(), Duration.between(started, Instant.now()));
        return lost.report(result, options.serverTimeout(), "import", "loading", "import with --retry-failed");
    }

    /** Bounds each call's wait for the server ({@link Duration#ZERO}: none); a connection already gone reports itself later. */
    static void boundServerWait(DatabaseConnection db, Duration timeout) {
        try {
            db.dialect().setServerTimeout(db.jdbc(), timeout);
        } catch (SQLException e) {
            log.info("cannot bound the wait for the server: {}", e.getMessage());
        }
    }

    /** {@code journal}, holding what a retry carries over, then every table to load as pending; the progress told the plan. */
    ImportJournal startJournal(ImportJournal journal, ImportOptions options, ImportPlan plan) {
        if (options.retryFailed() && plan.earlier() != null) {
            journal.carryOver(plan.earlier());
        }
        Map<String, Long> planned = new LinkedHashMap<>();
        for (TargetTable t : plan.loading()) {
            long rows = plan.rowsInFile(t);
            Entry resumed = TableLoader.resumes(plan, t.name(), options) ? plan.earlier().entry(t.name()).orElseThrow() : null;
            journal.record(resumed != null ? new Entry(t.name(), TableState.PENDING, rows, resumed.rowsImported(), null, null, null,
                    null, resumed.lastKey(), resumed.rowsRead(), resumed.ranges())
                    : new Entry(t.name(), TableState.PENDING, rows, 0, null, null, null, null));
            planned.put(t.name(), rows);
        }
        progress.planned(new ArrayList<>(planned.keySet()), planned);
        return journal;
    }

    /** The tables about to be loaded, checked for a clear that would orphan others (this run's and earlier DONE ones are loaded). */
    TableClear clearing(ImportPlan plan, Catalog catalog) {
        List<String> names = plan.loading().stream().map(TargetTable::name).toList();
        Set<String> loaded = new java.util.HashSet<>(names);
        if (plan.earlier() != null) {
            plan.earlier().entries().stream().filter(e -> e.state() == TableState.DONE).forEach(e -> loaded.add(e.table()));
        }
        return TableClear.refuseOrphaning(target, catalog, names, loaded);
    }

    /** With the engine's checks on, each table is emptied on its own before the load, children before parents. */
    private void clearFirst(ImportPlan plan, TableClear clear, ImportOptions options) {
        Set<String> names = plan.loading().stream().map(TargetTable::name).collect(Collectors.toSet());
        // a table a retry resumes keeps its committed chunks
        List<String> childrenFirst = plan.order().reversed().stream()
                .filter(n -> names.contains(n) && !TableLoader.resumes(plan, n, options)).toList();
        try {
            clear.emptyAllFirst(childrenFirst);
        } catch (SQLException | DataAccessException e) {
            throw new DbferryException(Kind.CONSTRAINT, Where.NOWHERE, "Cannot empty the tables before loading them: "
                    + DbferryException.rootMessage(e), "Empty them yourself, or import with a user allowed to switch the"
                    + " target's foreign-key checks off.", e);
        }
    }

    /** Returns true when checks were switched (and must be switched back and verified at the end). */
    private boolean switchForeignKeyChecks(boolean enabled) {
        try {
            target.dialect().setForeignKeyChecks(target.jdbc(), enabled);
            return true;
        } catch (SQLException e) {
            // e.g. PostgreSQL without superuser: load with checks on, relying on the dependency order
            log.info("cannot switch foreign-key checks {}: {}", enabled ? "on" : "off", e.getMessage());
            return false;
        }
    }
}
