package io.dbferry.core.schema;

import io.dbferry.core.catalog.Catalog;
import io.dbferry.core.catalog.DependencyOrder;
import io.dbferry.core.dialect.CharacterSet;
import io.dbferry.core.dialect.TextLimit;
import io.dbferry.core.dialect.ValueCoercion;
import io.dbferry.core.dump.DumpColumn;
import io.dbferry.core.dump.DumpContents;
import io.dbferry.core.dump.DumpPass;
import io.dbferry.core.dump.TrailerCheck;
import io.dbferry.core.encoding.DumpEncodingCheck;
import io.dbferry.core.encoding.EncodingReport;
import io.dbferry.core.encoding.EncodingValidator;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.PortableType;
import io.dbferry.core.model.Table;
import io.dbferry.core.session.DatabaseConnection;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Works out a {@link MigrationPlan} from the open source (or a dump file) and the target, reading only.
 * The estimate assumes a conservative load rate; docs/benchmarks.md has measured ones.
 */
public final class MigrationPlanner {

    /** Rows per second assumed for the estimate: well below what the benchmarks measure, so it errs long. */
    public static final long ASSUMED_ROWS_PER_SECOND = 20_000;

    private final DatabaseConnection target;

    public MigrationPlanner(DatabaseConnection target) {
        this.target = target;
    }

    /** Plans the migration of the open source's tables (all but Flyway's history). */
    public MigrationPlan fromSource(DatabaseConnection source) {
        Catalog catalog = source.catalog();
        List<Incoming> incoming = new ArrayList<>();
        for (String name : catalog.tableNames()) {
            if (name.equalsIgnoreCase(Catalog.FLYWAY_HISTORY)) {
                continue;
            }
            Table table = catalog.table(name);
            List<DumpColumn> columns = table.columns().stream()
                    .map(c -> new DumpColumn(c.name(), c.portableType(), c.declaredType(), c.nullable(), false)).toList();
            incoming.add(new Incoming(name, catalog.count(name), columns));
        }
        MigrationPlan plan = plan(source.spec().display(), incoming);
        // what copy-schema would do with the tables the target lacks and with the views and triggers: its own dry run
        List<ObjectOutcome> objects;
        List<SchemaNote> notes;
        try {
            CopySchemaResult dryRun = new SchemaCopier(source, target, java.util.Map.of()).copy(List.of(), true);
            objects = dryRun.objects();
            notes = dryRun.notes();
        } catch (io.dbferry.core.DbferryException e) {
            // copy-schema would refuse (a name too long, a key to a table neither copied nor there): the plan says so
            objects = List.of();
            notes = List.of(new SchemaNote("copy-schema", null, "would refuse", e.paragraph(), null, SchemaNote.Outcome.NOT_CARRIED));
        }
        return new MigrationPlan(plan.from(), plan.to(), plan.tables(), plan.loadOrder(), plan.estimatedSeconds(), plan.valueProblems(),
                objects, notes);
    }

    /**
     * Plans the import of a dump file: one pass reads it whole, checking its trailers and every value against the
     * target (the import's own gate), so each value the target cannot hold exactly is a problem of its table.
     */
    public MigrationPlan fromFile(Path file) {
        TrailerCheck trailers = new TrailerCheck();
        DumpEncodingCheck values = new EncodingValidator(ProgressListener.NONE).fileCheck(file, target, name -> true);
        DumpPass.run(file, List.of(trailers, values));
        DumpContents contents = trailers.contents(file);
        List<Incoming> incoming = contents.tables().stream()
                .map(e -> new Incoming(e.name(), e.trailer().rowCount(), e.table().columns())).toList();
        MigrationPlan plan = plan(file.toString(), incoming);
        return withValueProblems(plan, values.report());
    }

    /** Each error of the value check as a problem of its table: how many, why, the first key and what would fix it. */
    private static MigrationPlan withValueProblems(MigrationPlan plan, EncodingReport report) {
        List<MigrationPlan.TablePlan> tables = plan.tables().stream().map(t -> {
            List<String> found = report.errors().stream().filter(f -> f.table().equals(t.table())).map(f -> {
                String first = f.examples().isEmpty() ? "" : ", first " + f.examples().get(0).key() + " \"" + f.examples().get(0).excerpt() + "\"";
                return "column " + f.column() + ": " + String.format("%,d", f.count()) + (f.count() == 1 ? " value " : " values ")
                        + f.detail() + first + (f.fix() == null ? "" : " (" + f.fix() + ")");
            }).toList();
            if (found.isEmpty()) {
                return t;
            }
            List<String> problems = new ArrayList<>(t.problems());
            problems.addAll(found);
            return new MigrationPlan.TablePlan(t.table(), t.rows(), t.targetTable(), t.conversions(), t.triggers(), problems);
        }).toList();
        return new MigrationPlan(plan.from(), plan.to(), tables, plan.loadOrder(), plan.estimatedSeconds(), report.errorValues());
    }

    private record Incoming(String name, long rows, List<DumpColumn> columns) {
    }

    private MigrationPlan plan(String from, List<Incoming> incoming) {
        Catalog catalog = target.catalog();
        List<String> targetNames = catalog.tableNames();
        List<MigrationPlan.TablePlan> tables = new ArrayList<>();
        List<Table> targetTables = new ArrayList<>();
        long rows = 0;
        for (Incoming in : incoming) {
            rows += in.rows();
            Optional<String> name = io.dbferry.core.model.Names.find(in.name(), targetNames); // exact, or the one another engine folded
            if (name.isEmpty()) {
                tables.add(new MigrationPlan.TablePlan(in.name(), in.rows(), null, List.of(), List.of(),
                        List.of("no such table on the target (create it with migrate or copy-schema)")));
                continue;
            }
            Table table = catalog.table(name.get());
            targetTables.add(table);
            tables.add(planTable(in, table));
        }
        List<String> order = DependencyOrder.of(targetTables).order();
        return new MigrationPlan(from, target.spec().display(), tables, order,
                (rows + ASSUMED_ROWS_PER_SECOND - 1) / ASSUMED_ROWS_PER_SECOND, 0);
    }

    private MigrationPlan.TablePlan planTable(Incoming in, Table table) {
        List<MigrationPlan.Conversion> conversions = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (DumpColumn column : in.columns()) {
            Optional<Column> targetColumn = table.column(column.name());
            if (targetColumn.isEmpty()) {
                problems.add("column " + column.name() + " does not exist on the target");
                continue;
            }
            Column to = targetColumn.get();
            if (!ValueCoercion.compatible(column.type(), to.portableType())) {
                problems.add("column " + column.name() + " (" + lower(column.type()) + ") cannot go into " + to.declaredType());
                continue;
            }
            String risk = risk(column, to);
            if (column.type() != to.portableType() || risk != null) {
                conversions.add(new MigrationPlan.Conversion(column.name(), column.sourceType(), to.declaredType(), risk));
            }
        }
        for (Column to : table.columns()) {
            boolean supplied = in.columns().stream().anyMatch(c -> table.column(c.name()).filter(to::equals).isPresent());
            if (!supplied && !to.nullable() && to.defaultValue() == null && !to.autoIncrement() && !to.isGenerated()) {
                problems.add("column " + to.name() + " is NOT NULL on the target and gets no value");
            }
        }
        List<String> triggers;
        try {
            triggers = triggersFiringDuringImport(table.name());
        } catch (SQLException e) {
            triggers = List.of("(cannot list: " + e.getMessage() + ")");
        }
        if (!triggers.isEmpty()) {
            problems.add("insert triggers " + triggers + " would fire and may rewrite values (import refuses without --disable-triggers or --allow-triggers)");
        }
        return new MigrationPlan.TablePlan(in.name(), in.rows(), table.name(), conversions, triggers, problems);
    }

    /**
     * The insert triggers that would fire while the import loads: it loads with foreign-key checks off, which on
     * PostgreSQL (replica mode) silences ordinary triggers, so the plan asks in the same session state.
     */
    private List<String> triggersFiringDuringImport(String table) throws SQLException {
        boolean switched = false;
        try {
            target.dialect().setForeignKeyChecks(target.jdbc(), false);
            switched = true;
        } catch (SQLException e) {
            // the import could not switch them off either: list the triggers as they are
        }
        try {
            return target.dialect().insertTriggers(target.jdbc(), table);
        } finally {
            if (switched) {
                target.dialect().setForeignKeyChecks(target.jdbc(), true);
            }
        }
    }

    /** What a value of {@code from} can lose in {@code to}, or null when it always arrives whole. */
    private String risk(DumpColumn from, Column to) {
        PortableType f = from.type();
        PortableType t = to.portableType();
        if (f == PortableType.DOUBLE && t == PortableType.DECIMAL) {
            return "a floating-point value with more than " + to.scale() + " decimals is refused (listed with -f)";
        }
        if (f == PortableType.DECIMAL && t == PortableType.DOUBLE) {
            return "decimals past about 15 digits lose precision";
        }
        if (f == PortableType.DOUBLE && !target.dialect().storesNonFiniteDoubles()) {
            return "NaN and ±Infinity cannot be stored (import reports them)";
        }
        if (f == PortableType.TIMESTAMP_TZ && t == PortableType.TIMESTAMP) {
            return "the offset is dropped (values are stored as UTC)";
        }
        // a text column can be both too short and in a narrow character set: report both
        List<String> risks = new ArrayList<>();
        TextLimit limit = target.dialect().textLimit(to);
        if (t == PortableType.TEXT && !limit.isNone() && limit.maxBytes() < Integer.MAX_VALUE / 2) {
            int fromSize = sizeOf(from.sourceType());
            if (fromSize <= 0 || limit.maxChars() <= 0 || fromSize > limit.maxChars()) {
                risks.add("text longer than " + limit.describe() + " is refused");
            }
        }
        CharacterSet charset = to.characterSet() == null ? CharacterSet.UTF8 : target.dialect().characterSet(to.characterSet());
        if (t == PortableType.TEXT && !charset.holdsEverything()) {
            boolean basicPlaneOnly = charset.canHold(0x4E2D) && !charset.canHold(0x1F600);
            risks.add(basicPlaneOnly ? "4-byte characters (emoji, rare CJK) cannot be stored in " + charset.name()
                    : "characters outside " + charset.name() + " cannot be stored");
        }
        return risks.isEmpty() ? null : String.join("; ", risks);
    }

    private static int sizeOf(String declared) {
        if (declared == null) {
            return -1;
        }
        var m = java.util.regex.Pattern.compile("\\((\\d+)").matcher(declared);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static String lower(PortableType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }
}
