package io.dbferry.core.schema;

import io.dbferry.core.session.DatabaseConnection;
import org.flywaydb.core.api.MigrationInfoService;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code migrate --info}: Flyway's applied and pending migrations for one connection, read without
 * changing anything. Safe on the read-only source.
 */
public final class MigrationStatus {

    private final DatabaseConnection connection;

    public MigrationStatus(DatabaseConnection connection) {
        this.connection = connection;
    }

    public MigrationInfo read(List<String> locations) {
        return FlywaySetup.run(connection, locations, null, flyway -> {
            MigrationInfoService service = flyway.info();
            List<MigrationInfo.Entry> entries = new ArrayList<>();
            for (org.flywaydb.core.api.MigrationInfo m : service.all()) {
                entries.add(new MigrationInfo.Entry(m.getVersion() == null ? null : m.getVersion().getVersion(),
                        m.getDescription(), m.getScript(), m.getState().name().toLowerCase(Locale.ROOT),
                        m.getInstalledOn() == null ? null : m.getInstalledOn().toInstant()));
            }
            org.flywaydb.core.api.MigrationInfo current = service.current();
            String version = current == null || current.getVersion() == null ? null : current.getVersion().getVersion();
            return new MigrationInfo(FlywaySetup.where(connection), version, List.copyOf(entries), locations);
        });
    }
}
