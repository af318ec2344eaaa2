package io.dbferry.core.schema;

import java.util.List;

/**
 * What copy-schema did, or would do with {@code --dry-run}: the statements, the tables created, and the
 * tables that already existed (with how they differ, if they do).
 */
public record CopySchemaResult(List<String> statements, List<String> created, List<ExistingTable> existing,
                               boolean dryRun) {

    public record ExistingTable(String table, List<String> differences) {
        public boolean matches() {
            return differences.isEmpty();
        }
    }

    public boolean targetDiffers() {
        return existing.stream().anyMatch(e -> !e.matches());
    }
}
