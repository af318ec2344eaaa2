package io.dbferry.core.progress;

/**
 * Where a long operation reports how far it has come. The shell draws it (a live view on a terminal,
 * plain lines otherwise); tests pass {@link #NONE}.
 */
public interface ProgressListener {

    ProgressListener NONE = new ProgressListener() {
    };

    default void tableStarted(String table, long expectedRows) {
    }

    default void rowsDone(String table, long rows) {
    }

    default void tableFinished(String table, long rows) {
    }

    default void tableFailed(String table, String reason) {
    }
}
