package io.dbferry.shell.commands;

import io.dbferry.core.dialect.Excerpt;
import io.dbferry.core.inspect.Inspector;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.ForeignKey;
import io.dbferry.core.model.Index;
import io.dbferry.core.model.Table;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.shell.completion.SideValueProvider;
import io.dbferry.shell.completion.TableNameValueProvider;
import io.dbferry.shell.render.Json;
import io.dbferry.shell.render.OutputFormat;
import io.dbferry.shell.render.TextTable;
import io.dbferry.shell.render.output.InspectionOutput;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** tables, count, describe, peek: looking before acting. All read only, on the source unless --on target. */
@ShellComponent
public class InspectionCommands {

    private static final String GROUP = "Inspection";

    private final Session session;

    public InspectionCommands(Session session) {
        this.session = session;
    }

    private Inspector on(String side) {
        return new Inspector(session.require(Side.parse(side)));
    }

    @ShellMethod(key = "tables", group = GROUP, value = "List the tables, with exact record counts and a total when --counts is given. Example: tables --counts --on target")
    public String tables(
            @ShellOption(value = "--on", defaultValue = "source", help = "source or target", valueProvider = SideValueProvider.class) String on,
            @ShellOption(value = "--counts", help = "count the records of every table") boolean counts,
            @ShellOption(value = "--format", defaultValue = "text", help = "text or json") String format) {
        Inspector inspector = on(on);
        boolean json = OutputFormat.parse(format).json();
        if (!counts) {
            List<String> names = inspector.tables();
            return json ? Json.write(InspectionOutput.Tables.names(side(on), names))
                    : names.isEmpty() ? "  (no tables)" : "  " + String.join("\n  ", names);
        }
        return renderCounts(side(on), inspector.counts(List.of()), json);
    }

    @ShellMethod(key = "count", group = GROUP, value = "Count the records of the named tables, or of all. Example: count Track Album --on target")
    public String count(
            @ShellOption(arity = Integer.MAX_VALUE, defaultValue = ShellOption.NULL, help = "table names (all when none)",
                    valueProvider = TableNameValueProvider.class) String[] tables,
            @ShellOption(value = "--on", defaultValue = "source", help = "source or target", valueProvider = SideValueProvider.class) String on,
            @ShellOption(value = "--format", defaultValue = "text", help = "text or json") String format) {
        List<String> names = tables == null ? List.of() : Arrays.asList(tables);
        return renderCounts(side(on), on(on).counts(names), OutputFormat.parse(format).json());
    }

    private static String side(String on) {
        return Side.parse(on).label();
    }

    private static String renderCounts(String side, List<Inspector.TableCount> counts, boolean json) {
        if (json) {
            return Json.write(InspectionOutput.Tables.counted(side, counts));
        }
        TextTable table = new TextTable("", "").alignRight(1);
        long total = 0;
        for (Inspector.TableCount c : counts) {
            table.row(c.table(), TextTable.number(c.rows()));
            total += c.rows();
        }
        table.row(ConnectionCommands.tableCount(counts.size()), TextTable.number(total));
        return table.render();
    }

    @ShellMethod(key = "describe", group = GROUP, value = "Show a table's columns (name, type, nullable, default, key), indexes and foreign keys both ways. Example: describe Track")
    public String describe(
            @ShellOption(help = "the table", valueProvider = TableNameValueProvider.class) String table,
            @ShellOption(value = "--on", defaultValue = "source", help = "source or target", valueProvider = SideValueProvider.class) String on,
            @ShellOption(value = "--format", defaultValue = "text", help = "text or json") String format) {
        Inspector.Description d = on(on).describe(table);
        Table t = d.table();
        if (OutputFormat.parse(format).json()) {
            return Json.write(InspectionOutput.Description.of(side(on), d));
        }
        StringBuilder out = new StringBuilder(t.name()).append('\n');
        TextTable columns = new TextTable("column", "type", "portable", "null", "default", "key");
        for (Column c : t.columns()) {
            String key = t.primaryKey().contains(c.name()) ? "PK" : "";
            for (ForeignKey fk : t.foreignKeys()) {
                if (fk.columns().contains(c.name())) {
                    key = (key.isEmpty() ? "" : key + " ") + "FK " + fk.referencedTable();
                }
            }
            columns.row(c.name(), c.declaredType(), c.portableType().name().toLowerCase(), c.nullable() ? "yes" : "no",
                    c.defaultValue() == null ? "" : c.defaultValue(), key + (c.autoIncrement() ? " auto" : ""));
        }
        out.append(columns.render());
        if (!t.indexes().isEmpty()) {
            out.append("indexes\n");
            TextTable indexes = new TextTable("", "", "");
            for (Index i : t.indexes()) {
                indexes.row(i.name(), "(" + String.join(", ", i.columns()) + ")", i.unique() ? "unique" : "");
            }
            out.append(indexes.render());
        }
        List<String> references = new ArrayList<>();
        t.foreignKeys().forEach(fk -> references.add("  " + fk.columns() + " -> " + fk.referencedTable() + fk.referencedColumns()));
        if (!references.isEmpty()) {
            out.append("references\n").append(String.join("\n", references)).append('\n');
        }
        List<String> referencedBy = new ArrayList<>();
        d.referencedBy().forEach(fk -> referencedBy.add("  " + fk.table() + fk.columns() + " -> " + fk.referencedColumns()));
        if (!referencedBy.isEmpty()) {
            out.append("referenced by\n").append(String.join("\n", referencedBy)).append('\n');
        }
        return out.toString();
    }

    @ShellMethod(key = "peek", group = GROUP, value = "Show the first rows of a table, aligned, long values shortened. Example: peek Track --limit 5")
    public String peek(
            @ShellOption(help = "the table", valueProvider = TableNameValueProvider.class) String table,
            @ShellOption(value = "--limit", defaultValue = "10", help = "how many rows") int limit,
            @ShellOption(value = "--on", defaultValue = "source", help = "source or target", valueProvider = SideValueProvider.class) String on,
            @ShellOption(value = "--format", defaultValue = "text", help = "text or json") String format) {
        Inspector.Sample sample = on(on).peek(table, limit);
        if (OutputFormat.parse(format).json()) {
            return Json.write(InspectionOutput.Sample.of(side(on), sample));
        }
        TextTable out = new TextTable(sample.columns().stream().map(Column::name).toArray(String[]::new));
        for (Object[] row : sample.rows()) {
            out.row(Arrays.stream(row).map(v -> Excerpt.of(v, 30)).toArray());
        }
        return out.render() + "  (" + sample.rows().size() + (sample.rows().size() == 1 ? " row" : " rows") + ")";
    }
}
