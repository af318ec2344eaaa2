package io.dbferry.core.schema;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.session.DatabaseConnection;
import org.flywaydb.core.api.output.MigrateOutput;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code migrate}: brings the target's schema to the latest version (or to {@code targetVersion}) with
 * Flyway, from the given locations. Only ever the target: the source is read-only.
 */
public final class Migrator {

    private final DatabaseConnection target;

    public Migrator(DatabaseConnection target) {
        if (target.isReadOnly()) {
            throw new DbferryException(Kind.USAGE, "'migrate' changes a database, and the " + target.side().label() + " is read-only.",
                    "Connect the database to migrate as the target: 'connect target URL'.");
        }
        this.target = target;
    }

    /**
     * @param locations     Flyway locations as resolved by {@link MigrationLocations#resolve}
     * @param targetVersion the version to stop at, or null for the latest
     */
    public MigrateResult migrate(List<String> locations, String targetVersion) {
        return FlywaySetup.run(target, locations, targetVersion, flyway -> {
            org.flywaydb.core.api.output.MigrateResult result = flyway.migrate();
            List<AppliedMigration> applied = new ArrayList<>();
            if (result.migrations != null) {
                for (MigrateOutput m : result.migrations) {
                    applied.add(new AppliedMigration(m.version, m.description, scriptName(m.filepath), m.executionTime));
                }
            }
            String reached = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
            return new MigrateResult(List.copyOf(applied), result.initialSchemaVersion, reached, locations);
        });
    }

    /** Removes failed entries from Flyway's history and realigns checksums with the files, as {@code flyway repair}. */
    public RepairResult repair(List<String> locations) {
        return FlywaySetup.run(target, locations, null, flyway -> {
            org.flywaydb.core.api.output.RepairResult result = flyway.repair();
            List<String> actions = new ArrayList<>();
            if (result.migrationsRemoved != null) {
                result.migrationsRemoved.forEach(m -> actions.add("removed failed entry " + m.version + " " + m.description));
            }
            if (result.migrationsDeleted != null) {
                result.migrationsDeleted.forEach(m -> actions.add("marked missing " + m.version + " " + m.description + " as deleted"));
            }
            if (result.migrationsAligned != null) {
                result.migrationsAligned.forEach(m -> actions.add("realigned checksum of " + m.version + " " + m.description));
            }
            return new RepairResult(List.copyOf(actions));
        });
    }

    private static String scriptName(String filepath) {
        if (filepath == null) {
            return null;
        }
        int slash = Math.max(filepath.lastIndexOf('/'), filepath.lastIndexOf('\\'));
        return slash >= 0 ? filepath.substring(slash + 1) : filepath;
    }
}
