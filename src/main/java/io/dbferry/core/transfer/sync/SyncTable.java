package io.dbferry.core.transfer.sync;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.dialect.Excerpt;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.Index;
import io.dbferry.core.model.PortableType;
import io.dbferry.core.model.Table;
import io.dbferry.core.transfer.Verifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One table matched on both sides for a sync: the key both are walked and written by (the primary key,
 * else a unique key whose columns are all NOT NULL), the target's column for each source column, and the
 * type each column is compared as (the same as verify's).
 */
record SyncTable(Table source, Table target, List<Column> targetColumns, List<PortableType> types, int[] key) {

    String name() {
        return target.name();
    }

    /** The key's columns, or empty when the table has neither a primary key nor a unique not-null key. */
    static Optional<List<String>> keyOf(Table table) {
        if (table.hasPrimaryKey()) {
            return Optional.of(table.primaryKey());
        }
        return table.indexes().stream().filter(Index::unique)
                .filter(i -> !i.columns().isEmpty() && i.columns().stream()
                        .allMatch(c -> table.column(c).map(col -> !col.nullable()).orElse(false)))
                .map(Index::columns).findFirst();
    }

    /** Matches {@code source} on the target; {@code keyColumns} as {@link #keyOf} found them on the source. */
    static SyncTable match(Table source, Table target, List<String> keyColumns) {
        List<Column> targetColumns = new ArrayList<>();
        List<PortableType> types = new ArrayList<>();
        for (Column c : source.columns()) {
            Column t = target.column(c.name()).orElseThrow(() -> new DbferryException(Kind.TARGET_MISMATCH,
                    Where.of(source.name(), null, c.name()), "Column " + source.name() + "." + c.name() + " does not exist on the target.",
                    "The tables differ; compare them with describe, or leave the table out with --exclude " + source.name() + "."));
            targetColumns.add(t);
            types.add(Verifier.comparedAs(c.portableType(), t.portableType()));
        }
        List<String> targetKey = keyColumns.stream().map(k -> target.column(k).orElseThrow().name()).toList();
        int[] key = keyColumns.stream().mapToInt(k -> source.columnNames().indexOf(k)).toArray();
        // both sides scanned in the order of the same key, which TableScan takes from the primary key
        Table keyedSource = new Table(source.name(), source.columns(), keyColumns, source.indexes(), source.foreignKeys());
        Table keyedTarget = new Table(target.name(), target.columns(), targetKey, target.indexes(), target.foreignKeys());
        return new SyncTable(keyedSource, keyedTarget, List.copyOf(targetColumns), List.copyOf(types), key);
    }

    boolean isKey(int column) {
        for (int k : key) {
            if (k == column) {
                return true;
            }
        }
        return false;
    }

    /** A row's key as {@code (id=3)}, the values shortened. */
    String keyText(Object[] row) {
        List<String> parts = new ArrayList<>();
        for (int k : key) {
            parts.add(source.columns().get(k).name() + "=" + Excerpt.of(row[k]));
        }
        return "(" + String.join(", ", parts) + ")";
    }
}
