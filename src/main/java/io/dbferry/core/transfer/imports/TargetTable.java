package io.dbferry.core.transfer.imports;

import io.dbferry.core.dump.DumpColumn;
import io.dbferry.core.dump.DumpTable;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.Table;

import java.util.List;

/**
 * A dump table matched to its table on the target: for each column of the file, the target column
 * that receives it, and whether its values need converting on the way.
 */
record TargetTable(DumpTable source, Table target, List<Column> columns, boolean[] coerce, int[] fractionDigits,
                   int[] filePositions) {

    /** {@code fractionDigits[i]}: digits of seconds column i keeps, or 9 where nothing can be lost. */
    static TargetTable match(DumpTable source, Table target, io.dbferry.core.dialect.Dialect dialect) {
        // a column the target computes (generated) is never written: its file values are left out of each row
        List<Integer> positions = new java.util.ArrayList<>();
        for (int i = 0; i < source.columns().size(); i++) {
            if (!target.column(source.columns().get(i).name()).orElseThrow().isGenerated()) {
                positions.add(i);
            }
        }
        int[] filePositions = positions.stream().mapToInt(Integer::intValue).toArray();
        List<Column> columns = positions.stream().map(i -> target.column(source.columns().get(i).name()).orElseThrow()).toList();
        boolean[] coerce = new boolean[columns.size()];
        for (int i = 0; i < coerce.length; i++) {
            DumpColumn from = source.columns().get(filePositions[i]);
            coerce[i] = from.type() != columns.get(i).portableType();
        }
        int[] fractionDigits = new int[columns.size()];
        for (int i = 0; i < fractionDigits.length; i++) {
            Column c = columns.get(i);
            boolean timed = switch (c.portableType()) {
                case TIME, TIMESTAMP, TIMESTAMP_TZ -> true;
                default -> false;
            };
            fractionDigits[i] = timed ? dialect.fractionalSecondDigits(c) : 9;
        }
        return new TargetTable(source, target, columns, coerce, fractionDigits, filePositions);
    }

    /** Every file column written, in the file's order. */
    TargetTable(DumpTable source, Table target, List<Column> columns, boolean[] coerce, int[] fractionDigits) {
        this(source, target, columns, coerce, fractionDigits, java.util.stream.IntStream.range(0, columns.size()).toArray());
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
