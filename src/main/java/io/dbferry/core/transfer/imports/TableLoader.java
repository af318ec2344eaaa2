package io.dbferry.core.transfer.imports;

import io.dbferry.core.DbferryException;
import io.dbferry.core.dialect.BulkLoader;
import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dialect.IndexDeferral;
import io.dbferry.core.dump.DumpFormatException;
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
 *
 * <p>With {@code --commit-every N} the table is committed in chunks of N rows in key order instead, each
 * chunk's last key recorded in the journal as it commits; a failure rolls back only the chunk in flight,
 * and a retry resumes after the last committed key ({@link RowOrigin#open}).
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
    /** The load's check of this table's values as they are read ({@link CheckedRows}), or null. */
    private final io.dbferry.core.encoding.LoadCheck.Table check;
    /** Rows committed so far (by earlier chunks, or by the run a retry resumes) and the last one's key. */
    private long committed;
    private List<String> lastKey;

    TableLoader(ImportRun run, DatabaseConnection db, TargetTable table, Set<String> pending) {
        this(run, db, table, pending, null);
    }

    /** {@code check}: the table's check, fed by the rows this load is given ({@link CheckedRows}); refused, it rolls back. */
    TableLoader(ImportRun run, DatabaseConnection db, TargetTable table, Set<String> pending,
                io.dbferry.core.encoding.LoadCheck.Table check) {
        this.check = check;
        this.run = run;
        this.db = db;
        this.dialect = db.dialect();
        this.jdbc = db.jdbc();
        this.table = table;
        this.rowsInFile = run.plan().rowsInFile(table);
        this.pending = pending;
    }

    /** Loads the table's rows from {@code origin}, after the chunks an earlier run committed where the journal says so. */
    Entry load(RowOrigin origin) {
        Instant started = Instant.now();
        Entry earlier = resumeFrom();
        if (earlier != null) {
            // rows read, rejected ones included; a journal from before rowsRead had no rejects beside chunks
            committed = earlier.rowsRead() != null ? earlier.rowsRead() : earlier.rowsImported();
            lastKey = earlier.lastKey();
        }
        long resumedAfter = committed;
        record(TableState.RUNNING, null, null, null, null);
        run.progress().tableStarted(table.name(), rowsInFile);
        if (committed > 0) {
            run.progress().rowsDone(table.name(), committed);
        }
        long chunkSize = run.options().commitEvery() > 0 ? run.options().commitEvery() : Long.MAX_VALUE;
        // the pass being read; the row-by-row second try closes it first (a streaming read holds its connection)
        RowOrigin.Pass[] pass = {null};
        // held off for each chunk's transaction and back before (or right after) its commit
        TriggerHold triggers = run.options().disableTriggers()
                ? TriggerHold.on(db, table.name(), run.journal(), run.command()) : TriggerHold.none();
        try {
            jdbc.setAutoCommit(false);
            // before the clear: on MySQL/MariaDB dropping a trigger commits what the transaction holds
            triggers.holdOff();
            if (run.clear() != null && earlier == null) {
                // in the load's transaction: a failed load leaves the old rows (a resumed table keeps its committed chunks)
                run.clear().empty(db, table.name());
            }
            IndexDeferral.SetAside indexes = setIndexesAside(earlier, chunkSize);
            ParentKeyCheck parentKeys = ParentKeyCheck.toFinalParents(jdbc, dialect, table, pending);
            TableRows rows = new TableRows(table, parentKeys, run.rejects(), io.dbferry.core.encoding.TextFixes.of(table.source(), db,
                    io.dbferry.core.dialect.Conversions.parse(run.options().convert())), check);
            pass[0] = origin.open(committed, lastKey);
            boolean more = true;
            while (more) {
                ChunkRows chunk = new ChunkRows(pass[0], chunkSize);
                ChunkRows[] replayed = {null};
                TableWriter.Again again = writer -> {
                    closeQuietly(pass[0]);
                    pass[0] = origin.open(committed, lastKey);
                    replayed[0] = new ChunkRows(pass[0], chunkSize);
                    return writer.write(replayed[0], committed + 1);
                };
                long written = writer(rows, again).write(chunk, committed + 1);
                ChunkRows wrote = replayed[0] != null ? replayed[0] : chunk;
                more = !wrote.ended();
                refuseChecked(pass[0], more);
                if (indexes != null) {
                    indexes.rebuild(); // a table held in one transaction has one chunk: this is its end
                }
                checkKeys(parentKeys, !more);
                if (!more) {
                    dialect.resetAutoIncrement(jdbc, table.target());
                }
                triggers.beforeCommit();
                jdbc.commit();
                if (run.rejects() != null) {
                    run.rejects().committed(table.source().name());
                }
                triggers.afterEnd();
                committed += written;
                if (more) {
                    lastKey = wrote.lastKey(table);
                    record(TableState.RUNNING, null, null, null, null);
                    run.progress().rowsDone(table.name(), committed);
                    triggers.holdOff();
                }
            }
            if (!triggers.names().isEmpty()) {
                run.triggersHeld().put(table.name(), triggers.names());
            }
            run.progress().tableFinished(table.name(), committed);
            lastKey = null;
            String note = resumedAfter > 0 ? String.format("resumed after %,d committed rows", resumedAfter) : null;
            return record(TableState.DONE, seconds(started), note, null, null);
        } catch (LoadFailure f) {
            return fail(f.reason, f.row, f.column, started, triggers);
        } catch (SQLException | RuntimeException e) {
            if (dialect.isConnectionLost(e)) {
                fail(triggers, lostReason(dialect, e, run), started);
                throw new ConnectionLost(table.name(), dialect.isServerTimeout(e), e);
            }
            if (e instanceof DumpFormatException || e instanceof SQLException || e instanceof DbferryException) {
                return fail(e.getMessage(), null, null, started, triggers);
            }
            Transactions.rollbackQuietly(jdbc);
            triggers.afterEndQuietly();
            throw (RuntimeException) e;
        } catch (IOException e) {
            return fail("reading the rows failed: " + e.getMessage(), null, null, started, triggers);
        } finally {
            closeQuietly(pass[0]);
            Transactions.autoCommitQuietly(jdbc);
        }
    }

    /**
     * The table's plain secondary indexes dropped for the load where the engine builds them again in the same
     * transaction ({@link Dialect#indexDeferral}): only for a table loaded whole in one transaction and not resumed,
     * so the indexes of committed chunks are never missing. Null when nothing is set aside.
     */
    private IndexDeferral.SetAside setIndexesAside(Entry earlier, long chunkSize) throws SQLException {
        IndexDeferral deferral = dialect.indexDeferral();
        if (deferral == null || earlier != null || chunkSize != Long.MAX_VALUE) {
            return null;
        }
        IndexDeferral.SetAside aside = deferral.setAside(jdbc, table.name());
        return aside.names().isEmpty() ? null : aside;
    }

    /** The journal's entry of the run a retry resumes: chunks committed, the table not done. */
    private Entry resumeFrom() {
        return resumes(run.plan(), table.name(), run.options()) ? run.plan().earlier().entry(table.name()).orElseThrow() : null;
    }

    /** Whether a retry resumes {@code table} after its committed chunks (and so must not empty it): not with --clear. */
    static boolean resumes(ImportPlan plan, String table, io.dbferry.core.transfer.ImportOptions options) {
        return options.retryFailed() && !options.clear() && plan.earlier() != null
                && plan.earlier().entry(table).map(Entry::resumable).orElse(false);
    }

    /** The check found a value the target would reject or change: the rest of the table read through it, then rolled back. */
    private void refuseChecked(RowOrigin.Pass pass, boolean more) throws IOException {
        if (check == null || !check.refused()) {
            return;
        }
        if (more) {
            CheckedRows.drain(pass);
        }
        throw new LoadFailure(check.reason(), null, check.column());
    }

    /** Checks are off for the session: this chunk's keys now (the whole table's at its last), so a violation rolls it back. */
    private void checkKeys(ParentKeyCheck parentKeys, boolean last) {
        if (pending == null) {
            return;
        }
        List<String> orphans = new ArrayList<>(parentKeys.orphans());
        if (last) {
            orphans.addAll(ForeignKeyAudit.violationsOf(db, table.target(),
                    fk -> !pending.contains(fk.referencedTable()) && !parentKeys.checksKey(fk)));
        }
        if (!orphans.isEmpty()) {
            throw new LoadFailure("foreign key violated: " + String.join("; ", orphans), null, null);
        }
    }

    /** The fast path unless the options turn it off or the dialect has none; the batched path otherwise. */
    TableWriter writer(TableRows rows, TableWriter.Again again) {
        return writer(run, db, rows, again, run.progress());
    }

    /** The writer of one transaction's rows on {@code db}, reporting to {@code progress} (a key range's: its own count). */
    static TableWriter writer(ImportRun run, DatabaseConnection db, TableRows rows, TableWriter.Again again,
                              io.dbferry.core.progress.ProgressListener progress) {
        int batchSize = Math.max(1, run.options().batchSize());
        Dialect dialect = db.dialect();
        Connection jdbc = db.jdbc();
        BulkLoader bulk = run.options().bulk() ? dialect.bulkLoader() : null;
        if (bulk == null) {
            return new BatchedWriter(jdbc, dialect, rows, progress, batchSize);
        }
        return new BulkWriter(bulk, jdbc, dialect, rows, progress, batchSize, again,
                () -> new BatchedWriter(jdbc, dialect, rows, progress, batchSize), run.options().serverTimeout());
    }

    /** The server is gone: the triggers stay in the journal for the retry to put back. */
    private void fail(TriggerHold triggers, String reason, Instant started) {
        fail(reason, null, null, started, triggers);
    }

    private Entry fail(String reason, Long row, String column, Instant started, TriggerHold triggers) {
        Transactions.rollbackQuietly(jdbc);
        triggers.afterEndQuietly();
        run.progress().tableFailed(table.name(), reason);
        return record(TableState.FAILED, seconds(started), reason, row, column);
    }

    /** The table's state in the journal, with what is committed so far. */
    private Entry record(TableState state, Double seconds, String reason, Long row, String column) {
        // committed counts the file's rows read; those written to the rejects file are not imported
        long imported = committed - (run.rejects() == null ? 0 : run.rejects().rejected(table.source().name()));
        List<String> resumeKey = state == TableState.DONE ? null : lastKey;
        Entry entry = new Entry(table.name(), state, rowsInFile, imported, seconds, reason, row, column,
                resumeKey, resumeKey == null ? null : committed);
        run.journal().record(entry);
        return entry;
    }

    static void closeQuietly(RowOrigin.Pass pass) {
        if (pass == null) {
            return;
        }
        try {
            pass.close();
        } catch (IOException | RuntimeException ignored) {
            // a read that already failed reports itself; the rows are not needed any more
        }
    }

    /** The parents whose keys this table's keys were checked against before its commit. */
    static Set<String> checkedParents(TargetTable table, Set<String> pending) {
        return table.target().foreignKeys().stream().map(ForeignKey::referencedTable)
                .filter(parent -> !pending.contains(parent)).collect(java.util.stream.Collectors.toSet());
    }

    /** Why a load stopped on a lost connection ({@code Dialect#isConnectionLost}): the server's bound waited out, or the server gone. */
    static String lostReason(Dialect dialect, Throwable e, ImportRun run) {
        return dialect.isServerTimeout(e) ? "the server did not answer within " + run.options().serverTimeout().toSeconds() + " s"
                : "the server went away (" + DbferryException.rootMessage(e) + ")";
    }

    static double seconds(Instant started) {
        return Duration.between(started, Instant.now()).toMillis() / 1000.0;
    }
}
