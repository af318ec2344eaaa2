package io.dbferry.core.transfer;

import io.dbferry.core.catalog.Column;
import io.dbferry.core.catalog.Table;
import io.dbferry.core.dump.DumpColumn;
import io.dbferry.core.dump.DumpTable;

import java.util.List;

/**
 * A dump table matched to its table on the target: for each column of the file, the target column
 * that receives it, and whether its values need converting on the way.
 */
record TargetTable(DumpTable source, Table target, List<Column> columns, boolean[] coerce) {

    static TargetTable match(DumpTable source, Table target) {
        List<Column> columns = source.columns().stream()
                .map(c -> target.column(c.name()).orElseThrow())
                .toList();
        boolean[] coerce = new boolean[columns.size()];
        for (int i = 0; i < coerce.length; i++) {
            DumpColumn from = source.columns().get(i);
            coerce[i] = from.type() != columns.get(i).portableType();
        }
        return new TargetTable(source, target, columns, coerce);
    }

    String name() {
        return target.name();
    }
}
