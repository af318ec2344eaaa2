package io.dbferry.shell.commands;

import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.schema.MigrationPlan;
import io.dbferry.core.schema.MigrationPlanner;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.shell.render.Json;
import io.dbferry.shell.render.OutputFormat;
import io.dbferry.shell.render.TextTable;
import io.dbferry.shell.render.output.SchemaOutput;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

import java.nio.file.Path;

/** plan: the whole migration, worked out before a single row is written. */
@ShellComponent
public class PlanCommands {

    private final Session session;

    public PlanCommands(Session session) {
        this.session = session;
    }

    @ShellMethod(key = "plan", group = "Schema", value = """
            Show what a migration would do, writing nothing: per table the rows, whether the target table exists \
            and fits, type conversions and which can lose information, triggers, the load order, what copy-schema \
            would carry, translate or leave out for the tables the target lacks and do with the source's views and \
            triggers, and a time estimate. Exit 1 when something would fail. Example: plan -f data.json.gz""")
    public String plan(
            @ShellOption(value = {"-f", "--file"}, defaultValue = ShellOption.NULL, help = "plan the import of this dump instead of the source") String file,
            @ShellOption(value = "--format", defaultValue = "text", help = "text or json") String format) {
        OutputFormat output = OutputFormat.parse(format);
        MigrationPlanner planner = new MigrationPlanner(session.require(Side.TARGET));
        MigrationPlan plan = file != null ? planner.fromFile(Path.of(file)) : planner.fromSource(session.require(Side.SOURCE));
        String rendered = output.json() ? Json.write(SchemaOutput.Plan.of(plan)) : render(plan);
        if (plan.wouldFail()) {
            throw new FailedWithReport(Kind.TARGET_MISMATCH, rendered,
                    "The migration would fail: " + plan.problems().size() + " problem(s) listed above.",
                    "Fix them (migrate or copy-schema for missing tables and columns) and run plan again.");
        }
        return rendered;
    }

    private static String render(MigrationPlan plan) {
        StringBuilder out = new StringBuilder("from " + plan.from() + "\n  to " + plan.to() + "\n");
        TextTable tables = new TextTable("table", "rows", "target", "conversions", "problems").alignRight(1);
        long total = 0;
        for (MigrationPlan.TablePlan t : plan.tables()) {
            total += t.rows();
            long lossy = t.conversions().stream().filter(c -> c.risk() != null).count();
            tables.row(t.table(), TextTable.number(t.rows()), t.targetTable() == null ? "missing" : "exists",
                    t.conversions().size() + (lossy > 0 ? " (" + lossy + " may lose)" : ""), String.join("; ", t.problems()));
        }
        out.append(tables.render());
        TextTable conversions = new TextTable("column", "from", "to", "can lose");
        plan.tables().forEach(t -> t.conversions().forEach(c -> conversions.row(t.table() + "." + c.column(), c.from(), c.to(),
                c.risk() == null ? "" : c.risk())));
        if (plan.tables().stream().anyMatch(t -> !t.conversions().isEmpty())) {
            out.append("conversions\n").append(conversions.render());
        }
        out.append("load order: ").append(String.join(", ", plan.loadOrder())).append('\n');
        if (!plan.schemaNotes().isEmpty()) {
            out.append("tables the target lacks (copy-schema)\n").append(CopySchemaCommands.notes(plan.schemaNotes()));
        }
        if (!plan.objects().isEmpty()) {
            out.append("views and triggers (copy-schema)\n").append(CopySchemaCommands.objects(plan.objects()));
        }
        out.append(String.format("%,d rows; estimate %d s or less at %,d rows/s%n", total, plan.estimatedSeconds(),
                MigrationPlanner.ASSUMED_ROWS_PER_SECOND));
        return out.toString();
    }
}
