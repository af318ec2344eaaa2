package io.dbferry.core.transfer.imports;

import io.dbferry.core.dialect.Conversions;
import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dialect.TargetFit;
import io.dbferry.core.dump.DumpTable;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.Table;

import java.util.List;

/**
 * A dump table matched to its table on the target: for each column of the file, the target column
 * that receives it, and the check that its values arrive exactly ({@link TargetFit}).
 */
record TargetTable(DumpTable source, Table target, List<Column> columns, List<TargetFit> fits) {

    static TargetTable match(DumpTable source, Table target, Dialect dialect) {
        return match(source, target, dialect, Conversions.NONE, false);
    }

    /** {@code strict}: the target table holds only its columns' declared kinds (SQLite STRICT). */
    static TargetTable match(DumpTable source, Table target, Dialect dialect, Conversions conversions, boolean strict) {
        List<Column> columns = source.columns().stream()
                .map(c -> target.column(c.name()).orElseThrow())
                .toList();
        List<TargetFit> fits = new java.util.ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            String column = source.columns().get(i).name();
            fits.add(TargetFit.of(dialect, source.columns().get(i).type(), columns.get(i), conversions.rulesFor(source.name(), column), strict));
        }
        return new TargetTable(source, target, columns, List.copyOf(fits));
    }

    String name() {
        return target.name();
    }
}
