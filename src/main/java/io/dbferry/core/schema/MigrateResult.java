package io.dbferry.core.schema;

import java.util.List;

/**
 * What {@code migrate} did on the target.
 *
 * @param applied     the migrations run, in order; empty when the schema was already current
 * @param fromVersion the schema version before, or null for a database Flyway had not seen
 * @param toVersion   the schema version reached, or null when there is still none
 * @param locations   the locations read, with {vendor} replaced
 */
public record MigrateResult(List<AppliedMigration> applied, String fromVersion, String toVersion, List<String> locations) {

    public boolean upToDate() {
        return applied.isEmpty();
    }
}
