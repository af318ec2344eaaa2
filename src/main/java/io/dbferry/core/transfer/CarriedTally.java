package io.dbferry.core.transfer;

import io.dbferry.core.dialect.Excerpt;
import io.dbferry.core.model.CarriedValue;
import io.dbferry.core.model.Table;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Counts the carried values of one table's rows as the export writes them, per column, keeping the first keys. */
final class CarriedTally {

    static final int FIRST_KEYS = 3;

    private final Table table;
    private final int[] keyColumns;
    private final long[] counts;
    private final List<Map<CarriedValue.Kind, Long>> kinds = new ArrayList<>();
    private final List<List<String>> firstKeys = new ArrayList<>();
    private long rowNumber;

    CarriedTally(Table table) {
        this.table = table;
        this.keyColumns = table.primaryKey().stream().mapToInt(k -> table.columnNames().indexOf(k)).toArray();
        this.counts = new long[table.columns().size()];
        for (int i = 0; i < counts.length; i++) {
            kinds.add(new EnumMap<>(CarriedValue.Kind.class));
            firstKeys.add(new ArrayList<>());
        }
    }

    void row(Object[] row) {
        rowNumber++;
        for (int i = 0; i < row.length; i++) {
            if (row[i] instanceof CarriedValue carried) {
                counts[i]++;
                kinds.get(i).merge(carried.kind(), 1L, Long::sum);
                if (firstKeys.get(i).size() < FIRST_KEYS) {
                    firstKeys.get(i).add(key(row));
                }
            }
        }
    }

    private String key(Object[] row) {
        if (keyColumns.length == 0 || keyColumns[0] < 0) {
            return "#" + rowNumber;
        }
        List<String> parts = new ArrayList<>();
        for (int k : keyColumns) {
            Object v = row[k] instanceof CarriedValue c ? c.value() : row[k];
            parts.add(table.columnNames().get(k) + "=" + Excerpt.of(v));
        }
        return String.join(", ", parts);
    }

    List<CarriedColumn> columns() {
        List<CarriedColumn> result = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                result.add(new CarriedColumn(table.name(), table.columnNames().get(i), counts[i], java.util.Collections.unmodifiableMap(new EnumMap<>(kinds.get(i))),
                        List.copyOf(firstKeys.get(i))));
            }
        }
        return result;
    }
}
