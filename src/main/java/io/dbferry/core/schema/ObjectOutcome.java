package io.dbferry.core.schema;

import java.util.List;

/**
 * What copy-schema did (or would do) with one of the source's views or triggers.
 *
 * @param kind     "view" or "trigger"
 * @param table    the trigger's table; null for a view
 * @param outcome  {@link #CREATED}, {@link #WOULD_BE_CREATED}, {@link #EXISTS} or {@link #NOT_CARRIED}
 * @param rewrites the rewrites made to run it on the target, each "from -> to" (empty when it runs as it is)
 * @param reason   why it is not carried, else null
 */
public record ObjectOutcome(String kind, String name, String table, String outcome, List<String> rewrites, String reason) {

    public static final String CREATED = "created";
    public static final String WOULD_BE_CREATED = "would be created";
    public static final String EXISTS = "exists, left alone";
    public static final String NOT_CARRIED = "not carried";

    public boolean carried() {
        return !outcome.equals(NOT_CARRIED);
    }

    /** One line for the operator: outcome, rewrites, reason. */
    public String describe() {
        StringBuilder out = new StringBuilder(outcome);
        if (!rewrites.isEmpty()) {
            out.append(", rewritten: ").append(String.join("; ", rewrites));
        }
        if (reason != null) {
            out.append(": ").append(reason);
        }
        return out.toString();
    }
}
