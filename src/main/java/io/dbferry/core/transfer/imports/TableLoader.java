package io.dbferry.core.transfer.imports;

import io.dbferry.core.DbferryException;
import io.dbferry.core.dialect.BulkLoader;
import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dump.DumpFormatException;
import io.dbferry.core.dump.DumpReader;
import io.dbferry.core.model.ForeignKey;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.ImportJournal.Entry;
import io.dbferry.core.transfer.TableState;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Loads one table in one transaction: all its rows, or none. The rows go through the dialect's fast path
 * ({@link BulkWriter}) where it has one and the options allow it, else through {@link BatchedWriter}. With
 * the engine's foreign-key checks off, the table's keys are checked before the commit, so a violation
 * rolls it back whole. The outcome is recorded in the journal and returned.
 */
final class TableLoader {

    private final ImportRun run;
    private final DatabaseConnection db;
    private final Dialect dialect;
    private final Connection jdbc;
    private final TargetTable table;
    private final long rowsInFile;
    /** With foreign-key checks off: tables still to load, whose rows this table may not find yet; else null. */
    private final Set<String> pending;

    TableLoader(ImportRun run, DatabaseConnection db, TargetTable table, Set<String> pending) {
        this.run = run;
        this.db = db;
        this.dialect = db.dialect();
        this.jdbc = db.jdbc();
        this.table = table;
        this.rowsInFile = run.plan().rowsInFile(table);
        this.pending = pending;
    }

    /** Loads the rows that {@code reader} is about to give (its current table's). */
    Entry load(DumpReader reader) {
        Instant started = Instant.now();
        run.journal().record(new Entry(table.name(), TableState.RUNNING, rowsInFile, 0, null, null, null, null));
        run.progress().tableStarted(table.name(), rowsInFile);
        TriggerHold triggers = run.options().disableTriggers() ? TriggerHold.on(db, table.name(), run.journal()) : TriggerHold.none();
        try {
            jdbc.setAutoCommit(false);
            triggers.holdOff();
            ParentKeyCheck parentKeys = pending == null ? null : ParentKeyCheck.of(jdbc, dialect, table.target(), table.columns(),
                    table.target().foreignKeys().stream().filter(fk -> !pending.contains(fk.referencedTable())).toList());
            TableRows rows = new TableRows(table, parentKeys);
            long loaded = writer(rows).write(reader);
            if (pending != null) {
                // checks are off for the session: check this table's keys now, so a violation rolls it back whole
                List<String> orphans = new ArrayList<>(parentKeys.orphans());
                orphans.addAll(ForeignKeyAudit.violationsOf(db, table.target(),
                        fk -> !pending.contains(fk.referencedTable()) && !parentKeys.checksKey(fk)));
                if (!orphans.isEmpty()) {
                    throw new LoadFailure("foreign key violated: " + String.join("; ", orphans), null, null);
                }
            }
            dialect.resetAutoIncrement(jdbc, table.target());
            triggers.beforeCommit();
            jdbc.commit();
            triggers.afterEnd();
            if (!triggers.names().isEmpty()) {
                run.triggersHeld().put(table.name(), triggers.names());
            }
            run.progress().tableFinished(table.name(), loaded);
            Entry done = new Entry(table.name(), TableState.DONE, rowsInFile, loaded, seconds(started), null, null, null);
            run.journal().record(done);
            return done;
        } catch (LoadFailure f) {
            return fail(f.reason, f.row, f.column, started, triggers);
        } catch (SQLException | RuntimeException e) {
            if (dialect.isConnectionLost(e)) {
                boolean timedOut = dialect.isServerTimeout(e);
                fail(triggers, timedOut ? "the server did not answer within " + run.options().serverTimeout().toSeconds() + " s"
                        : "the server went away (" + DbferryException.rootMessage(e) + ")", started);
                throw new ConnectionLost(table.name(), timedOut, e);
            }
            if (e instanceof DumpFormatException || e instanceof SQLException) {
                return fail(e.getMessage(), null, null, started, triggers);
            }
            Transactions.rollbackQuietly(jdbc);
            triggers.afterEndQuietly();
            throw (RuntimeException) e;
        } catch (IOException e) {
            return fail("reading the file failed: " + e.getMessage(), null, null, started, triggers);
        } finally {
            Transactions.autoCommitQuietly(jdbc);
        }
    }

    /** The fast path unless the options turn it off or the dialect has none; the batched path otherwise. */
    TableWriter writer(TableRows rows) {
        int batchSize = Math.max(1, run.options().batchSize());
        BulkLoader bulk = run.options().bulk() ? dialect.bulkLoader() : null;
        if (bulk == null) {
            return new BatchedWriter(jdbc, dialect, rows, run.progress(), batchSize);
        }
        return new BulkWriter(bulk, jdbc, dialect, rows, run.progress(), batchSize, run.options().file(),
                () -> new BatchedWriter(jdbc, dialect, rows, run.progress(), batchSize));
    }

    /** The server is gone: the triggers stay in the journal for the retry to put back. */
    private void fail(TriggerHold triggers, String reason, Instant started) {
        fail(reason, null, null, started, triggers);
    }

    private Entry fail(String reason, Long row, String column, Instant started, TriggerHold triggers) {
        Transactions.rollbackQuietly(jdbc);
        triggers.afterEndQuietly();
        run.progress().tableFailed(table.name(), reason);
        Entry failed = new Entry(table.name(), TableState.FAILED, rowsInFile, 0, seconds(started), reason, row, column);
        run.journal().record(failed);
        return failed;
    }

    /** The parents whose keys this table's keys were checked against before its commit. */
    static Set<String> checkedParents(TargetTable table, Set<String> pending) {
        return table.target().foreignKeys().stream().map(ForeignKey::referencedTable)
                .filter(parent -> !pending.contains(parent)).collect(java.util.stream.Collectors.toSet());
    }

    private static double seconds(Instant started) {
        return Duration.between(started, Instant.now()).toMillis() / 1000.0;
    }
}
