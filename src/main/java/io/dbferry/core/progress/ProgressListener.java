package io.dbferry.core.progress;

import java.util.List;
import java.util.Map;

/**
 * Where a long operation reports how far it has come. The shell draws it (a live view on a terminal,
 * plain lines otherwise); tests pass {@link #NONE}.
 */
public interface ProgressListener {

    ProgressListener NONE = new ProgressListener() {
    };

    /**
     * The tables the operation will work through, in order, before the first starts.
     * {@code expectedRows} maps a table to its expected rows where known (absent or -1 when not).
     */
    default void planned(List<String> tables, Map<String, Long> expectedRows) {
    }

    default void tableStarted(String table, long expectedRows) {
    }

    default void rowsDone(String table, long rows) {
    }

    default void tableFinished(String table, long rows) {
    }

    default void tableFailed(String table, String reason) {
    }

    /**
     * Whether whoever watches has asked the operation to stop (Ctrl-C in the shell). Checked often by
     * the row loops, so it must be cheap; the operation then rolls back the table in flight and
     * stops with {@link OperationCancelledException} or a result that records the cancellation.
     */
    default boolean cancelled() {
        return false;
    }
}
