package io.dbferry.core.schema;

import java.util.List;

/**
* What copy-schema did, or would do with {@code --dry-run}: the statements, the tables created, the
 * tables that already existed (with how they differ, if they do), what was carried, translated or not carried
 * beside the column types ({@link SchemaNote}), the views and triggers (created, rewritten, not carried) and the
 * file their definitions were written to (null when there were none, or no file was asked for).
 */
public record CopySchemaResult(List<String> statements, List<String> created, List<ExistingTable> existing,
                               boolean dryRun, List<SchemaNote> notes, List<ObjectOutcome> objects, String objectsFile) {

    public CopySchemaResult(List<String> statements, List<String> created, List<ExistingTable> existing, boolean dryRun) {
        this(statements, created, existing, dryRun, List.of(), List.of(), null);
    }

    /** What was translated or left out (defaults, checks, rules...), each by table.column. */
    public List<SchemaNote> notCarried() {
        return notes.stream().filter(n -> n.outcome() == SchemaNote.Outcome.NOT_CARRIED).toList();
    }

    public record ExistingTable(String table, List<String> differences) {
        public boolean matches() {
            return differences.isEmpty();
        }
    }

    public boolean targetDiffers() {
        return existing.stream().anyMatch(e -> !e.matches());
    }
}
