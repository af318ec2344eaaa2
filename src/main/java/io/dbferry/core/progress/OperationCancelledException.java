package io.dbferry.core.progress;

import io.dbferry.core.DbferryException;

/** An operation stopped because its {@link ProgressListener#cancelled()} said so (kind {@link Kind#CANCELLED}). */
public class OperationCancelledException extends DbferryException {

    /** The reason recorded for the table in flight (in the import journal, among others). */
    public static final String REASON = "cancelled by the operator";

    public OperationCancelledException(String message, String nextStep) {
        super(Kind.CANCELLED, message, nextStep);
    }

    /** Throws when the listener says the operation is cancelled. */
    public static void check(ProgressListener progress, String message, String nextStep) {
        if (progress.cancelled()) {
            throw new OperationCancelledException(message, nextStep);
        }
    }
}
