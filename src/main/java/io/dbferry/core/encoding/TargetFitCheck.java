package io.dbferry.core.encoding;

import io.dbferry.core.dialect.Conversions;
import io.dbferry.core.dialect.ConvertRule;
import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dialect.Excerpt;
import io.dbferry.core.dialect.TargetFit;
import io.dbferry.core.dialect.TargetFit.Change;
import io.dbferry.core.dialect.TargetFit.Misfit;
import io.dbferry.core.dialect.TargetFit.Reason;
import io.dbferry.core.dialect.ValueCoercion;
import io.dbferry.core.dump.DumpColumn;
import io.dbferry.core.dump.DumpTable;
import io.dbferry.core.encoding.EncodingReport.Example;
import io.dbferry.core.encoding.EncodingReport.Finding;
import io.dbferry.core.encoding.EncodingReport.Kind;
import io.dbferry.core.encoding.EncodingReport.Severity;
import io.dbferry.core.model.CarriedValue;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.Table;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The values of one dump table that the target's columns cannot hold exactly ({@link TargetFit}), counted
 * per column and reason with the first keys, for the gate that runs before an import writes anything.
 * Text the encoding check already judges (character set, length, NUL, invalid UTF-8 of plain text) is left to it.
 */
final class TargetFitCheck {

    private final String table;
    private final String targetTable;
    private final List<ColumnFit> columns = new ArrayList<>();

    private static final class ColumnFit {
        final int index;
        final String name;
        final TargetFit fit;
        final Map<Reason, ValueInspector.Tally> tallies = new EnumMap<>(Reason.class);
        /** Values a --convert rule changes, per rule and reason: warnings, each also in the change log. */
        final Map<String, ValueInspector.Tally> changed = new java.util.LinkedHashMap<>();

        ColumnFit(int index, String name, TargetFit fit) {
            this.index = index;
            this.name = name;
            this.fit = fit;
        }
    }

    private final ChangeLog changes;
    /** Values the target cannot hold exactly, counted as they are found. */
    private long misfits;

    private TargetFitCheck(String table, String targetTable, ChangeLog changes) {
        this.table = table;
        this.targetTable = targetTable;
        this.changes = changes;
    }

    /** The check of a dump table against its target table; columns the target lacks or cannot take at all are the planner's. */
    static TargetFitCheck of(DumpTable dump, Table target, Dialect dialect, Conversions conversions, ChangeLog changes,
                             boolean strict) {
        TargetFitCheck check = new TargetFitCheck(dump.name(), target.name(), changes);
        for (int i = 0; i < dump.columns().size(); i++) {
            DumpColumn column = dump.columns().get(i);
            Column to = target.column(column.name()).orElse(null);
            if (to != null && ValueCoercion.compatible(column.type(), to.portableType())) {
                check.columns.add(new ColumnFit(i, column.name(), TargetFit.of(dialect, column.type(), to,
                        conversions.rulesFor(dump.name(), column.name()), strict)));
            }
        }
        return check;
    }

    void row(Object[] row, Supplier<String> key) {
        for (ColumnFit c : columns) {
            Object value = row[c.index];
            if (value == null) {
                continue;
            }
            Misfit misfit;
            try {
                Change change = c.fit.change(value);
                if (change != null) {
                    changed(c, value, change, key);
                }
                continue;
            } catch (Misfit m) {
                misfit = m;
            }
            if (misfit.reason() == Reason.INVALID_UTF8 && value instanceof byte[]) {
                continue; // plain text the encoding check reports
            }
            ValueInspector.Tally tally = c.tallies.computeIfAbsent(misfit.reason(), r -> new ValueInspector.Tally());
            tally.count++;
            misfits++;
            if (tally.examples.size() < ValueInspector.EXAMPLES) {
                Object shown = value instanceof CarriedValue carried ? carried.value() : value;
                tally.examples.add(new Example(key.get(), Excerpt.of(shown), null,
                        shown instanceof byte[] ? Excerpt.of(shown, 64) : null, misfit.getMessage()));
            }
        }
    }

    private void changed(ColumnFit c, Object value, Change change, Supplier<String> key) {
        String label = change.reason().label() + ", changed by --convert " + change.rule().operatorName() + " to "
                + (change.to() == null ? "NULL" : Excerpt.of(change.to()));
        ValueInspector.Tally tally = c.changed.computeIfAbsent(change.rule().operatorName() + " " + change.reason().name(),
                k -> new ValueInspector.Tally());
        tally.count++;
        String at = key.get();
        if (tally.examples.size() < ValueInspector.EXAMPLES) {
            Object shown = value instanceof CarriedValue carried ? carried.value() : value;
            tally.examples.add(new Example(at, Excerpt.of(shown), null, null, label));
        }
        if (changes != null) {
            changes.write(table, at, c.name, value, change);
        }
    }

    long misfits() {
        return misfits;
    }

    List<Finding> findings() {
        List<Finding> findings = new ArrayList<>();
        for (ColumnFit c : columns) {
            c.tallies.forEach((reason, tally) -> findings.add(new Finding(table, c.name, Kind.of(reason), Severity.ERROR,
                    tally.count, reason.label() + " (the target column is " + c.fit.column().declaredType() + ")",
                    List.copyOf(tally.examples), waysThrough(reason, c.fit.column()))));
            c.changed.forEach((ruleAndReason, tally) -> {
                Reason reason = Reason.valueOf(ruleAndReason.substring(ruleAndReason.indexOf(' ') + 1));
                findings.add(new Finding(table, c.name, Kind.of(reason), Severity.WARNING, tally.count,
                        reason.label() + ", changed by --convert " + ruleAndReason.substring(0, ruleAndReason.indexOf(' '))
                                + (changes == null ? "" : " (each in " + changes.file() + ")"),
                        List.copyOf(tally.examples), null));
            });
        }
        return findings;
    }

    /** What would let the value through unchanged, or change it in the open. */
    private String waysThrough(Reason reason, Column column) {
        String where = table + "." + column.name();
        return (switch (reason) {
            case SCALE, PRECISION -> "widen " + targetTable + "." + column.name() + " (more digits or decimals), or correct the values in the source";
            case FLOAT_STORAGE -> "give " + targetTable + "." + column.name() + " a TEXT type to keep these values exactly";
            case FRACTION -> "widen " + targetTable + "." + column.name() + " to keep more fractional seconds (for example DATETIME(6))";
            case TEXT_INTO_BINARY, BINARY_INTO_TEXT, KIND, NUMBER_IN_DATE, OFFSET_DROPPED ->
                    "give " + targetTable + "." + column.name() + " a type that holds these values, or correct them in the source";
            default -> "correct the values of " + where + " in the source and export again";
        }) + rulesFor(reason, where);
    }

    /** The --convert rules that would let these values through, each changing them in the open. */
    private static String rulesFor(Reason reason, String where) {
        List<String> rules = java.util.Arrays.stream(ConvertRule.values()).filter(r -> r.covers(reason))
                .map(r -> "--convert " + where + "=" + r.operatorName()).toList();
        return "; or " + String.join(", or ", rules);
    }
}
