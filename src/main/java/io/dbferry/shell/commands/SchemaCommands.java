package io.dbferry.shell.commands;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.config.DbferryConfig;
import io.dbferry.core.schema.AppliedMigration;
import io.dbferry.core.schema.MigrateResult;
import io.dbferry.core.schema.MigrationInfo;
import io.dbferry.core.schema.MigrationLocations;
import io.dbferry.core.schema.MigrationStatus;
import io.dbferry.core.schema.Migrator;
import io.dbferry.core.schema.RepairResult;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.shell.completion.TableNameCache;
import io.dbferry.shell.render.Json;
import io.dbferry.shell.render.OutputFormat;
import io.dbferry.shell.render.TextTable;
import io.dbferry.shell.render.output.SchemaOutput;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** migrate: the target's tables from the application's own Flyway migrations. */
@ShellComponent
public class SchemaCommands {

    private static final String GROUP = "Schema";
    private static final DateTimeFormatter INSTALLED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final Session session;
    private final DbferryConfig config;
    private final TableNameCache tableNames;

    public SchemaCommands(Session session, DbferryConfig config, TableNameCache tableNames) {
        this.session = session;
        this.config = config;
        this.tableNames = tableNames;
    }

    @ShellMethod(key = "migrate", group = GROUP, value = """
            Create or update the target's tables with the application's Flyway migrations. Locations come from \
            --locations or dbferry.yml (migrations.locations); {vendor} stands for sqlite, mysql or postgresql. \
            --info lists applied and pending migrations of both sides and changes nothing; --repair removes failed \
            entries from Flyway's history after a failed migration was fixed. \
            Example: migrate --locations filesystem:/srv/app/migrations/{vendor}""")
    public String migrate(
            @ShellOption(value = "--locations", defaultValue = ShellOption.NULL,
                    help = "Flyway locations, comma-separated: filesystem:DIR or classpath:PATH") String locations,
            @ShellOption(value = "--target-version", defaultValue = ShellOption.NULL,
                    help = "stop at this version instead of the latest") String targetVersion,
            @ShellOption(value = "--info", help = "list applied and pending migrations for source and target; change nothing") boolean info,
            @ShellOption(value = "--repair", help = "repair Flyway's history on the target after a failed migration") boolean repair,
            @ShellOption(value = "--format", defaultValue = "text", help = "text or json") String format) {
        boolean json = OutputFormat.parse(format).json();
        List<String> given = locations == null ? List.of() : Arrays.asList(locations.split(","));
        if (info && repair) {
            throw new DbferryException(Kind.USAGE, "--info and --repair cannot be combined.",
                    "Run 'migrate --info' first, then 'migrate --repair'.");
        }
        if (info) {
            return info(given, json);
        }
        DatabaseConnection target = session.require(Side.TARGET);
        List<String> resolved = MigrationLocations.resolve(given, config.migrationLocations(), target.dialect().engine());
        if (repair) {
            RepairResult result = new Migrator(target).repair(resolved);
            tableNames.invalidate();
            if (json) {
                return Json.write(SchemaOutput.Repair.of(result));
            }
            return result.actions().isEmpty() ? "  Flyway's history needed no repair."
                    : "  " + String.join("\n  ", result.actions()) + "\n  Now run 'migrate' again.";
        }
        MigrateResult result = new Migrator(target).migrate(resolved, targetVersion);
        tableNames.invalidate();
        if (json) {
            return Json.write(SchemaOutput.Migrate.of(result));
        }
        return render(result);
    }

    static String render(MigrateResult result) {
        StringBuilder out = new StringBuilder();
        if (result.upToDate()) {
            out.append("  Schema is up to date at version ").append(version(result.toVersion())).append("; nothing to apply.\n");
            return out.toString();
        }
        TextTable table = new TextTable("version", "migration", "script", "ms").alignRight(3);
        for (AppliedMigration m : result.applied()) {
            table.row(m.version() == null ? "R" : m.version(), m.description(), m.script(), TextTable.number(m.millis()));
        }
        out.append(table.render());
        out.append("  ").append(result.applied().size()).append(result.applied().size() == 1 ? " migration" : " migrations")
                .append(" applied: version ").append(version(result.fromVersion())).append(" -> ")
                .append(version(result.toVersion())).append('\n');
        return out.toString();
    }

    private String info(List<String> given, boolean json) {
        Map<String, SchemaOutput.SideInfo> bySide = new LinkedHashMap<>();
        StringBuilder out = new StringBuilder();
        List<String> notConnected = new ArrayList<>();
        DbferryException firstError = null;
        int read = 0;
        for (Side side : Side.values()) {
            var connection = session.get(side).or(() -> session.configured(side).map(r -> session.require(side)));
            if (connection.isEmpty()) {
                notConnected.add(side.label());
                continue;
            }
            DatabaseConnection c = connection.get();
            List<String> resolved;
            MigrationInfo info;
            try {
                resolved = MigrationLocations.resolve(given, config.migrationLocations(), c.dialect().engine());
                info = new MigrationStatus(c).read(resolved);
            } catch (DbferryException e) {
                firstError = firstError == null ? e : firstError;
                // one side's problem (say, no folder for its engine) does not hide the other side
                bySide.put(side.label(), SchemaOutput.SideInfo.failed(e));
                out.append(side.label()).append(": ").append(c.spec().display()).append(" · ").append(e.paragraph()).append('\n');
                continue;
            }
            bySide.put(side.label(), SchemaOutput.SideInfo.of(info));
            read++;
            out.append(side.label()).append(": ").append(c.spec().display()).append(" · schema version ")
                    .append(version(info.currentVersion())).append(" · ").append(info.applied().size()).append(" applied, ")
                    .append(info.pending().size()).append(" pending\n");
            if (info.migrations().isEmpty()) {
                out.append("  (no migrations in ").append(String.join(", ", resolved)).append(")\n");
                continue;
            }
            TextTable table = new TextTable("version", "description", "script", "state", "installed (UTC)");
            for (MigrationInfo.Entry e : info.migrations()) {
                table.row(e.version() == null ? "R" : e.version(), e.description(), e.script(), e.state().replace('_', ' '),
                        e.installedOn() == null ? "" : INSTALLED.format(e.installedOn()));
            }
            out.append(table.render());
        }
        if (bySide.isEmpty()) {
            throw new DbferryException(Kind.USAGE, "Neither side is connected.", "Run 'connect target URL' (and 'connect source URL') first.");
        }
        if (read == 0 && firstError != null) {
            throw firstError;
        }
        if (json) {
            return Json.write(new SchemaOutput.Info(bySide.get(Side.SOURCE.label()), bySide.get(Side.TARGET.label())));
        }
        for (String side : notConnected) {
            out.append(side).append(": (not connected)\n");
        }
        return out.toString();
    }

    private static String version(String v) {
        return v == null ? "<none>" : v;
    }
}
