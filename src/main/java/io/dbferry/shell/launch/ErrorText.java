package io.dbferry.shell.launch;

import io.dbferry.core.DbferryException;

/**
 * What the console says about a failure, decided in one place: an operator's error is its
 * {@link DbferryException#paragraph()} (found among the causes, as Spring may wrap it); anything else
 * is a fault in dbferry, told in one sentence that names the log, which holds the stack trace. A
 * parser's or driver's wording never stands alone: at most the server's words follow the sentence.
 */
public final class ErrorText {

    private ErrorText() {
    }

    /** The operator's error in {@code failure} or its causes, or null when it is none. */
    static DbferryException operatorError(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof DbferryException d) {
                return d;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    /** The text for any failure; {@code logFile} is where the details went. */
    public static String of(Throwable failure, String logFile) {
        DbferryException operatorError = operatorError(failure);
        return operatorError != null ? operatorError.paragraph() : unexpected(failure, logFile);
    }

    /** A failure dbferry did not foresee: a fault in dbferry, whatever the exception says. */
    static String unexpected(Throwable failure, String logFile) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String sentence = "dbferry stopped on an internal error (" + root.getClass().getSimpleName()
                + "), a fault in dbferry rather than in your data or command; the details are in " + logFile
                + ", please report them.";
        String said = DbferryException.serverSaid(failure, null);
        return said == null ? sentence : sentence + "\nThe server said: " + said;
    }

    /** {@code path} with the home folder shown as {@code ~}, as the operator would type it. */
    public static String shown(String path) {
        String home = System.getProperty("user.home");
        if (path == null || path.isBlank()) {
            return "~/.dbferry/dbferry.log";
        }
        return home != null && !home.isEmpty() && path.startsWith(home + "/") ? "~" + path.substring(home.length()) : path;
    }
}
