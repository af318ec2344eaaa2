package io.dbferry.shell.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dbferry.core.DbferryException;
import io.dbferry.core.session.ConnectionUrls;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A failure under {@code --format json}: the document {@code {"error": {...}}} on stdout, and, when the
 * command ran to the end and found the failure (an import with a failed table, a verify that differs),
 * its result beside it as {@code "result"}. The exit code stays the text form's.
 */
public final class ErrorDocument {

    /**
     * What a script reads of an error: the kind in lower case, the message, the next step, where, and
     * what the database said when a statement of it failed (the text form's "The server said: ...").
     */
    public record Error(String kind, String message, String nextStep, String table, String row, String column,
                        String serverSaid) {

        /** Its texts masked as the console's paragraph is: a message may quote a value typed with a password. */
        public static Error of(DbferryException e) {
            DbferryException.Where where = e.where();
            return new Error(e.kind().name().toLowerCase(Locale.ROOT), ConnectionUrls.redact(e.getMessage()),
                    ConnectionUrls.redact(e.nextStep()), where.table(), where.row(), where.column(),
                    ConnectionUrls.redact(e.serverSaid()));
        }

        /** A failure that is no {@link DbferryException}: a usage error found by the shell's parser, or a bug. */
        public static Error other(boolean usage, String message) {
            return new Error(usage ? "usage" : "internal", ConnectionUrls.redact(message), null, null, null, null, null);
        }
    }

    private ErrorDocument() {
    }

    /** {@code result}: the JSON the command rendered before failing, or null. */
    public static String render(Error error, String result) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("error", error);
        if (result != null && !result.isBlank()) {
            document.put("result", parsed(result));
        }
        return Json.write(document);
    }

    private static Object parsed(String result) {
        try {
            return Json.read(result);
        } catch (JsonProcessingException e) {
            return result; // a text report (a command without JSON rendering) travels as a string
        }
    }
}
