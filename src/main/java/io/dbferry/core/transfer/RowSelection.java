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
public final class RowSelection {

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

    public static RowSelection of(List<Table> tables, Map<String, Condition> conditions) {
        Map<String, Share> shares = new LinkedHashMap<>();
        for (Table table : tables) {
            Condition condition = conditions.get(table.name());
            shares.put(table.name(), new Share(table, condition == null, condition));
        }
        return new RowSelection(shares);
    }

    public List<Table> tables() {
        return shares.values().stream().map(s -> s.table).toList();
    }

    /** Adds the parents of chosen rows, repeating until no new key turns up (self-references, cycles). */
    public RowSelection withParents(DatabaseConnection db, List<Table> candidates, List<Table> chosen) {
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

    /** A table's chosen rows pulled one at a time (a copy's source side); null after the last. */
    public interface Rows extends AutoCloseable {
        Object[] next();

        @Override
        void close();
    }

    /**
     * Opens the chosen rows of {@code table}, in key order, limited further by {@code after} (a copy resuming
     * after its committed rows; null: none).
     */
    public Rows open(DatabaseConnection db, Table table, Condition after) {
        Share share = shares.get(table.name());
        List<Column> columns = share.table.columns();
        if (share.simple()) {
            Condition own = share.whole ? null : share.condition;
            Condition condition = after == null ? own : own == null ? after : own.and(after);
            TableScan scan = TableScan.open(db, share.table, columns, condition, null);
            return new Rows() {
                @Override
                public Object[] next() {
                    return scan.next();
                }

                @Override
                public void close() {
                    scan.close();
                }
            };
        }
        Condition own = share.condition == null ? DSL.falseCondition() : share.condition;
        TableScan scan = TableScan.open(db, share.table, columns, after, own);
        return new Rows() {
            @Override
            public Object[] next() {
                Object[] row;
                while ((row = scan.next()) != null) {
                    if (scan.flagged() || referenced(share, row)) {
                        return row;
                    }
                }
                return null;
            }

            @Override
            public void close() {
                scan.close();
            }
        };
    }

    /** Whether every row of the table is chosen (so its rows can be counted before the copy). */
    public boolean whole(Table table) {
        return shares.get(table.name()).whole;
    }

    /** The condition of a table's --where, or null. */
    public Condition condition(Table table) {
        return shares.get(table.name()).condition;
    }

    /** Whether only a --where chooses the table's rows (no parent keys added to it). */
    public boolean simple(Table table) {
        return shares.get(table.name()).simple();
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
