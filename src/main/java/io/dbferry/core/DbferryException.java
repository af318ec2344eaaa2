package io.dbferry.core;

/**
 * An error the operator can act on. The message says what failed and where (table, row, column when
 * there is one); {@link #nextStep()} says what to do about it. The shell prints both as one paragraph
 * and never a stack trace.
 */
public class DbferryException extends RuntimeException {

    private final String nextStep;

    public DbferryException(String message, String nextStep) {
        this(message, nextStep, null);
    }

    public DbferryException(String message, String nextStep, Throwable cause) {
        super(message, cause);
        this.nextStep = nextStep;
    }

    /** What the operator should do next; may be null when the message already says it. */
    public String nextStep() {
        return nextStep;
    }

    /** Message and next step as the one paragraph the operator reads. */
    public String paragraph() {
        if (nextStep == null || nextStep.isBlank()) {
            return getMessage();
        }
        return getMessage() + (nextStep.startsWith("\n") ? "" : " ") + nextStep;
    }

    /** The message of the innermost cause: what the driver or the server actually said. */
    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
