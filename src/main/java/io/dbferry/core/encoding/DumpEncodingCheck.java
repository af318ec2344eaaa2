package io.dbferry.core.encoding;

import io.dbferry.core.dialect.Conversions;
import io.dbferry.core.dialect.Excerpt;
import io.dbferry.core.dump.DumpColumn;
import io.dbferry.core.dump.DumpFormatException;
import io.dbferry.core.dump.DumpTable;
import io.dbferry.core.dump.DumpVisitor;
import io.dbferry.core.dump.TableTrailer;
import io.dbferry.core.encoding.EncodingReport.Example;
import io.dbferry.core.encoding.EncodingReport.Finding;
import io.dbferry.core.encoding.EncodingReport.Kind;
import io.dbferry.core.encoding.EncodingValidator.ColumnCheck;
import io.dbferry.core.encoding.EncodingValidator.Targets;
import io.dbferry.core.encoding.ValueInspector.Destination;
import io.dbferry.core.model.CarriedValue;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The encoding check of a dump as one visitor of a {@link io.dbferry.core.dump.DumpPass}: for each table
 * it includes, what each text column must fit on the target, then every value of those columns.
 * validate-encoding runs it alone; an import runs it beside the trailer check, in the same pass.
 */
public final class DumpEncodingCheck implements DumpVisitor {

    /** The dump file or the source read: what the report names. */
    private final String checked;
    private final Predicate<String> includeTable;
    private final ProgressListener progress;
    private final Targets targets;
    private final Instant started = Instant.now();
    private final Map<String, ColumnCheck> checks = new LinkedHashMap<>();
    private final List<Finding> tableFindings = new ArrayList<>();
    private final List<TargetFitCheck> fitChecks = new ArrayList<>();
    private int tables;
    private long values;
    private boolean stopped;

    // the current table
    private DumpTable shape;
    private List<ColumnCheck> columns;
    private int[] keyIndexes;
    private long rows;
    /** What else than text the target's columns cannot hold exactly; null without a target (or its table). */
    private TargetFitCheck fits;
    /** fix-encoding's strategies chosen with --convert for the current table, or null. */
    private TextFixes textFixes;
    /** Per "table\0column\0strategies", the values they changed, reported as warnings. */
    private final Map<String, Long> textChanged = new LinkedHashMap<>();

    private final Conversions conversions;
    /** Where each value a --convert rule changes is written, or null without rules. */
    private final ChangeLog changes;
    /** Whether this check writes and ends {@link #changes} (else a {@link LoadCheck} shares it between tables). */
    private final boolean ownsChanges;
    /** The check of a load (not a first pass): whether a misfit counts as an error ({@code --rejects}: its row is set aside). */
    private final boolean withMisfits;
    /** The problems recorded so far, and whether they hold an error: a load writes no row of the table after that. */
    private long recorded;
    private volatile boolean refused;

    /** {@code against} may be null: then only what no target accepts is an error. */
    DumpEncodingCheck(Path file, DatabaseConnection against, Predicate<String> includeTable, ProgressListener progress) {
        this(file, against, includeTable, progress, Conversions.NONE, null);
    }

    /** With the operator's --convert rules; each value they change is written to {@code changesFile}. */
    DumpEncodingCheck(Path file, DatabaseConnection against, Predicate<String> includeTable, ProgressListener progress,
                      Conversions conversions, Path changesFile) {
        this(file.toString(), new Targets(against), includeTable, progress, conversions,
                conversions.isEmpty() || changesFile == null ? null : new ChangeLog(changesFile), true, true, null);
    }

    /** One table of a load's check ({@link LoadCheck}): the targets, the change log and the strict tables are the load's. */
    DumpEncodingCheck(String checked, Targets targets, Conversions conversions, ChangeLog changes, boolean withMisfits,
                      java.util.Set<String> strict) {
        this(checked, targets, name -> true, ProgressListener.NONE, conversions, changes, false, withMisfits, strict);
    }

    private DumpEncodingCheck(String checked, Targets targets, Predicate<String> includeTable, ProgressListener progress,
                              Conversions conversions, ChangeLog changes, boolean ownsChanges, boolean withMisfits,
                              java.util.Set<String> strict) {
        this.checked = checked;
        this.targets = targets;
        this.includeTable = includeTable;
        this.progress = progress;
        this.conversions = conversions;
        this.changes = changes;
        this.ownsChanges = ownsChanges;
        this.withMisfits = withMisfits;
        this.strict = strict;
    }

    @Override
    public boolean table(DumpTable table) {
        if (!includeTable.test(table.name())) {
            return false;
        }
        tables++;
        // 1. what each text column of the file must fit on the target
        shape = table;
        columns = EncodingValidator.columnChecks(table, targets, tableFindings);
        columns.forEach(c -> checks.put(c.table + "." + c.column, c));
        keyIndexes = EncodingValidator.keyIndexes(table.columns());
        var targetTable = targets.table(table.name());
        fits = targetTable == null ? null : TargetFitCheck.of(table, targetTable, targets.connection.dialect(), conversions, changes,
                strictTables().contains(targetTable.name()));
        if (fits != null) {
            fitChecks.add(fits);
        }
        textFixes = targetTable == null ? null : TextFixes.of(table, targets, conversions);
        rows = 0;
        progress.tableStarted(table.name(), -1);
        return true;
    }

    @Override
    public void row(Object[] row, long rowNumber) {
        // 2. every value of those columns
        rows = rowNumber;
        List<DumpColumn> shapeColumns = shape.columns();
        int[] keys = keyIndexes;
        Supplier<String> key = () -> EncodingValidator.key(shapeColumns, keys, row, rowNumber);
        Object[] checked = row; // a copy once a strategy changes a value: the other visitors read the file's row
        for (ColumnCheck check : columns) {
            Object value = row[check.index];
            if (value instanceof CarriedValue carried) {
                value = carried.kind() == CarriedValue.Kind.TEXT ? carried.value() : null; // other kinds: the fit check's
            }
            if (value instanceof String before && textFixes != null && textFixes.covers(check.index)) {
                java.util.StringJoiner applied = new java.util.StringJoiner(",");
                String after = textFixes.fix(check.index, before, applied);
                if (!after.equals(before)) {
                    checked = checked == row ? row.clone() : checked;
                    checked[check.index] = after;
                    value = after;
                    textChanged.merge(shape.name() + "\0" + check.column + "\0" + applied, 1L, Long::sum);
                    if (changes != null) {
                        changes.writeText(shape.name(), key.get(), check.column, applied.toString(), before, after);
                    }
                }
            }
            if (value != null) {
                values++;
                check.inspector.inspect(value, key);
            }
        }
        if (fits != null) {
            fits.row(checked, key);
        }
        long now = fits == null || !withMisfits ? 0 : fits.misfits();
        for (ColumnCheck check : columns) {
            now += check.inspector.recorded();
        }
        if (now != recorded) { // rare: only where a problem was recorded is it looked at
            recorded = now;
            refused = refused || errorsInTable();
        }
    }

    /** Whether the table being read holds a value the target would reject or change: none of its rows should be written. */
    boolean refused() {
        return refused;
    }

    private boolean errorsInTable() {
        if (fits != null && withMisfits && fits.misfits() > 0) {
            return true;
        }
        return columns.stream().anyMatch(c -> c.findings(targets).stream().anyMatch(f -> f.severity() == EncodingReport.Severity.ERROR));
    }

    @Override
    public void tableEnd(DumpTable table, TableTrailer trailer) {
        progress.tableFinished(table.name(), rows);
    }

    /**
     * Invalid UTF-8 stops the JSON parser, so the file cannot be read past it: recorded as a finding, and
     * true (the check ended early). Any other damage is not an encoding finding: false.
     */
    boolean stoppedBy(DumpFormatException e) {
        if (e.getMessage() == null || !e.getMessage().contains("not valid UTF-8")) {
            return false;
        }
        String tableName = e.getTable() != null ? e.getTable() : "(file)";
        String column = e.getColumn() != null ? e.getColumn() : "*";
        ColumnCheck check = checks.computeIfAbsent(tableName + "." + column, k -> new ColumnCheck(tableName, null, column,
                null, -1, new ValueInspector(Destination.ANY_UTF8, false)));
        String where = e.getRow() > 0 ? "row " + e.getRow() : "outside the rows";
        check.inspector.recordElsewhere(Kind.INVALID_UTF8, new Example(where, Excerpt.of(e.getMessage(), 160), null, null,
                "the file cannot be read past this point; nothing after it was checked"));
        stopped = true;
        return true;
    }

    private java.util.Set<String> strict;

    /** The target's tables that hold only declared kinds, asked once. */
    private java.util.Set<String> strictTables() {
        if (strict == null) {
            strict = targets.connection.dialect().strictTables(targets.connection.jdbc());
        }
        return strict;
    }

    /** Ends the changes report (also where the pass failed part way). */
    public void closeChanges() {
        if (changes != null && ownsChanges) {
            changes.close();
        }
    }

    /** The kind of problem the first of these strategies mends. */
    private static EncodingReport.Kind textKind(String strategies) {
        return switch (strategies.split(",")[0]) {
            case "repair-mojibake" -> EncodingReport.Kind.DOUBLE_ENCODED;
            case "strip-nul" -> EncodingReport.Kind.NUL;
            case "truncate" -> EncodingReport.Kind.TOO_LONG;
            default -> EncodingReport.Kind.NOT_REPRESENTABLE;
        };
    }

    /** 3. the findings, per table and column, with what would fix them. */
    public EncodingReport report() {
        return report(true);
    }

    /**
     * The findings, where {@code withMisfits} is false without the values the target's columns cannot hold exactly
     * (an import with --rejects writes their rows to its rejects file instead of refusing); the rules' changes stay.
     */
    public EncodingReport report(boolean withMisfits) {
        closeChanges();
        List<Finding> findings = new ArrayList<>(tableFindings);
        checks.values().forEach(c -> findings.addAll(c.findings(targets)));
        fitChecks.forEach(c -> findings.addAll(c.findings().stream()
                .filter(f -> withMisfits || f.severity() != EncodingReport.Severity.ERROR).toList()));
        textChanged.forEach((k, n) -> {
            String[] parts = k.split("\0");
            findings.add(new Finding(parts[0], parts[1], textKind(parts[2]), EncodingReport.Severity.WARNING, n,
                    "changed by --convert " + parts[2] + (changes == null ? "" : " (each in " + changes.file() + ")"), List.of(), null));
        });
        return new EncodingReport(checked, targets.describe(), tables, values, stopped,
                Duration.between(started, Instant.now()), EncodingValidator.sorted(findings));
    }
}
