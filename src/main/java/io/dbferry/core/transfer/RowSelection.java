package io.dbferry.core.transfer;

import io.dbferry.core.dump.RowDigest;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.ForeignKey;
import io.dbferry.core.model.Table;
import io.dbferry.core.rows.TableScan;
import io.dbferry.core.session.DatabaseConnection;
import org.jooq.Condition;
import org.jooq.impl.DSL;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which rows of each table an export takes: all of them, those matching a {@code --where}, and (with
 * {@code --with-parents}) the parent rows that chosen rows reference, found transitively. Parent keys
 * are kept in memory, so this suits subsets; a whole-table export keeps no keys at all.
 */
final class RowSelection {

    @FunctionalInterface
    interface RowConsumer {
        void accept(Object[] row) throws IOException;
    }

    /** One table's share: whole, or rows matching {@code condition}, plus rows whose key is in {@code keys}. */
    private static final class Share {
        final Table table;
        final boolean whole;
        final Condition condition;
        final Map<List<String>, Set<List<String>>> keys = new LinkedHashMap<>();

        Share(Table table, boolean whole, Condition condition) {
            this.table = table;
            this.whole = whole;
            this.condition = condition;
        }

        boolean simple() {
            return whole || keys.isEmpty();
        }
    }

    private final Map<String, Share> shares;

    private RowSelection(Map<String, Share> shares) {
        this.shares = shares;
    }

    static RowSelection of(List<Table> tables, Map<String, Condition> conditions) {
        Map<String, Share> shares = new LinkedHashMap<>();
        for (Table table : tables) {
            Condition condition = conditions.get(table.name());
            shares.put(table.name(), new Share(table, condition == null, condition));
        }
        return new RowSelection(shares);
    }

    List<Table> tables() {
        return shares.values().stream().map(s -> s.table).toList();
    }

    /** Adds the parents of chosen rows, repeating until no new key turns up (self-references, cycles). */
    RowSelection withParents(DatabaseConnection db, List<Table> candidates, List<Table> chosen) {
        Map<String, Table> byName = new HashMap<>();
        candidates.forEach(t -> byName.put(t.name(), t));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Share child : new ArrayList<>(shares.values())) {
                for (ForeignKey fk : child.table.foreignKeys()) {
                    Table parentTable = byName.get(fk.referencedTable());
                    if (parentTable == null) {
                        continue;
                    }
                    Share parent = shares.computeIfAbsent(parentTable.name(), n -> new Share(parentTable, false, null));
                    if (!parent.whole) {
                        grew |= collectKeys(db, child, fk, parent);
                    }
                }
            }
        }
        return this;
    }

    private boolean collectKeys(DatabaseConnection db, Share child, ForeignKey fk, Share parent) {
        Set<List<String>> keys = parent.keys.computeIfAbsent(fk.referencedColumns(), k -> new HashSet<>());
        int before = keys.size();
        List<Integer> positions = fk.columns().stream().map(c -> child.table.columnNames().indexOf(c)).toList();
        scan(db, child, row -> {
            List<String> key = new ArrayList<>(positions.size());
            for (int p : positions) {
                if (row[p] == null) {
                    return; // a NULL reference needs no parent
                }
                key.add(canonical(child.table.columns().get(p), row[p]));
            }
            keys.add(key);
        });
        return keys.size() > before;
    }

    void scan(DatabaseConnection db, Table table, RowConsumer consumer) {
        scan(db, shares.get(table.name()), consumer);
    }

    private void scan(DatabaseConnection db, Share share, RowConsumer consumer) {
        List<Column> columns = share.table.columns();
        if (share.simple()) {
            TableScan.read(db, share.table, columns, share.whole ? null : share.condition, null,
                    (row, flagged) -> consumer.accept(row));
            return;
        }
        Condition own = share.condition == null ? DSL.falseCondition() : share.condition;
        TableScan.read(db, share.table, columns, null, own, (row, flagged) -> {
            if (flagged || referenced(share, row)) {
                consumer.accept(row);
            }
        });
    }

    private static boolean referenced(Share share, Object[] row) {
        for (Map.Entry<List<String>, Set<List<String>>> entry : share.keys.entrySet()) {
            List<String> key = new ArrayList<>(entry.getKey().size());
            for (String column : entry.getKey()) {
                int p = share.table.columnNames().indexOf(column);
                key.add(row[p] == null ? null : canonical(share.table.columns().get(p), row[p]));
            }
            if (entry.getValue().contains(key)) {
                return true;
            }
        }
        return false;
    }

    private static String canonical(Column column, Object value) {
        return RowDigest.canonical(column.portableType(), value);
    }
}
