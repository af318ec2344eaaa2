package io.dbferry.core.transfer.imports;

import io.dbferry.core.progress.ProgressListener;


/**
 * One table's progress while its key ranges load side by side: each range's writer counts its own rows from 1, and
 * the table's listener is told their sum with the rows already committed, so the views draw one table, not its ranges.
 */
final class RangeProgress {

    private final ProgressListener progress;
    private final String table;
    /** Guarded by this: the one update is in {@link #add}. */
    private long total;

    RangeProgress(ProgressListener progress, String table, long committed) {
        this.progress = progress;
        this.table = table;
        this.total = committed;
    }

    /** In one lock with the report, so writers side by side tell the listener their sums in order. */
    private synchronized void add(long change) {
        total += change;
        progress.rowsDone(table, total);
    }

    /** The listener of one range's writer (one thread at a time). */
    Counted range() {
        return new Counted(this);
    }

    /** What one range's writer reports: its rows so far, added to the table's as they change. */
    static final class Counted implements ProgressListener {

        private final RangeProgress table;
        private long reported;

        private Counted(RangeProgress table) {
            this.table = table;
        }

        @Override
        public void rowsDone(String name, long rows) {
            moveTo(rows);
        }

        /** The range committed {@code rows}: counted whatever the writer last reported. */
        void committed(long rows) {
            moveTo(rows);
        }

        /** The range rolled back: its rows no longer count. */
        void rolledBack() {
            moveTo(0);
        }

        @Override
        public boolean cancelled() {
            return table.progress.cancelled();
        }

        private void moveTo(long rows) {
            long change = rows - reported;
            reported = rows;
            table.add(change);
        }
    }
}
