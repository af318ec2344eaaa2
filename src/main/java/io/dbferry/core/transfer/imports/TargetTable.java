package io.dbferry.core.transfer.imports;

import io.dbferry.core.dialect.Conversions;
import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dialect.TargetFit;
import io.dbferry.core.dump.DumpTable;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A dump table matched to its table on the target: for each column of the file that is written, the target
 * column that receives it, and the check that its values arrive exactly ({@link TargetFit}); {@code filePositions[i]}
 * is where column i's value sits in the file's row (a column the target computes, generated, is never written).
 */
record TargetTable(DumpTable source, Table target, List<Column> columns, List<TargetFit> fits, int[] filePositions) {

    /** Every file column written, in the file's order. */
    TargetTable(DumpTable source, Table target, List<Column> columns, List<TargetFit> fits) {
        this(source, target, columns, fits, IntStream.range(0, columns.size()).toArray());
    }

    static TargetTable match(DumpTable source, Table target, Dialect dialect) {
        return match(source, target, dialect, Conversions.NONE, false);
    }

    /** {@code strict}: the target table holds only its columns' declared kinds (SQLite STRICT). */
    static TargetTable match(DumpTable source, Table target, Dialect dialect, Conversions conversions, boolean strict) {
        // a column the target computes (generated) is never written: its file values are left out of each row
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < source.columns().size(); i++) {
            if (!target.column(source.columns().get(i).name()).orElseThrow().isGenerated()) {
                positions.add(i);
            }
        }
        int[] filePositions = positions.stream().mapToInt(Integer::intValue).toArray();
        List<Column> columns = positions.stream().map(i -> target.column(source.columns().get(i).name()).orElseThrow()).toList();
        List<TargetFit> fits = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            var from = source.columns().get(filePositions[i]);
            fits.add(TargetFit.of(dialect, from.type(), columns.get(i), conversions.rulesFor(source.name(), from.name()), strict));
        }
        return new TargetTable(source, target, columns, List.copyOf(fits), filePositions);
    }

    /** The file's row with only the values of {@link #columns}, in their order. */
    Object[] written(Object[] fileRow) {
        if (filePositions.length == fileRow.length) {
            return fileRow;
        }
        Object[] row = new Object[filePositions.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = fileRow[filePositions[i]];
        }
        return row;
    }

    String name() {
        return target.name();
    }
}
