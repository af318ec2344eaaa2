package io.dbferry.core.transfer.sync;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.catalog.Catalog;
import io.dbferry.core.catalog.DependencyOrder;
import io.dbferry.core.catalog.TableNames;
import io.dbferry.core.dialect.ChangedRows;
import io.dbferry.core.model.Names;
import io.dbferry.core.model.Table;
import io.dbferry.core.progress.OperationCancelledException;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.SyncMarks;
import io.dbferry.core.transfer.TableState;
import io.dbferry.core.transfer.imports.WriterLocks;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the target equal to the open source by writing only the differences: the tables chosen, each
 * matched on the target by a key (a table without one is refused by name), in foreign-key order: first
 * every table's differences (the key-ordered walk of both sides), then, parents first, one transaction per
 * table with its inserts, updates and deletes. Only a table whose children (among those synced) have rows to
 * update or delete keeps its deletes for a second transaction after theirs, children first, so no row is
 * deleted while another still points at it. A journal records each table, so {@code --retry-failed} syncs
 * again what a failure or a crash left unfinished.
 */
public final class Synchronizer {

    private final DatabaseConnection source;
    private final DatabaseConnection target;
    private final ProgressListener progress;
    private java.nio.file.Path marksFile;

    public Synchronizer(DatabaseConnection source, DatabaseConnection target, ProgressListener progress) {
        this.source = source;
        this.target = target;
        this.progress = progress;
    }

    /** Keeps the sync marks ({@link SyncMarks}) in {@code marksFile}; without it, beside the journal. */
    public Synchronizer keepingMarks(java.nio.file.Path marksFile) {
        this.marksFile = marksFile;
        return this;
    }

    public SyncResult sync(SyncOptions options) {
        if (options.dryRun()) {
            return syncLocked(options, null);
        }
        try (WriterLocks locks = WriterLocks.take(target, SyncJournal.lockFor(options.journal()), "the sync journal "
                + options.journal(), "syncing from " + source.spec().display(), Duration.ofSeconds(600))) {
            return syncLocked(options, SyncJournal.start(options.journal(), source.spec().display(), target.spec().display()));
        }
    }

    private SyncResult syncLocked(SyncOptions options, SyncJournal journal) {
        Instant started = Instant.now();
        // 1. the tables, each matched on the target by its key, parents first
        List<SyncTable> tables = ordered(match(chosen(options)));
        List<String> names = tables.stream().map(SyncTable::name).toList();
        progress.planned(names, Map.of());
        if (journal != null) {
            names.forEach(n -> journal.record(n, TableState.PENDING, null));
        }
        Map<String, TableSyncer> syncers = new LinkedHashMap<>();
        Map<String, SyncResult.TableSync> results = new LinkedHashMap<>();
        Map<String, Long> spent = new LinkedHashMap<>(); // each table's own nanoseconds, over all passes
        SyncMarks marks = SyncMarks.read(marksFile != null ? marksFile : SyncMarks.beside(options.journal()));
        Optional<ChangedRows.Mark> now;
        try {
            // 2. every table's differences, walked (nothing written yet: step 3 needs to know the children's), all read
            // in one snapshot of the source, whose mark the next sync reads the rows changed since
            now = beginSnapshot();
            for (SyncTable table : tables) {
                OperationCancelledException.check(progress, "The sync was cancelled before table " + table.name() + ".", null);
                TableSyncer syncer = new TableSyncer(table, options, progress);
                syncers.put(table.name(), syncer);
                progress.tableStarted(table.name(), -1);
                if (journal != null) {
                    journal.record(table.name(), TableState.RUNNING, null);
                }
                timed(table.name(), spent, results, syncer, journal, () -> findDifferences(syncer, table, marks, now, options));
            }
            source.dialect().endSnapshot(source.jdbc());
            // 3. parents first, one transaction per table: inserts, updates and deletes; a table whose rows its
            // children may still point at (a child table with updates or deletes) keeps its deletes for step 4
            List<String> deletesLater = new ArrayList<>();
            for (SyncTable table : tables) {
                String name = table.name();
                if (results.containsKey(name) || options.dryRun()) {
                    continue;
                }
                boolean later = childrenChanging(table, tables, syncers) && syncers.get(name).hasDeletes();
                if (later) {
                    deletesLater.add(name);
                }
                timed(name, spent, results, syncers.get(name), journal, () -> syncers.get(name).write(target, !later));
                if (!later && !results.containsKey(name)) {
                    finish(name, syncers.get(name), spent, results, journal, marks, now, started);
                }
            }
            // 4. children first: the deletes held back, each table's in a second transaction
            for (int k = deletesLater.size() - 1; k >= 0; k--) {
                String name = deletesLater.get(k);
                if (!results.containsKey(name)) {
                    timed(name, spent, results, syncers.get(name), journal, () -> syncers.get(name).writeDeletes(target));
                }
            }
            for (SyncTable table : tables) {
                if (!results.containsKey(table.name())) {
                    finish(table.name(), syncers.get(table.name()), spent, results, journal, marks, now, started);
                }
            }
        } finally {
            source.dialect().endSnapshot(source.jdbc());
            syncers.values().forEach(TableSyncer::close);
        }
        List<SyncResult.TableSync> inOrder = names.stream().map(results::get).toList();
        return new SyncResult(source.spec().display(), target.spec().display(), options.dryRun(), inOrder,
                Duration.between(started, Instant.now()));
    }

    /** The snapshot every table is read in, begun on the source, and its mark where the source keeps row versions. */
    private Optional<ChangedRows.Mark> beginSnapshot() {
        try {
            source.dialect().beginSnapshot(source.jdbc());
        } catch (SQLException e) {
            throw new DbferryException(Kind.DATABASE, Where.NOWHERE, "The sync could not start its read-only snapshot of the source.",
                    "Check that the source is still connected ('status'), then sync again.", e);
        }
        return SyncMarks.markOf(source);
    }

    /** With the mark an earlier copy or sync from this source left for the table, only the rows changed since; else every row. */
    private void findDifferences(TableSyncer syncer, SyncTable table, SyncMarks marks, Optional<ChangedRows.Mark> now, SyncOptions options)
            throws SQLException {
        Optional<SyncMarks.Entry> mark = marks.of(target.spec().display(), table.name());
        String note = null;
        if (options.full()) {
            mark = Optional.empty();
        } else if (mark.isPresent()) {
            Optional<String> unusable = source.dialect().changedRows().unusable(source.jdbc(), mark.get().mark(), now.orElse(null), table.source().name());
            // the URL too: a clone of the database (pg_basebackup) has the same origin, and another history since
            if (unusable.isEmpty() && !mark.get().source().equals(source.spec().display())) {
                unusable = Optional.of("it was left by a copy or sync from " + mark.get().source());
            }
            if (unusable.isEmpty() && mark.get().tableIdentity() != null
                    && !mark.get().tableIdentity().equals(SyncMarks.tableIdentity(target, table.name()))) {
                unusable = Optional.of("the target table was created again, emptied or rebuilt since");
            }
            if (unusable.isPresent()) {
                note = "mark not used: " + unusable.get();
                mark = Optional.empty();
            }
        } else if (now.isPresent()) {
            note = options.dryRun() ? "no mark yet: a sync (not a dry run) leaves one"
                    : "no mark yet: the next sync reads only the rows changed since this one";
        }
        syncer.findDifferences(source, target, mark.orElse(null), note);
    }

    private void finish(String name, TableSyncer syncer, Map<String, Long> spent, Map<String, SyncResult.TableSync> results,
                        SyncJournal journal, SyncMarks marks, Optional<ChangedRows.Mark> now, Instant started) {
        results.put(name, syncer.result(TableState.DONE, spent.get(name) / 1e9, null));
        if (journal != null) {
            journal.record(name, TableState.DONE, null);
            // the table now holds the source's rows as of this sync's snapshot: its mark, or none from another source
            if (now.isPresent()) {
                marks.record(target.spec().display(), name, source.spec().display(), now.get(), started, SyncMarks.tableIdentity(target, name));
            } else {
                marks.forget(target.spec().display(), List.of(name));
            }
        }
        progress.tableFinished(name, syncer.rowsSeen());
    }

    private interface Step {
        void run() throws SQLException;
    }

    /** Runs one step of a table, adding its time; a failure marks the table failed (a cancel ends the sync). */
    private void timed(String name, Map<String, Long> spent, Map<String, SyncResult.TableSync> results, TableSyncer syncer,
                       SyncJournal journal, Step step) {
        long start = System.nanoTime();
        try {
            step.run();
        } catch (SQLException | DbferryException | java.io.UncheckedIOException e) {
            if (e instanceof OperationCancelledException cancelled) {
                throw cancelled;
            }
            spent.merge(name, System.nanoTime() - start, Long::sum);
            results.put(name, failed(syncer, name, e, spent, journal));
            return;
        }
        spent.merge(name, System.nanoTime() - start, Long::sum);
    }

    /** Whether a table among those synced refers to {@code parent} by a foreign key and has rows to update or delete. */
    private static boolean childrenChanging(SyncTable parent, List<SyncTable> tables, Map<String, TableSyncer> syncers) {
        return tables.stream().filter(t -> t != parent && t.target().foreignKeys().stream()
                        .anyMatch(fk -> fk.referencedTable().equalsIgnoreCase(parent.name())))
                .anyMatch(t -> syncers.get(t.name()).hasUpdatesOrDeletes());
    }

    private SyncResult.TableSync failed(TableSyncer syncer, String name, Exception e, Map<String, Long> spent, SyncJournal journal) {
        String reason = e instanceof DbferryException d ? d.paragraph() : "the server refused the changes: " + DbferryException.rootMessage(e);
        if (journal != null) {
            journal.record(name, TableState.FAILED, reason);
        }
        progress.tableFailed(name, reason);
        return syncer.result(TableState.FAILED, spent.getOrDefault(name, 0L) / 1e9, reason);
    }

    /** The source's tables chosen by --tables and --exclude, or those an earlier sync left unfinished. */
    private List<String> chosen(SyncOptions options) {
        List<String> all = source.catalog().tableNames();
        List<String> candidates = all.stream().filter(n -> !n.equalsIgnoreCase(Catalog.FLYWAY_HISTORY)).toList();
        List<String> chosen = options.tables().isEmpty() ? candidates : TableNames.select(String.join(",", options.tables()), all);
        if (options.retryFailed()) {
            SyncJournal earlier = SyncJournal.read(options.journal()).orElseThrow(() -> new DbferryException(Kind.USAGE,
                    "No sync has been recorded in " + options.journal() + ".", "Run 'sync' first; --retry-failed continues one."));
            if (!earlier.target().equals(target.spec().display())) {
                throw new DbferryException(Kind.USAGE, "The sync journal " + options.journal() + " is of a sync into "
                        + earlier.target() + ", not " + target.spec().display() + ".", "Connect that target, or run 'sync' without --retry-failed.");
            }
            List<String> notDone = earlier.notDone();
            chosen = chosen.stream().filter(notDone::contains).toList();
        }
        List<String> excluded = options.exclude().isEmpty() ? List.of() : TableNames.select(String.join(",", options.exclude()), all);
        return chosen.stream().filter(n -> !excluded.contains(n)).toList();
    }

    /** Every table matched on the target; those without a key are refused together, by name, before anything is written. */
    private List<SyncTable> match(List<String> names) {
        Catalog sourceCatalog = source.catalog();
        Catalog targetCatalog = target.catalog();
        List<SyncTable> matched = new ArrayList<>();
        List<String> keyless = new ArrayList<>();
        for (String name : names) {
            Table sourceTable = sourceCatalog.table(name);
            String onTarget = Names.find(name, targetCatalog.tableNames()).orElseThrow(() -> new DbferryException(Kind.TARGET_MISMATCH,
                    Where.table(name), "Table " + name + " does not exist on the target.",
                    "Create it first (copy-schema or migrate), or leave it out with --exclude " + name + "."));
            Optional<List<String>> key = SyncTable.keyOf(sourceTable);
            if (key.isEmpty()) {
                keyless.add(name);
                continue;
            }
            matched.add(SyncTable.match(sourceTable, targetCatalog.table(onTarget), key.get()));
        }
        if (!keyless.isEmpty()) {
            throw new DbferryException(Kind.USAGE, Where.table(keyless.get(0)), (keyless.size() == 1 ? "Table " : "Tables ")
                    + String.join(", ", keyless) + " " + (keyless.size() == 1 ? "has" : "have")
                    + " neither a primary key nor a unique key of NOT NULL columns, so sync cannot pair their rows.",
                    "Reload " + (keyless.size() == 1 ? "it" : "them") + " whole with 'copy-records --tables " + String.join(",", keyless)
                            + " --clear', and leave " + (keyless.size() == 1 ? "it" : "them") + " out of sync with --exclude.");
        }
        return matched;
    }

    /** Parents first, by the target's foreign keys. */
    private static List<SyncTable> ordered(List<SyncTable> tables) {
        Map<String, SyncTable> byName = new LinkedHashMap<>();
        tables.forEach(t -> byName.put(t.name(), t));
        return DependencyOrder.of(tables.stream().map(SyncTable::target).toList()).order().stream().map(byName::get).toList();
    }
}
