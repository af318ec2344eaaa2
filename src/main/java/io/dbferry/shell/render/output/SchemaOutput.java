package io.dbferry.shell.render.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dbferry.core.DbferryException;
import io.dbferry.core.schema.AppliedMigration;
import io.dbferry.core.schema.CopySchemaResult;
import io.dbferry.core.schema.MigrateResult;
import io.dbferry.core.schema.MigrationInfo;
import io.dbferry.core.schema.MigrationPlan;
import io.dbferry.core.schema.ObjectOutcome;
import io.dbferry.core.schema.RepairResult;
import io.dbferry.shell.render.ErrorDocument;

import java.time.Instant;
import java.util.List;

/** The JSON of copy-schema, plan and migrate (also --info and --repair). */
public final class SchemaOutput {

    private SchemaOutput() {
    }

    public record ExistingTable(String table, boolean matches, List<String> differences) {
    }

    /**
     * A view or trigger of the source: {@code outcome} "created", "would be created", "exists, left alone" or "not carried";
     * {@code rewrites} each "from -> to"; {@code table} null for a view, {@code reason} null unless not carried.
     */
    public record SchemaObject(String kind, String name, String table, String outcome, List<String> rewrites, String reason) {
        static List<SchemaObject> of(List<ObjectOutcome> outcomes) {
            return outcomes.stream().map(o -> new SchemaObject(o.kind(), o.name(), o.table(), o.outcome(), o.rewrites(), o.reason()))
                    .toList();
        }
    }

    /**
     * {@code copy-schema}: the statements run (or, with --dry-run, that would run), tables created and found, views and
     * triggers, and the file their definitions were written to (null when there were none).
     */
    public record CopySchema(boolean dryRun, List<String> statements, List<String> created, List<ExistingTable> existing,
                             boolean targetDiffers, List<Note> notes, List<SchemaObject> objects, String objectsFile) {
        public static CopySchema of(CopySchemaResult r) {
            return new CopySchema(r.dryRun(), r.statements(), r.created(),
                    r.existing().stream().map(e -> new ExistingTable(e.table(), e.matches(), e.differences())).toList(),
                    r.targetDiffers(), Note.of(r.notes()), SchemaObject.of(r.objects()), r.objectsFile());
        }
    }

    /** One default, check, rule or collation: {@code outcome} carried, translated or not_carried ({@code to} null). */
    public record Note(String table, String column, String what, String from, String to, String outcome) {
        static List<Note> of(List<io.dbferry.core.schema.SchemaNote> notes) {
            return notes.stream().map(n -> new Note(n.table(), n.column(), n.what(), n.from(), n.to(),
                    n.outcome().name().toLowerCase(java.util.Locale.ROOT))).toList();
        }
    }

    public record Conversion(String column, String from, String to, String risk) {
    }

    /** {@code targetTable}: the target's name for it, or null when the target has no such table. */
    public record TablePlan(String table, long rows, String targetTable, List<Conversion> conversions, List<String> triggers,
                            List<String> problems) {
    }

    /** {@code plan}: what a migration would do; {@code wouldFail} with the {@code problems} that would make it fail. */
    public record Plan(String from, String to, List<TablePlan> tables, List<String> loadOrder, long estimatedSeconds,
                       boolean wouldFail, List<String> problems, long valueProblems, List<SchemaObject> objects,
                       List<Note> notes) {
        public static Plan of(MigrationPlan p) {
            return new Plan(p.from(), p.to(), p.tables().stream().map(t -> new TablePlan(t.table(), t.rows(), t.targetTable(),
                            t.conversions().stream().map(c -> new Conversion(c.column(), c.from(), c.to(), c.risk())).toList(),
                            t.triggers(), t.problems())).toList(),
                    p.loadOrder(), p.estimatedSeconds(), p.wouldFail(), p.problems(), p.valueProblems(), SchemaObject.of(p.objects()),
                    Note.of(p.schemaNotes()));
        }
    }

    public record Applied(String version, String description, String script, double seconds) {
        static Applied of(AppliedMigration m) {
            return new Applied(m.version(), m.description(), m.script(), Seconds.ofMillis(m.millis()));
        }
    }

    /** {@code migrate}: the migrations applied, in order; the versions are null where there was none. */
    public record Migrate(String fromVersion, String toVersion, boolean upToDate, List<String> locations, List<Applied> applied) {
        public static Migrate of(MigrateResult r) {
            return new Migrate(r.fromVersion(), r.toVersion(), r.upToDate(), r.locations(),
                    r.applied().stream().map(Applied::of).toList());
        }
    }

    /** {@code migrate --repair}: what was changed in Flyway's history, empty when it needed no repair. */
    public record Repair(boolean repaired, List<String> actions) {
        public static Repair of(RepairResult r) {
            return new Repair(!r.actions().isEmpty(), r.actions());
        }
    }

    /** {@code installedOn}: an ISO instant, null for a migration not applied. */
    public record Migration(String version, String description, String script, String state, Instant installedOn) {
    }

    /** One side of {@code migrate --info}: its Flyway view, or the error that kept it from being read. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SideInfo(String database, String currentVersion, List<String> locations, List<Migration> migrations,
                           ErrorDocument.Error error) {
        public static SideInfo of(MigrationInfo info) {
            return new SideInfo(info.database(), info.currentVersion(), info.locations(), info.migrations().stream()
                    .map(e -> new Migration(e.version(), e.description(), e.script(), e.state(), e.installedOn())).toList(), null);
        }

        public static SideInfo failed(DbferryException e) {
            return new SideInfo(null, null, null, null, ErrorDocument.Error.of(e));
        }
    }

    /** {@code migrate --info}: both sides; a side that is not connected is null. */
    public record Info(SideInfo source, SideInfo target) {
    }
}
