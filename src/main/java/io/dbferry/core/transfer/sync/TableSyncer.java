package io.dbferry.core.transfer.sync;

import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dialect.Excerpt;
import io.dbferry.core.dialect.ValueConversionException;
import io.dbferry.core.model.Column;
import io.dbferry.core.progress.OperationCancelledException;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.rows.TableScan;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.KeyOrderedWalk;
import io.dbferry.core.transfer.Verifier;
import io.dbferry.core.transfer.imports.TargetValues;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One table's sync: the key-ordered walk of source and target ({@link KeyOrderedWalk}, as verify walks
 * them) sorts the rows into missing, changed, extra and unchanged; the first three wait in
 * {@link RowSpool}s and are then written in JDBC batches: inserts and updates in one transaction, the
 * deletes in another, which {@link Synchronizer} runs children first.
 */
final class TableSyncer implements AutoCloseable {

    private final SyncTable table;
    private final SyncOptions options;
    private final ProgressListener progress;
    private final RowSpool inserts;
    private final RowSpool updates;
    private final RowSpool deletes;
    private final List<String> insertedKeys = new ArrayList<>();
    private final List<String> updatedKeys = new ArrayList<>();
    private final List<String> deletedKeys = new ArrayList<>();
    private long unchanged;
    private long inserted;
    private long updated;
    private long deleted;

    TableSyncer(SyncTable table, SyncOptions options, ProgressListener progress) {
        this.table = table;
        this.options = options;
        this.progress = progress;
        boolean spool = !options.dryRun();
        this.inserts = spool ? new RowSpool(table.name() + "-insert") : null;
        this.updates = spool ? new RowSpool(table.name() + "-update") : null;
        this.deletes = spool && options.delete() ? new RowSpool(table.name() + "-delete") : null;
    }

    /** Reads both sides once, in key order, and keeps what differs. */
    void findDifferences(DatabaseConnection source, DatabaseConnection target) {
        String name = table.name();
        long[] read = {0};
        try (TableScan expected = TableScan.open(source, table.source(), table.source().columns(), null, null);
             TableScan actual = TableScan.open(target, table.target(), table.targetColumns(), null, null)) {
            KeyOrderedWalk walk = new KeyOrderedWalk(name, table.key(),
                    (e, a) -> Verifier.differingColumns(e, a, table.types()), true);
            walk.walk(() -> {
                OperationCancelledException.check(progress, "The sync was cancelled at table " + name + "; nothing of it was written.", null);
                Object[] row = expected.next();
                if (row != null && ++read[0] % 10_000 == 0) {
                    progress.rowsDone(name, read[0]);
                }
                return row;
            }, () -> {
                Object[] row = actual.next();
                return row == null ? null : Verifier.asExpected(row, table.targetColumns(), table.types());
            }, new KeyOrderedWalk.Visitor() {
                @Override
                public void same(Object[] e, Object[] a) {
                    unchanged++;
                }

                @Override
                public void changed(Object[] e, Object[] a, int[] columns) {
                    updated++;
                    keep(updates, updatedKeys, e);
                }

                @Override
                public void missing(Object[] e) {
                    inserted++;
                    keep(inserts, insertedKeys, e);
                }

                @Override
                public void extra(Object[] a) {
                    if (options.delete()) {
                        deleted++;
                        keep(deletes, deletedKeys, a);
                    } else {
                        unchanged++; // left as it is: --no-delete
                    }
                }
            });
        }
    }

    private void keep(RowSpool spool, List<String> keys, Object[] row) {
        if (keys.size() < SyncOptions.KEYS_SHOWN) {
            keys.add(key(row));
        }
        if (spool != null) {
            spool.add(row);
        }
    }

    /** The row's key as {@code (id=3)}. */
    String key(Object[] row) {
        List<String> parts = new ArrayList<>();
        for (int k : table.key()) {
            parts.add(table.source().columns().get(k).name() + "=" + Excerpt.of(row[k]));
        }
        return "(" + String.join(", ", parts) + ")";
    }

    /** Inserts the missing rows and updates the changed ones, in one transaction; then moves the counters past the new keys. */
    void writeInsertsAndUpdates(DatabaseConnection target) throws SQLException {
        if (inserts.rows() == 0 && updates.rows() == 0) {
            return;
        }
        Connection jdbc = target.jdbc();
        TargetValues values = TargetValues.of(table.source(), table.target(), target.dialect());
        inTransaction(jdbc, () -> {
            if (inserts.rows() > 0) {
                write(target, values, insertSql(target), inserts, columnsForInsert());
            }
            if (updates.rows() > 0) {
                write(target, values, updateSql(target), updates, columnsForUpdate());
            }
        });
        if (inserts.rows() > 0) {
            target.dialect().resetAutoIncrement(jdbc, table.target());
        }
    }

    /** Deletes the rows only the target has, in one transaction. */
    void writeDeletes(DatabaseConnection target) throws SQLException {
        if (deletes == null || deletes.rows() == 0) {
            return;
        }
        TargetValues values = TargetValues.of(table.source(), table.target(), target.dialect());
        inTransaction(target.jdbc(), () -> write(target, values, deleteSql(target), deletes, table.key()));
    }

    private interface Work {
        void run() throws SQLException;
    }

    private static void inTransaction(Connection jdbc, Work work) throws SQLException {
        jdbc.setAutoCommit(false);
        try {
            work.run();
            jdbc.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                jdbc.rollback();
            } catch (SQLException ignored) {
                // the connection is broken; its transaction is gone with it
            }
            throw e;
        } finally {
            try {
                jdbc.setAutoCommit(true);
            } catch (SQLException ignored) {
                // as above
            }
        }
    }

    /** Binds {@code bound} (indexes into the row) of each spooled row, {@code batchSize} rows per JDBC batch. */
    private void write(DatabaseConnection target, TargetValues values, String sql, RowSpool spool, int[] bound) throws SQLException {
        Dialect dialect = target.dialect();
        List<Column> columns = values.columns();
        long[] n = {0};
        try (PreparedStatement ps = target.jdbc().prepareStatement(sql)) {
            spool.forEach(row -> {
                OperationCancelledException.check(progress, "The sync was cancelled at table " + table.name()
                        + "; its changes were rolled back.", null);
                Object[] prepared = values.prepared(row, ++n[0]);
                for (int i = 0; i < bound.length; i++) {
                    try {
                        dialect.bind(ps, i + 1, prepared[bound[i]], columns.get(bound[i]));
                    } catch (ValueConversionException e) {
                        throw new io.dbferry.core.DbferryException(io.dbferry.core.DbferryException.Kind.VALUE_NOT_CARRIED,
                                io.dbferry.core.DbferryException.Where.of(table.name(), key(row), e.column()),
                                "Table " + table.name() + ", row " + key(row) + ", column " + e.column() + ": the value '"
                                        + e.excerpt() + "' " + e.getMessage() + ".", "Correct the value in the source.", e);
                    }
                }
                ps.addBatch();
                if (n[0] % options.batchSize() == 0) {
                    ps.executeBatch();
                }
            });
            ps.executeBatch();
        }
    }

    private int[] columnsForInsert() {
        return java.util.stream.IntStream.range(0, table.targetColumns().size()).toArray();
    }

    /** The columns outside the key, then the key's. */
    private int[] columnsForUpdate() {
        int[] other = java.util.stream.IntStream.range(0, table.targetColumns().size()).filter(i -> !table.isKey(i)).toArray();
        int[] all = java.util.Arrays.copyOf(other, other.length + table.key().length);
        System.arraycopy(table.key(), 0, all, other.length, table.key().length);
        return all;
    }

    private Field<Object> field(int column) {
        return DSL.field(DSL.name(table.targetColumns().get(column).name()));
    }

    private String insertSql(DatabaseConnection target) {
        Query q = target.dialect().dsl(target.jdbc()).insertInto(DSL.table(DSL.name(table.name())),
                        java.util.Arrays.stream(columnsForInsert()).mapToObj(this::field).toList())
                .values(java.util.Arrays.stream(columnsForInsert()).mapToObj(i -> (Object) null).toList());
        return q.getSQL(ParamType.INDEXED);
    }

    private String updateSql(DatabaseConnection target) {
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        for (int i : columnsForUpdate()) {
            if (!table.isKey(i)) {
                set.put(field(i), DSL.param("v" + i));
            }
        }
        return target.dialect().dsl(target.jdbc()).update(DSL.table(DSL.name(table.name()))).set(set)
                .where(keyCondition()).getSQL(ParamType.INDEXED);
    }

    private String deleteSql(DatabaseConnection target) {
        return target.dialect().dsl(target.jdbc()).deleteFrom(DSL.table(DSL.name(table.name()))).where(keyCondition())
                .getSQL(ParamType.INDEXED);
    }

    private org.jooq.Condition keyCondition() {
        return DSL.and(java.util.Arrays.stream(table.key()).mapToObj(k -> field(k).eq(DSL.param("k" + k))).toList());
    }

    /** The rows walked: what was written and what was left equal. */
    long rowsSeen() {
        return inserted + updated + deleted + unchanged;
    }

    /** What was done (or, in a dry run, found), as the summary shows it. */
    SyncResult.TableSync result(io.dbferry.core.transfer.TableState state, Double seconds, String reason) {
        return new SyncResult.TableSync(table.name(), state, inserted, updated, deleted, unchanged, seconds,
                insertedKeys, updatedKeys, deletedKeys, reason);
    }

    @Override
    public void close() {
        for (RowSpool spool : new RowSpool[]{inserts, updates, deletes}) {
            if (spool != null) {
                spool.close();
            }
        }
    }
}
