package io.dbferry.core.transfer.imports;

import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.ForeignKey;
import io.dbferry.core.model.PortableType;
import io.dbferry.core.model.Table;
import org.jooq.impl.DSL;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a table's integer foreign keys row by row as the rows are loaded, against the keys of parents
 * that are already final (committed before this table, so they cannot change under the load): the
 * parent's keys are read once into a sorted array. With the engine's own checks off for the load, the
 * alternative is a query over the whole table before its commit, which on MariaDB took seconds per key
 * for a large table (docs/benchmarks.md). Only single-column keys of integer columns, to parents of at
 * most {@link #MAX_PARENT_KEYS} rows (8 MB), are checked here; the rest are left to that query
 * ({@link #checksKey}).
 */
final class ParentKeyCheck {

    private static final int MAX_PARENT_KEYS = 1 << 20;
    private static final int MAX_REPORTED = 5; // per key, as the query reports

    private final Table table;
    private final List<String> rowColumns;
    private final List<Probe> probes;

    private ParentKeyCheck(Table table, List<String> rowColumns, List<Probe> probes) {
        this.table = table;
        this.rowColumns = rowColumns;
        this.probes = probes;
    }

    /**
     * The check of {@code table}'s keys to its parents that are not {@code pending} (still to load), or null where the
     * engine's own checks stay on ({@code pending} null).
     */
    static ParentKeyCheck toFinalParents(Connection jdbc, Dialect dialect, TargetTable table, java.util.Set<String> pending)
            throws SQLException {
        return pending == null ? null : of(jdbc, dialect, table.target(), table.columns(),
                table.target().foreignKeys().stream().filter(fk -> !pending.contains(fk.referencedTable())).toList());
    }

    /** The check of {@code keys} (each to a final parent) that can be made as the rows go by; the others are left out. */
    static ParentKeyCheck of(Connection jdbc, Dialect dialect, Table table, List<Column> rowColumns, List<ForeignKey> keys)
            throws SQLException {
        List<String> names = rowColumns.stream().map(Column::name).toList();
        List<Probe> probes = new ArrayList<>();
        for (ForeignKey fk : keys) {
            if (fk.isSelfReference() || fk.columns().size() != 1) {
                continue;
            }
            int column = names.indexOf(fk.columns().get(0));
            if (column < 0 || rowColumns.get(column).portableType() != PortableType.INTEGER) {
                continue;
            }
            long[] parentKeys = parentKeys(jdbc, dialect, fk);
            if (parentKeys != null) {
                probes.add(new Probe(fk, column, parentKeys));
            }
        }
        return new ParentKeyCheck(table, names, probes);
    }

    /** Whether this check, rather than the query before the commit, looks after {@code fk}. */
    boolean checksKey(ForeignKey fk) {
        return probes.stream().anyMatch(p -> p.fk.equals(fk));
    }

    /** Forgets what an earlier pass over the rows found (the load starts again from the file). */
    void restart() {
        probes.forEach(p -> p.orphans.clear());
    }

    /** Checks one row (values in the order of {@code rowColumns}), as converted for the target. */
    void check(Object[] row) {
        for (Probe p : probes) {
            Object value = row[p.column];
            if (value != null && p.orphans.size() < MAX_REPORTED && !p.found(value)) {
                p.orphans.add(describe(p.fk, row));
            }
        }
    }

    /** The rows found pointing at nothing, as {@link ForeignKeyAudit}'s query lists them. */
    List<String> orphans() {
        return probes.stream().flatMap(p -> p.orphans.stream()).toList();
    }

    private String describe(ForeignKey fk, Object[] row) {
        List<String> keyColumns = keyColumns(table, fk);
        return orphan(table, keyColumns, keyColumns.stream().map(c -> row[rowColumns.indexOf(c)]).toList(), fk);
    }

    /** The columns that name a row in a report: the primary key, else the foreign key's own columns. */
    static List<String> keyColumns(Table table, ForeignKey fk) {
        return table.hasPrimaryKey() ? table.primaryKey() : fk.columns();
    }

    /** How a row whose foreign key points at nothing is reported, here and by the query. */
    static String orphan(Table table, List<String> keyColumns, List<?> key, ForeignKey fk) {
        return table.name() + " " + keyColumns + "=" + key + ": " + fk.columns() + " references a missing "
                + fk.referencedTable() + " row";
    }

    /** The parent's keys, sorted; null when the parent has too many rows or a key that is not an integer. */
    private static long[] parentKeys(Connection jdbc, Dialect dialect, ForeignKey fk) throws SQLException {
        String column = fk.referencedColumns().get(0);
        String sql = dialect.dsl(jdbc).select(DSL.field(DSL.name(column))).from(DSL.table(DSL.name(fk.referencedTable())))
                .where(DSL.field(DSL.name(column)).isNotNull()).limit(MAX_PARENT_KEYS + 1).getSQL(org.jooq.conf.ParamType.INLINED);
        long[] keys = new long[1024];
        int n = 0;
        try (PreparedStatement ps = dialect.prepareStreaming(jdbc, sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (n == MAX_PARENT_KEYS || !(rs.getObject(1) instanceof Number number) || !isIntegral(number)) {
                    return null;
                }
                if (n == keys.length) {
                    keys = Arrays.copyOf(keys, 2 * n);
                }
                keys[n++] = number.longValue();
            }
        }
        keys = Arrays.copyOf(keys, n);
        Arrays.sort(keys);
        return keys;
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }

    private static final class Probe {
        final ForeignKey fk;
        final int column;
        final long[] parentKeys;
        final List<String> orphans = new ArrayList<>();

        Probe(ForeignKey fk, int column, long[] parentKeys) {
            this.fk = fk;
            this.column = column;
            this.parentKeys = parentKeys;
        }

        boolean found(Object value) {
            // an integer column's values arrive as Long, or as BigInteger beyond long's range, which no key here has
            return value instanceof Long l && Arrays.binarySearch(parentKeys, l) >= 0;
        }
    }
}
