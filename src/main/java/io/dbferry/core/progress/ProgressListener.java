package io.dbferry.core.progress;

/**
 * What a long operation tells whoever watches it: a table started (with the rows expected, or -1 when
 * unknown), rows done so far, the table finished or failed. The shell decides how to draw it; tests
 * pass {@link #NONE}. Calls come from the thread doing the work; implementations must be cheap.
 */
public interface ProgressListener {

    ProgressListener NONE = new ProgressListener() {
    };

    /** @param expectedRows rows the table is expected to get, or -1 when not known */
    default void tableStarted(String table, long expectedRows) {
    }

    /** @param rows rows done so far in this table (a running total, not an increment) */
    default void rowsDone(String table, long rows) {
    }

    default void tableFinished(String table, long rows) {
    }

    default void tableFailed(String table, String reason) {
    }
}
