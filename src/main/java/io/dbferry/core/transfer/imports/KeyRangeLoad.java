package io.dbferry.core.transfer.imports;

import io.dbferry.core.DbferryException;
import io.dbferry.core.dialect.Conversions;
import io.dbferry.core.dump.DumpFormatException;
import io.dbferry.core.encoding.TextFixes;
import io.dbferry.core.model.Column;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.ImportJournal.Entry;
import io.dbferry.core.transfer.ImportJournal.KeyRange;
import io.dbferry.core.transfer.TableState;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One table copied in key ranges ({@link KeyRangePlan}), each range in a transaction of its own, committed and
 * journaled as it ends: the table's own job loads ranges on its connections, and up to {@code --jobs - 1} more writers
 * (threads of the load's pool no other group holds, each with its own target connection and a free source reader in
 * the copy's snapshot) take ranges beside it; a SQLite target, one writer, loads them one after another. A failed
 * range is rolled back alone and stops the others from taking more; a retry loads only the ranges without rows.
 * Once every range is in: the row count against the source's, the keys no range could check, the counter moved.
 */
final class KeyRangeLoad {

    private static final Logger log = LoggerFactory.getLogger(KeyRangeLoad.class);

    private final ImportRun run;
    private final DatabaseConnection db;
    private final TargetTable table;
    private final Set<String> pending;
    private final SourceRows rows;
    private final Column key;
    /** The --convert text rules, built once: every range applies the same (its writer on the same target). */
    private final TextFixes fixes;
    private final List<KeyRange> ranges;
    private final Queue<Integer> toLoad = new ConcurrentLinkedQueue<>();
    private final RangeProgress progress;
    private final long rowsInFile;
    private volatile boolean stop;
    /** The first range to fail, and why; null while none has. */
    private String failure;
    /** What the table's job throws once the writers have stopped (the connection lost, a fault in dbferry); else null. */
    private RuntimeException rethrow;

    private KeyRangeLoad(ImportRun run, DatabaseConnection db, TargetTable table, Set<String> pending, SourceRows rows) {
        this.run = run;
        this.db = db;
        this.table = table;
        this.pending = pending == null ? null : Set.copyOf(pending);
        this.rows = rows;
        this.key = rows.integerKey();
        this.fixes = TextFixes.of(table.source(), db, Conversions.parse(run.options().convert()));
        this.ranges = new ArrayList<>(run.keyRanges().plan().ranges(table.name()));
        this.rowsInFile = run.plan().rowsInFile(table);
        this.progress = new RangeProgress(run.progress(), table.name(), committedRows());
    }

    /** Loads {@code table} in its ranges; {@code rows} are the group's (its reader), {@code pending} as for {@link TableLoader}. */
    static Entry load(ImportRun run, DatabaseConnection db, TargetTable table, Set<String> pending, SourceRows rows) {
        return new KeyRangeLoad(run, db, table, pending, rows).load();
    }

    private Entry load() {
        Instant started = Instant.now();
        boolean resumed = committedRows() > 0;
        try {
            if (resumed) {
                adoptUnjournaled();
            }
        } catch (RuntimeException e) {
            return failed("counting the rows of its key ranges on the target failed: " + DbferryException.rootMessage(e), started);
        }
        int earlier = (int) ranges.stream().filter(KeyRange::committed).count();
        for (int i = 0; i < ranges.size(); i++) {
            if (!ranges.get(i).committed()) {
                toLoad.add(i);
            }
        }
        record(TableState.RUNNING, null, null);
        run.progress().tableStarted(table.name(), rowsInFile);
        if (resumed) {
            run.progress().rowsDone(table.name(), committedRows());
        }
        try {
            if (run.clear() != null && !resumed) {
                emptyFirst(); // committed before the ranges, which commit on their own
            }
            ParentKeyCheck own = parentKeyCheck(db);
            List<Helper> helpers = startHelpers();
            work(db, rows.source(), own);
            for (Helper helper : helpers) {
                helper.awaitOrCancel();
            }
            if (failure == null) {
                return finish(own, started, earlier);
            }
        } catch (SQLException | RuntimeException e) {
            Transactions.rollbackQuietly(db.jdbc());
            if (db.dialect().isConnectionLost(e)) {
                stopped(TableLoader.lostReason(db.dialect(), e, run), new ConnectionLost(table.name(), db.dialect().isServerTimeout(e), e));
            } else if (e instanceof SQLException || e instanceof DbferryException || e instanceof org.jooq.exception.DataAccessException) {
                stopped(DbferryException.rootMessage(e), null);
            } else {
                stopped(String.valueOf(e), (RuntimeException) e);
            }
        } finally {
            Transactions.autoCommitQuietly(db.jdbc());
        }
        Entry outcome = failed(failure, started);
        if (rethrow != null) {
            throw rethrow; // the connection is gone (the import stops), or a fault in dbferry
        }
        return outcome;
    }

    /** Every range in: the rows against the source's count, the keys no range checked, the counter past the last key. */
    private Entry finish(ParentKeyCheck own, Instant started, int earlier) throws SQLException {
        long committed = committedRows();
        if (rowsInFile >= 0 && committed != rowsInFile) {
            return failed("the " + ranges.size() + " key ranges of " + key.name() + " held " + committed + " rows, the source "
                    + rowsInFile + " (a key value outside the integers?); copy the table with --clear and without --commit-every", started);
        }
        if (pending != null) {
            List<String> orphans = ForeignKeyAudit.violationsOf(db, table.target(),
                    fk -> !pending.contains(fk.referencedTable()) && (own == null || !own.checksKey(fk)));
            if (!orphans.isEmpty()) {
                return failed("foreign key violated: " + String.join("; ", orphans), started);
            }
        }
        Connection jdbc = db.jdbc();
        jdbc.setAutoCommit(false);
        db.dialect().resetAutoIncrement(jdbc, table.target());
        jdbc.commit();
        run.progress().tableFinished(table.name(), committed);
        String note = earlier > 0 ? String.format("resumed: %d of %d key ranges were committed", earlier, ranges.size())
                : String.format("in %d key ranges", ranges.size());
        return record(TableState.DONE, TableLoader.seconds(started), note);
    }

    /**
     * A range the journal has without rows but the target holds rows of committed in the instant before a kill could
     * journal it (a range rolled back leaves none): taken as committed with the rows the target holds, not loaded again.
     */
    private void adoptUnjournaled() {
        var dsl = db.dialect().dsl(db.jdbc());
        Column targetKey = table.target().column(table.target().primaryKey().get(0)).orElseThrow();
        for (int i = 0; i < ranges.size(); i++) {
            if (!ranges.get(i).committed()) {
                int held = dsl.fetchCount(DSL.table(DSL.name(table.name())), KeyRanges.condition(targetKey, ranges.get(i)));
                if (held > 0) {
                    log.info("{} of {}: {} rows committed before the journal recorded them", ranges.get(i).describe(), table.name(), held);
                    ranges.set(i, ranges.get(i).done(held));
                }
            }
        }
    }

    /** Takes ranges until none is left or one has failed. */
    private void work(DatabaseConnection target, DatabaseConnection reader, ParentKeyCheck parentKeys) {
        Integer next;
        while (!stop && (next = toLoad.poll()) != null) {
            loadRange(next, target, reader, parentKeys);
        }
    }

    private void loadRange(int index, DatabaseConnection target, DatabaseConnection reader, ParentKeyCheck parentKeys) {
        KeyRange range = rangeAt(index);
        SourceRows origin = rows.within(KeyRanges.condition(key, range), reader);
        Connection jdbc = target.jdbc();
        RangeProgress.Counted counted = progress.range();
        RowOrigin.Pass[] pass = {null};
        try {
            jdbc.setAutoCommit(false);
            if (parentKeys != null) {
                parentKeys.restart();
            }
            TableRows prepared = new TableRows(table, parentKeys, null, fixes);
            pass[0] = origin.open(0, null);
            TableWriter.Again again = writer -> {
                TableLoader.closeQuietly(pass[0]);
                pass[0] = origin.open(0, null);
                return writer.write(pass[0], 1);
            };
            long written = TableLoader.writer(run, target, prepared, again, counted).write(pass[0], 1);
            if (parentKeys != null && !parentKeys.orphans().isEmpty()) {
                throw new LoadFailure("foreign key violated: " + String.join("; ", parentKeys.orphans()), null, null);
            }
            jdbc.commit();
            counted.committed(written);
            committed(index, written);
        } catch (LoadFailure f) {
            boolean cancelled = f.reason.equals(io.dbferry.core.progress.OperationCancelledException.REASON);
            rangeFailed(jdbc, counted, cancelled ? f.reason : range.describe() + ": " + f.reason, null);
        } catch (SQLException | RuntimeException | IOException e) {
            if (target.dialect().isConnectionLost(e)) {
                rangeFailed(jdbc, counted, TableLoader.lostReason(target.dialect(), e, run),
                        new ConnectionLost(table.name(), target.dialect().isServerTimeout(e), e));
            } else if (e instanceof DumpFormatException || e instanceof SQLException || e instanceof DbferryException || e instanceof IOException) {
                rangeFailed(jdbc, counted, range.describe() + ": " + e.getMessage(), null);
            } else {
                rangeFailed(jdbc, counted, range.describe() + ": " + e, (RuntimeException) e);
            }
        } finally {
            TableLoader.closeQuietly(pass[0]);
            Transactions.autoCommitQuietly(jdbc);
        }
    }

    private void rangeFailed(Connection jdbc, RangeProgress.Counted counted, String reason, RuntimeException stopWith) {
        Transactions.rollbackQuietly(jdbc);
        counted.rolledBack();
        stopped(reason, stopWith);
    }

    private synchronized void stopped(String reason, RuntimeException stopWith) {
        stop = true;
        if (failure == null) {
            failure = reason;
        }
        if (rethrow == null && stopWith != null) {
            rethrow = stopWith;
        }
    }

    /** Extra writers for the ranges, on threads of the load's pool; none for a one-writer target or without a pool. */
    private List<Helper> startHelpers() {
        ExecutorService pool = run.keyRanges().helpers();
        List<Helper> helpers = new ArrayList<>();
        if (pool == null || !db.dialect().concurrentWriters()) {
            return helpers;
        }
        int extra = Math.min(run.options().jobs() - 1, toLoad.size() - 1);
        for (int i = 0; i < extra; i++) {
            Helper helper = new Helper();
            helper.future = pool.submit(helper::run);
            helpers.add(helper);
        }
        return helpers;
    }

    /**
     * A writer beside the table's own job. It starts only once a thread of the pool is free; the table's job waits for
     * the helpers that started and cancels the rest, so a helper queued behind other groups never holds the table up.
     */
    private final class Helper {
        private final AtomicInteger state = new AtomicInteger(); // 0 queued, 1 running, 2 cancelled
        private Future<?> future;

        void run() {
            if (!state.compareAndSet(0, 1)) {
                return;
            }
            DatabaseConnection reader = run.keyRanges().plan().freeReader();
            if (reader == null) {
                return; // every reader is held by a job: the others load the ranges
            }
            try (DatabaseConnection own = db.openAnother()) {
                Importer.boundServerWait(own, run.options().serverTimeout());
                if (run.checksOff()) {
                    own.dialect().setForeignKeyChecks(own.jdbc(), false);
                }
                work(own, reader, parentKeyCheck(own));
            } catch (SQLException e) {
                log.info("a key-range writer for {} could not start: {}", table.name(), e.getMessage());
            } finally {
                run.keyRanges().plan().giveBack(reader);
            }
        }

        void awaitOrCancel() {
            if (state.compareAndSet(0, 2)) {
                return;
            }
            try {
                future.get();
            } catch (ExecutionException e) {
                stopped("a key-range writer failed: " + e.getCause(), null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped("interrupted", null);
            }
        }
    }

    /** With the engine's checks off: this writer's check of the keys to final parents, read once for all its ranges. */
    private ParentKeyCheck parentKeyCheck(DatabaseConnection target) throws SQLException {
        return ParentKeyCheck.toFinalParents(target.jdbc(), target.dialect(), table, pending);
    }

    private void emptyFirst() throws SQLException {
        Connection jdbc = db.jdbc();
        jdbc.setAutoCommit(false);
        run.clear().empty(db, table.name());
        jdbc.commit();
    }

    private synchronized KeyRange rangeAt(int index) {
        return ranges.get(index);
    }

    private synchronized void committed(int index, long rowCount) {
        ranges.set(index, ranges.get(index).done(rowCount));
        record(TableState.RUNNING, null, null);
    }

    private synchronized long committedRows() {
        return ranges.stream().filter(KeyRange::committed).mapToLong(KeyRange::rows).sum();
    }

    private Entry failed(String reason, Instant started) {
        run.progress().tableFailed(table.name(), reason);
        return record(TableState.FAILED, TableLoader.seconds(started), reason);
    }

    /** The table's entry with every range as it stands; a range holds its rows once committed. */
    private synchronized Entry record(TableState state, Double seconds, String reason) {
        Entry entry = new Entry(table.name(), state, rowsInFile, committedRows(), seconds, reason, null, null, null, null,
                List.copyOf(ranges));
        run.journal().record(entry);
        return entry;
    }
}
