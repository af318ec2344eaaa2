package io.dbferry.core.transfer.sync;

import io.dbferry.core.dialect.BulkLoader;
import io.dbferry.core.progress.OperationCancelledException;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.rows.PrefetchedRows;
import io.dbferry.core.rows.TableScan;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.KeyOrderedWalk;
import io.dbferry.core.transfer.SyncMarks;
import io.dbferry.core.transfer.TableState;
import io.dbferry.core.transfer.Verifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One table's sync: the key-ordered walk of source and target ({@link KeyOrderedWalk}, as verify walks
 * them), each side read on its own thread, sorts the rows into missing, changed, extra and unchanged; where
 * both servers can sum the rows of each key range exactly ({@link RangeChecksums}) only the ranges whose sums
 * differ are walked. The differences wait in {@link RowSpool}s and are then written by a {@link ChangeWriter}.
 */
final class TableSyncer implements AutoCloseable {


    private final SyncTable table;
    private final SyncOptions options;
    private final ProgressListener progress;
    private RowSpool inserts;
    private RowSpool updates;
    private RowSpool deletes;
    private final List<String> insertedKeys = new ArrayList<>();
    private final List<String> updatedKeys = new ArrayList<>();
    private final List<String> deletedKeys = new ArrayList<>();
    private String comparedBy = "walk";
    private long read;
    private long unchanged;
    private long inserted;
    private long updated;
    private long deleted;

    TableSyncer(SyncTable table, SyncOptions options, ProgressListener progress) {
        this.table = table;
        this.options = options;
        this.progress = progress;
        startOver();
    }

    /** Empty spools and counts: at the start, and when a mark turned out not to hold. */
    private void startOver() {
        close();
        boolean spool = !options.dryRun();
        inserts = spool ? new RowSpool(table.name() + "-insert") : null;
        updates = spool ? new RowSpool(table.name() + "-update") : null;
        deletes = spool && options.delete() ? new RowSpool(table.name() + "-delete") : null;
        insertedKeys.clear();
        updatedKeys.clear();
        deletedKeys.clear();
        read = unchanged = inserted = updated = deleted = 0;
    }

    /**
     * Keeps what differs: with a {@code mark} the target is known to hold the source's rows as of, only the rows changed
     * since ({@link ChangedSince}); otherwise both sides read once, in key order (only the ranges whose server
     * checksums differ, where they can be used). {@code markNote}: why no mark is used, where the source keeps row versions.
     */
    void findDifferences(DatabaseConnection source, DatabaseConnection target, SyncMarks.Entry mark, String markNote) {
        String note = markNote == null ? "" : "; " + markNote;
        if (mark != null) {
            Optional<String> failed = new ChangedSince(this, table, source, target).find(mark, options.delete());
            if (failed.isEmpty()) {
                return;
            }
            startOver();
            note = "; " + failed.get();
        }
        findAll(source, target, note);
    }

    private void findAll(DatabaseConnection source, DatabaseConnection target, String note) {
        Optional<String> whyNot = RangeChecksums.whyNot(table, source, target);
        if (whyNot.isPresent()) {
            comparedBy = "walk (" + whyNot.get() + note + ")";
            walk(source, target);
            return;
        }
        RangeChecksums.Plan plan = RangeChecksums.plan(table, source, target);
        unchanged += plan.equalRows();
        comparedBy = plan.describe() + note;
        // the differing ranges in one query per side (of at most RANGES_PER_QUERY ranges), the table restricted to
        // them as the engine reads that best, not one query per range (339 ranges cost about 1.2 s so, 0.1 s in one)
        List<org.jooq.Table<?>> onSource = RangeChecksums.rowsInRanges(table, source, true, plan.ranges());
        List<org.jooq.Table<?>> onTarget = RangeChecksums.rowsInRanges(table, target, false, plan.ranges());
        for (int k = 0; k < onSource.size(); k++) {
            try (TableScan expected = TableScan.openFrom(source, table.source(), table.source().columns(), onSource.get(k));
                 TableScan actual = TableScan.openFrom(target, table.target(), table.targetColumns(), onTarget.get(k))) {
                walk(expected, actual);
            }
        }
    }

    private void walk(DatabaseConnection source, DatabaseConnection target) {
        try (TableScan expected = TableScan.open(source, table.source(), table.source().columns(), null, null);
             TableScan actual = TableScan.open(target, table.target(), table.targetColumns(), null, null)) {
            walk(expected, actual);
        }
    }

    /** Each side read on its own thread, the target's values turned into the source's types there too. */
    private void walk(TableScan expected, TableScan actual) {
        try (PrefetchedRows expectedRows = new PrefetchedRows(expected::next);
             PrefetchedRows actualRows = new PrefetchedRows(() -> asExpected(actual.next()))) {
            walk(expectedRows, actualRows);
        }
    }

    Object[] asExpected(Object[] row) {
        return row == null ? null : Verifier.asExpected(row, table.targetColumns(), table.types());
    }

    private void walk(BulkLoader.RowSource expectedRows, BulkLoader.RowSource actualRows) {
        walk(expectedRows, actualRows, true, row -> { });
    }

    /**
     * The walk, keeping what differs. {@code extrasDeleted} false: the target's rows were read only for the keys the
     * source gave, so one it holds alone is another key the target's collation matched, not a row to delete.
     */
    void walk(BulkLoader.RowSource expectedRows, BulkLoader.RowSource actualRows, boolean extrasDeleted,
              java.util.function.Consumer<Object[]> onMissing) {
        String name = table.name();
        KeyOrderedWalk walk = new KeyOrderedWalk(name, table.key(), (e, a) -> Verifier.differingColumns(e, a, table.types()), true);
        walk.walk(() -> {
            OperationCancelledException.check(progress, "The sync was cancelled at table " + name + "; nothing of it was written.", null);
            Object[] row = next(expectedRows);
            if (row != null && ++read % 10_000 == 0) {
                progress.rowsDone(name, read);
            }
            return row;
        }, () -> next(actualRows), new KeyOrderedWalk.Visitor() {
            @Override
            public void same(Object[] e, Object[] a) {
                unchanged++;
            }

            @Override
            public void changed(Object[] e, Object[] a, int[] columns) {
                updated++;
                keep(updates, updatedKeys, e);
            }

            @Override
            public void missing(Object[] e) {
                inserted++;
                keep(inserts, insertedKeys, e);
                onMissing.accept(e);
            }

            @Override
            public void extra(Object[] a) {
                if (!extrasDeleted) {
                    return;
                }
                if (options.delete()) {
                    deleted++;
                    keep(deletes, deletedKeys, a);
                } else {
                    unchanged++; // left as it is: --no-delete
                }
            }
        });
    }

    /** The next row a reading thread gave; its failure (a DbferryException from the scan) as it was thrown there. */
    private static Object[] next(BulkLoader.RowSource rows) {
        try {
            return rows.next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A row only the target holds, found by its key alone: {@code row} has the key's values, the rest null. */
    void keepDelete(Object[] row) {
        deleted++;
        keep(deletes, deletedKeys, row);
    }

    /** Rows counted equal without being read. */
    void addUnchanged(long rows) {
        unchanged += rows;
    }

    long inserted() {
        return inserted;
    }

    long deleted() {
        return deleted;
    }

    void comparedBy(String how) {
        comparedBy = how;
    }

    private void keep(RowSpool spool, List<String> keys, Object[] row) {
        if (keys.size() < SyncOptions.KEYS_SHOWN) {
            keys.add(table.keyText(row));
        }
        if (spool != null) {
            spool.add(row);
        }
    }

    boolean hasDeletes() {
        return deletes != null && deletes.rows() > 0;
    }

    boolean hasUpdatesOrDeletes() {
        return updated > 0 || (options.delete() && deleted > 0);
    }

    /**
     * Writes the table's differences in one transaction: inserts, updates and, with {@code withDeletes}, the deletes;
     * then moves the counters past the new keys.
     */
    void write(DatabaseConnection target, boolean withDeletes) throws SQLException {
        boolean deleting = withDeletes && hasDeletes();
        if (inserts.rows() == 0 && updates.rows() == 0 && !deleting) {
            return;
        }
        ChangeWriter writer = new ChangeWriter(table, target, options.batchSize(), progress);
        ChangeWriter.inTransaction(target.jdbc(), () -> {
            if (inserts.rows() > 0) {
                writer.insert(inserts);
            }
            if (updates.rows() > 0) {
                writer.update(updates);
            }
            if (deleting) {
                writer.delete(deletes);
            }
        });
        if (inserts.rows() > 0) {
            target.dialect().resetAutoIncrement(target.jdbc(), table.target());
        }
    }

    /** The deletes alone, in their own transaction: for a table whose children had to lose their rows first. */
    void writeDeletes(DatabaseConnection target) throws SQLException {
        if (hasDeletes()) {
            ChangeWriter writer = new ChangeWriter(table, target, options.batchSize(), progress);
            ChangeWriter.inTransaction(target.jdbc(), () -> writer.delete(deletes));
        }
    }

    /** The rows walked: what was written and what was left equal. */
    long rowsSeen() {
        return inserted + updated + deleted + unchanged;
    }

    /** What was done (or, in a dry run, found), as the summary shows it. */
    SyncResult.TableSync result(TableState state, Double seconds, String reason) {
        return new SyncResult.TableSync(table.name(), state, inserted, updated, deleted, unchanged, seconds,
                insertedKeys, updatedKeys, deletedKeys, reason, comparedBy);
    }

    @Override
    public void close() {
        for (RowSpool spool : new RowSpool[]{inserts, updates, deletes}) {
            if (spool != null) {
                spool.close();
            }
        }
        inserts = updates = deletes = null;
    }
}
