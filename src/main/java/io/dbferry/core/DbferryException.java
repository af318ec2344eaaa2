package io.dbferry.core;

/**
 * An error the operator can act on: the root of every failure an operator can cause. The message says
 * what failed and where (table, row or key, column when there is one); {@link #nextStep()} says what to
 * do about it. The shell prints both as one paragraph (or, with {@code --format json}, as one error
 * object) and never a stack trace; a driver's or parser's own words may follow, never replace it.
 */
public class DbferryException extends RuntimeException {

    /** What sort of failure this is, as an operator (and a script reading the JSON form) would sort it. */
    public enum Kind {
        /** A server or file could not be reached, or refused the login. */
        CONNECTION,
        /** A command was given wrong or missing arguments, or the session is not in the state it needs. */
        USAGE,
        /** {@code dbferry.yml} or a launcher option is wrong. */
        CONFIGURATION,
        /** A dump file cannot be read as written: truncated, edited, another format version. */
        DUMP_DAMAGED,
        /** A value cannot be carried exactly (from the source into the dump, or from the dump into the target). */
        VALUE_NOT_CARRIED,
        /** The target's tables or columns do not match what is to be loaded. */
        TARGET_MISMATCH,
        /** The target refused rows: a key, a foreign key, a check, a length. */
        CONSTRAINT,
        /** Text the target would reject or alter (character set, length, NUL). */
        ENCODING,
        /** A backup is incomplete, tampered with, or its passphrase is wrong. */
        BACKUP_DAMAGED,
        /** The operator cancelled (Ctrl-C); what was committed stays, the table in flight was rolled back. */
        CANCELLED,
        /** Reading or writing a local file failed (disk full, permissions). */
        FILE,
        /** A database statement failed for a reason none of the above names. */
        DATABASE
    }

    /** Where the failure is, as far as known: each part may be null. {@code row} is a row number or a key. */
    public record Where(String table, String row, String column) {
        public static final Where NOWHERE = new Where(null, null, null);

        public static Where table(String table) {
            return new Where(table, null, null);
        }
    }

    private final Kind kind;
    private final Where where;
    private final String nextStep;

    public DbferryException(Kind kind, String message, String nextStep) {
        this(kind, Where.NOWHERE, message, nextStep, null);
    }

    public DbferryException(Kind kind, String message, String nextStep, Throwable cause) {
        this(kind, Where.NOWHERE, message, nextStep, cause);
    }

    public DbferryException(Kind kind, Where where, String message, String nextStep, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.where = where == null ? Where.NOWHERE : where;
        this.nextStep = nextStep;
    }

    /** Kindless: to be given a kind at each throw site. */
    public DbferryException(String message, String nextStep) {
        this(Kind.DATABASE, message, nextStep);
    }

    /** Kindless: to be given a kind at each throw site. */
    public DbferryException(String message, String nextStep, Throwable cause) {
        this(Kind.DATABASE, message, nextStep, cause);
    }

    public Kind kind() {
        return kind;
    }

    public Where where() {
        return where;
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
