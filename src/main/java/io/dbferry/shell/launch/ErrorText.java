package io.dbferry.shell.launch;

import io.dbferry.core.DbferryException;
import io.dbferry.core.session.ConnectionUrls;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the console says about a failure, decided in one place: an operator's error is its
 * {@link DbferryException#paragraph()} (found among the causes, as Spring may wrap it); anything else
 * is a fault in dbferry, told in one sentence that names the log, which holds the stack trace. A
 * parser's or driver's wording never stands alone: at most the server's words follow the sentence.
 */
public final class ErrorText {

    /** Spring Shell's words for an option value its converters refused. */
    private static final Pattern ILLEGAL_VALUE = Pattern.compile(
            "Illegal option value '(.*)', reason 'Failed to convert from type \\[[^\\]]*] to type \\[([^\\]]*)].*'", Pattern.DOTALL);

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
        String said = DbferryException.serverSaid(failure, null, false);
        return said == null ? sentence : sentence + "\nThe server said: " + said;
    }

    /**
     * Spring Shell's complaint about an option, in dbferry's words where it would quote Java types: an
     * unconvertible value becomes "--jobs takes a whole number, not 'abc'"; other complaints pass as they are.
     */
    static String parserProblem(String message, List<String> words) {
        Matcher illegal = message == null ? null : ILLEGAL_VALUE.matcher(message);
        if (illegal == null || !illegal.matches()) {
            return message == null ? "" : message;
        }
        String value = illegal.group(1);
        int at = words.indexOf(value);
        String option = at > 0 && words.get(at - 1).startsWith("-") ? words.get(at - 1) : "an option";
        String wanted = switch (illegal.group(2)) {
            case "int", "long", "short", "java.lang.Integer", "java.lang.Long", "java.lang.Short" -> "a whole number";
            case "double", "float", "java.lang.Double", "java.lang.Float", "java.math.BigDecimal" -> "a number";
            case "boolean", "java.lang.Boolean" -> "true or false";
            default -> "a " + illegal.group(2).substring(illegal.group(2).lastIndexOf('.') + 1);
        };
        return option + " takes " + wanted + ", not '" + value + "'";
    }

    /**
     * The stack trace for the log, masked: an exception's message may quote what the operator typed (a refused
     * option value, a URL), and the log keeps no password.
     */
    static String maskedStackTrace(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return ConnectionUrls.redact(trace.toString().stripTrailing());
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
