package io.dbferry.core;

import java.sql.SQLException;

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

        /** A table's row (a 1-based number, or a key such as {@code id=7}) and column, each part possibly null. */
        public static Where of(String table, String row, String column) {
            return table == null && row == null && column == null ? NOWHERE : new Where(table, row, column);
        }

        /** As a message names it: {@code table part, row 7, column name}, the parts known; empty when nowhere. */
        public String describe() {
            StringBuilder text = new StringBuilder();
            if (table != null) {
                text.append("table ").append(table);
            }
            if (row != null) {
                text.append(text.isEmpty() ? "" : ", ").append("row ").append(row);
            }
            if (column != null) {
                text.append(text.isEmpty() ? "" : ", ").append("column ").append(column);
            }
            return text.toString();
        }
    }

    /** How much of what a driver said follows the paragraph: enough for a constraint's detail, not a page of SQL. */
    private static final int SERVER_SAID_LIMIT = 600;

    private final Kind kind;
    private final Where where;
    private final String nextStep;

    public DbferryException(Kind kind, String message, String nextStep) {
        this(kind, Where.NOWHERE, message, nextStep, null);
    }

    public DbferryException(Kind kind, String message, String nextStep, Throwable cause) {
        this(kind, Where.NOWHERE, message, nextStep, cause);
    }

    public DbferryException(Kind kind, Where where, String message, String nextStep) {
        this(kind, where, message, nextStep, null);
    }

    public DbferryException(Kind kind, Where where, String message, String nextStep, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.where = where == null ? Where.NOWHERE : where;
        this.nextStep = nextStep;
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

    /**
     * What the operator reads: message and next step as one paragraph, then, on its own line, what the
     * database said when a statement of it failed ({@link #serverSaid()}). The one rule for every error.
     */
    public String paragraph() {
        String message = getMessage() == null ? "" : getMessage();
        String text = nextStep == null || nextStep.isBlank() ? message
                : message + (nextStep.startsWith("\n") ? "" : endsASentence(message) ? " " : ". ") + nextStep;
        String said = serverSaid();
        return said == null ? text : text + "\nThe server said: " + said;
    }

    private static boolean endsASentence(String message) {
        return message.isEmpty() || ".!?:\n".indexOf(message.charAt(message.length() - 1)) >= 0;
    }

    /**
     * The database's own words about this failure: the message of the innermost {@link SQLException} among
     * the causes, unless the paragraph already quotes it or, for a {@link Kind#CONNECTION} error, the driver
     * never reached a server (SQLState class 08: its guesses add nothing to the sentence). Null when none.
     */
    public String serverSaid() {
        return serverSaid(getCause(), (getMessage() == null ? "" : getMessage()) + " " + (nextStep == null ? "" : nextStep),
                kind == Kind.CONNECTION);
    }

    /**
     * What a database said in {@code failure}'s causes (see {@link #serverSaid()}), unless {@code alreadySaid}
     * quotes it, or {@code connecting} and it is only the driver's guess at a server it never reached.
     */
    public static String serverSaid(Throwable failure, String alreadySaid, boolean connecting) {
        SQLException sql = null;
        for (Throwable c = failure; c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof SQLException s) {
                sql = s;
            }
        }
        if (sql == null || sql.getMessage() == null || sql.getMessage().isBlank()
                || connecting && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
            return null;
        }
        String said = sql.getMessage().strip();
        String firstLine = said.lines().findFirst().orElse(said).strip();
        if (alreadySaid != null && alreadySaid.contains(firstLine)) {
            return null;
        }
        return said.length() <= SERVER_SAID_LIMIT ? said : said.substring(0, SERVER_SAID_LIMIT) + " ...";
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
