package io.dbferry.core.encoding;

import io.dbferry.core.dialect.Conversions;
import io.dbferry.core.dialect.ConvertRule;
import io.dbferry.core.dump.DumpColumn;
import io.dbferry.core.dump.DumpTable;
import io.dbferry.core.encoding.ValueInspector.Destination;
import io.dbferry.core.model.CarriedValue;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.PortableType;
import io.dbferry.core.model.Table;
import io.dbferry.core.session.DatabaseConnection;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * fix-encoding's strategies chosen as {@code --convert} rules for an import ({@code --convert strip-nul},
 * {@code --convert notes.body=transliterate}): the same changes, by the same code, made to each text value of a dump
 * table on its way into the target column, before the encoding check and the fit look at it. Each change goes to the
 * import's changes report under the strategies' names, as fix-encoding lists its own.
 */
public final class TextFixes {

    private final Set<FixStrategy>[] strategies;
    private final Destination[] destinations;

    private TextFixes(Set<FixStrategy>[] strategies, Destination[] destinations) {
        this.strategies = strategies;
        this.destinations = destinations;
    }

    /** The fixes for the rows of {@code table} going into {@code target}'s table of that name; null where none is chosen. */
    public static TextFixes of(DumpTable table, DatabaseConnection target, Conversions conversions) {
        if (conversions.choices().stream().noneMatch(c -> c.rule().textStrategy())) {
            return null; // the catalog is not read for nothing
        }
        return of(table, new EncodingValidator.Targets(target), conversions);
    }

    static TextFixes of(DumpTable table, EncodingValidator.Targets targets, Conversions conversions) {
        List<DumpColumn> columns = table.columns();
        @SuppressWarnings("unchecked")
        Set<FixStrategy>[] strategies = new Set[columns.size()];
        Destination[] destinations = new Destination[columns.size()];
        Table targetTable = null;
        boolean any = false;
        for (int i = 0; i < columns.size(); i++) {
            DumpColumn column = columns.get(i);
            Set<FixStrategy> chosen = EnumSet.noneOf(FixStrategy.class);
            for (ConvertRule rule : conversions.rulesFor(table.name(), column.name())) {
                if (rule.textStrategy()) {
                    chosen.add(FixStrategy.parse(rule.operatorName()).iterator().next());
                }
            }
            if (chosen.isEmpty() || (column.type() != PortableType.TEXT && column.type() != PortableType.JSON)) {
                continue;
            }
            if (targetTable == null) {
                targetTable = targets.table(table.name());
            }
            Column targetColumn = targetTable == null ? null : targetTable.column(column.name()).orElse(null);
            strategies[i] = chosen;
            destinations[i] = targets.destination(targetColumn);
            any = true;
        }
        return any ? new TextFixes(strategies, destinations) : null;
    }

    /** Whether a strategy applies to the dump column at {@code index}. */
    boolean covers(int index) {
        return strategies[index] != null;
    }

    /** The text after the column's strategies; {@code applied} collects the names of those that changed it. */
    String fix(int index, String value, StringJoiner applied) {
        return EncodingFixer.apply(value, strategies[index], destinations[index], FixOptions.DEFAULT_REPLACEMENT, applied);
    }

    /** The row with each text value fixed in place (text carried as its own kind too); the load's side of the gate's check. */
    public void fixRow(Object[] row) {
        for (int i = 0; i < row.length; i++) {
            if (strategies[i] == null) {
                continue;
            }
            String text = row[i] instanceof String s ? s
                    : row[i] instanceof CarriedValue c && c.kind() == CarriedValue.Kind.TEXT ? (String) c.value() : null;
            if (text != null) {
                String after = fix(i, text, new StringJoiner(","));
                if (!after.equals(text)) {
                    row[i] = after;
                }
            }
        }
    }
}
