package io.dbferry.shell.commands;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.catalog.TableNames;
import io.dbferry.core.schema.CopySchemaResult;
import io.dbferry.core.schema.ObjectOutcome;
import io.dbferry.core.schema.SchemaCopier;
import io.dbferry.core.schema.SchemaNote;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.shell.completion.SourceTableListValueProvider;
import io.dbferry.shell.completion.TableNameCache;
import io.dbferry.shell.render.Json;
import io.dbferry.shell.render.OutputFormat;
import io.dbferry.shell.render.TextTable;
import io.dbferry.shell.render.output.SchemaOutput;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** copy-schema: the target's tables from the source's own metadata, when there are no migrations. */
@ShellComponent
public class CopySchemaCommands {

    private final Session session;
    private final TableNameCache tableNames;

    public CopySchemaCommands(Session session, TableNameCache tableNames) {
        this.session = session;
        this.tableNames = tableNames;
    }

    @ShellMethod(key = "copy-schema", group = "Schema", value = """
            Create the target's tables from the source's metadata: columns (type mapping per engine, see \
            docs/type-mapping.md), keys, unique and other indexes, foreign keys with their actions, auto-increment, \
            defaults, ON UPDATE, generated columns, CHECKs, ENUM/SET values, collations; then the views (as they are or \
            after small known rewrites) and, between the same engines, the triggers; what is translated or not carried is \
            listed, every view and trigger definition written to --objects-file. Existing tables are left alone. \
            Example: copy-schema --dry-run --map REAL=DECIMAL(10,2)""")
    public String copySchema(
            @ShellOption(value = "--tables", defaultValue = ShellOption.NULL, help = "names and globs of source tables (default all)",
                    valueProvider = SourceTableListValueProvider.class) String tables,
            @ShellOption(value = "--dry-run", help = "print the DDL instead of running it") boolean dryRun,
            @ShellOption(value = "--map", defaultValue = ShellOption.NULL,
                    help = "SOURCE_TYPE=TARGET_TYPE, overriding the mapping; may be repeated") String map,
            @ShellOption(value = "--collation", defaultValue = ShellOption.NULL,
                    help = "the target's collation for every text column (default: compare as the source did)") String collation,
            @ShellOption(value = "--objects-file", defaultValue = "copy-schema-objects.sql", help = "where the views' and "
                    + "triggers' definitions are written, for porting what is not carried") String objectsFile,
            @ShellOption(value = "--format", defaultValue = "text", help = "text or json") String format) {
        OutputFormat output = OutputFormat.parse(format);
        SchemaCopier copier = new SchemaCopier(session.require(Side.SOURCE), session.require(Side.TARGET), overrides(map), collation);
        CopySchemaResult result = copier.copy(TableNames.split(tables), dryRun, Path.of(objectsFile));
        tableNames.invalidate();
        String rendered = output.json() ? Json.write(SchemaOutput.CopySchema.of(result)) : render(result, dryRun);
        if (result.targetDiffers()) {
            throw new FailedWithReport(Kind.TARGET_MISMATCH, rendered, "Some target tables exist but differ from the source's.",
                    "Align them (migrate, or ALTER TABLE), or drop them so copy-schema can create them.");
        }
        return rendered;
    }

    private static String render(CopySchemaResult result, boolean dryRun) {
        StringBuilder out = new StringBuilder();
        if (dryRun) {
            result.statements().forEach(s -> out.append(s).append(";\n"));
        }
        TextTable table = new TextTable("table", "result");
        result.created().forEach(t -> table.row(t, dryRun ? "would be created" : "created"));
        result.existing().forEach(e -> table.row(e.table(), e.matches() ? "exists, left alone"
                : "exists and differs: " + String.join("; ", e.differences())));
        out.append(table.render());
        if (!result.notes().isEmpty()) {
            out.append("\n").append(notes(result.notes()));
        }
        if (!result.objects().isEmpty()) {
            out.append(objects(result.objects()));
            if (result.objectsFile() != null) {
                out.append("definitions written to ").append(result.objectsFile()).append('\n');
            }
        }
        return out.toString();
    }

    /** What was carried beside the column types: carried, translated (to what), or not carried. */
    static String notes(List<SchemaNote> notes) {
        TextTable table = new TextTable("where", "what", "source", "target");
        for (SchemaNote note : notes) {
            table.row(note.place(), note.what(), note.from(), switch (note.outcome()) {
                case CARRIED -> "carried";
                case TRANSLATED -> "translated: " + note.to();
                case NOT_CARRIED -> "NOT CARRIED";
            });
        }
        return table.render();
    }

    /** The views and triggers: created, rewritten (from -> to), or not carried and why. */
    static String objects(List<ObjectOutcome> objects) {
        TextTable table = new TextTable("view or trigger", "result");
        objects.forEach(o -> table.row(o.kind() + " " + (o.table() == null ? "" : o.table() + ".") + o.name(), o.describe()));
        return table.render();
    }

    static Map<String, String> overrides(String map) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String item : io.dbferry.shell.process.RepeatedOptions.values(map)) {
            int eq = item.indexOf('=');
            if (eq <= 0 || eq == item.length() - 1) {
                throw new DbferryException(Kind.USAGE, "--map '" + item + "' is not SOURCE_TYPE=TARGET_TYPE.",
                        "Write it as --map REAL=DECIMAL(10,2).");
            }
            overrides.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
        }
        return overrides;
    }
}
