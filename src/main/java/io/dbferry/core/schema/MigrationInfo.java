package io.dbferry.core.schema;

import java.time.Instant;
import java.util.List;

/**
 * Flyway's view of one database, read without changing it: every migration found in the locations or
 * recorded in the history, with its state.
 *
 * @param database       what the database is, as the operator knows it
 * @param currentVersion the schema version recorded, or null
 * @param migrations     all entries, in version order
 * @param locations      the locations read, with {vendor} replaced
 */
public record MigrationInfo(String database, String currentVersion, List<Entry> migrations, List<String> locations) {

    /**
     * @param state Flyway's state in lower case: success, pending, failed, missing_success, ignored, ...
     * @param installedOn when it was applied, or null when it is not
     */
    public record Entry(String version, String description, String script, String state, Instant installedOn) {

        public boolean isApplied() {
            return installedOn != null;
        }

        public boolean isPending() {
            return "pending".equals(state);
        }
    }

    public List<Entry> applied() {
        return migrations.stream().filter(Entry::isApplied).toList();
    }

    public List<Entry> pending() {
        return migrations.stream().filter(Entry::isPending).toList();
    }
}
