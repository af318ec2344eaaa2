package io.dbferry.core.transfer.imports;

import io.dbferry.core.dump.DumpColumn;
import io.dbferry.core.dump.DumpTable;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.Table;

import java.util.List;

/**
 * A dump table matched to its table on the target: for each column of the file, the target column
 * that receives it, whether its values need converting on the way, and whether a carried value is written
 * as it is (SQLite) or as the column's type.
 */
record TargetTable(DumpTable source, Table target, List<Column> columns, boolean[] coerce, int[] fractionDigits,
                   boolean keepsEveryKind) {

    TargetTable(DumpTable source, Table target, List<Column> columns, boolean[] coerce, int[] fractionDigits) {
        this(source, target, columns, coerce, fractionDigits, false);
    }

    /** {@code fractionDigits[i]}: digits of seconds column i keeps, or 9 where nothing can be lost. */
    static TargetTable match(DumpTable source, Table target, io.dbferry.core.dialect.Dialect dialect) {
        List<Column> columns = source.columns().stream()
                .map(c -> target.column(c.name()).orElseThrow())
                .toList();
        boolean[] coerce = new boolean[columns.size()];
        for (int i = 0; i < coerce.length; i++) {
            DumpColumn from = source.columns().get(i);
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
        return new TargetTable(source, target, columns, coerce, fractionDigits, dialect.keepsEveryKind());
    }

    String name() {
        return target.name();
    }
}
