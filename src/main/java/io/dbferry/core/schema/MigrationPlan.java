package io.dbferry.core.schema;

import java.util.List;

/**
 * What a migration would do, worked out before a single row is written: per table the rows, whether
 * the target table exists and fits, the conversions (and which can lose information), the triggers
 * that would fire; the load order; a time estimate; the problems that would make it fail (for a dump
 * file, every value the target cannot hold exactly among them: {@code valueProblems} counts those values); and,
 * planned from the source, what copy-schema would do: with the tables the target lacks ({@code schemaNotes}: carried,
 * translated, not carried, as {@code copy-schema --dry-run} lists them) and with the views and triggers.
 */
public record MigrationPlan(String from, String to, List<TablePlan> tables, List<String> loadOrder,
                            long estimatedSeconds, long valueProblems, List<ObjectOutcome> objects, List<SchemaNote> schemaNotes) {

    /** Without copy-schema's part (planned from a file, which holds no schema beyond the columns). */
    public MigrationPlan(String from, String to, List<TablePlan> tables, List<String> loadOrder, long estimatedSeconds,
                         long valueProblems) {
        this(from, to, tables, loadOrder, estimatedSeconds, valueProblems, List.of(), List.of());
    }

    public record TablePlan(String table, long rows, String targetTable, List<Conversion> conversions,
                            List<String> triggers, List<String> problems) {
    }

    /** A column whose values change type on the way; {@code risk} says what can be lost, or null. */
    public record Conversion(String column, String from, String to, String risk) {
    }

    public List<String> problems() {
        return tables.stream().flatMap(t -> t.problems().stream().map(p -> t.table() + ": " + p)).toList();
    }

    public boolean wouldFail() {
        return !problems().isEmpty();
    }
}
