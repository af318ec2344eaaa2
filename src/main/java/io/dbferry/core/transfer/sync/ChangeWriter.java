package io.dbferry.core.transfer.sync;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dialect.Excerpt;
import io.dbferry.core.dialect.FailureLocation;
import io.dbferry.core.dialect.ValueConversionException;
import io.dbferry.core.model.Column;
import io.dbferry.core.progress.OperationCancelledException;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.imports.TargetValues;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Writes one table's spooled differences to the target in JDBC batches, with the import's value checks
 * ({@link TargetValues}). Each batch runs after a savepoint, so when the server refuses it the batch is
 * replayed row by row to name the row (key), the column and the value it refused, as import does; the
 * caller's transaction is then rolled back whole.
 */
final class ChangeWriter {

    private final SyncTable table;
    private final DatabaseConnection target;
    private final TargetValues values;
    private final int batchSize;
    private final ProgressListener progress;

    ChangeWriter(SyncTable table, DatabaseConnection target, int batchSize, ProgressListener progress) {
        this.table = table;
        this.target = target;
        this.values = TargetValues.of(table.source(), table.target(), target.dialect());
        this.batchSize = batchSize;
        this.progress = progress;
    }

    void insert(RowSpool rows) throws SQLException {
        write(insertSql(), rows, columnsForInsert(), "inserting");
    }

    void update(RowSpool rows) throws SQLException {
        write(updateSql(), rows, columnsForUpdate(), "updating");
    }

    void delete(RowSpool rows) throws SQLException {
        write(deleteSql(), rows, table.key(), "deleting");
    }

    interface Work {
        void run() throws SQLException;
    }

    /** Runs {@code work} in one transaction on {@code jdbc}: all of it is committed, or none. */
    static void inTransaction(Connection jdbc, Work work) throws SQLException {
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
    private void write(String sql, RowSpool spool, int[] bound, String doing) throws SQLException {
        Connection jdbc = target.jdbc();
        long[] n = {0};
        List<Object[]> batch = new ArrayList<>(batchSize); // the batch's rows, to replay one by one when it is refused
        try (PreparedStatement ps = jdbc.prepareStatement(sql)) {
            Savepoint[] before = {jdbc.setSavepoint()};
            spool.forEach(row -> {
                OperationCancelledException.check(progress, "The sync was cancelled at table " + table.name()
                        + "; its changes were rolled back.", null);
                bind(ps, values.prepared(row, ++n[0]), bound, row);
                ps.addBatch();
                batch.add(row);
                if (batch.size() == batchSize) {
                    before[0] = execute(ps, batch, bound, before[0], sql, doing);
                }
            });
            if (!batch.isEmpty()) {
                execute(ps, batch, bound, before[0], sql, doing);
            }
        }
    }

    private Savepoint execute(PreparedStatement ps, List<Object[]> batch, int[] bound, Savepoint before, String sql, String doing)
            throws SQLException {
        Connection jdbc = target.jdbc();
        int[] counts;
        try {
            counts = ps.executeBatch();
        } catch (SQLException refused) {
            ps.clearBatch();
            jdbc.rollback(before);
            throw locate(batch, bound, sql, doing, refused);
        }
        // an update or delete that found no row by its key would leave the target unequal, saying it was written
        for (int i = 0; i < counts.length && i < batch.size(); i++) {
            if (counts[i] == 0) {
                jdbc.rollback(before);
                throw new DbferryException(Kind.VALUE_NOT_CARRIED, Where.of(table.name(), key(batch.get(i)), null), "Table "
                        + table.name() + ", row " + key(batch.get(i)) + ": " + doing + " it by its key found no row on the target,"
                        + " though the row was read there. Nothing of the table was written.", "The key compares otherwise on"
                        + " the target (a fraction of a second, a collation): compare with 'verify --diff --tables " + table.name()
                        + "', or reload the table with 'copy-records --tables " + table.name() + " --clear'.", null);
            }
        }
        batch.clear();
        jdbc.releaseSavepoint(before);
        return jdbc.setSavepoint();
    }

    /** Replays the refused batch row by row (rolled back after) to find the row the server refuses, and says where. */
    private DbferryException locate(List<Object[]> batch, int[] bound, String sql, String doing, SQLException refused) throws SQLException {
        Connection jdbc = target.jdbc();
        Savepoint replay = jdbc.setSavepoint();
        try (PreparedStatement one = jdbc.prepareStatement(sql)) {
            for (Object[] row : batch) {
                bind(one, values.prepared(row, 1), bound, row);
                try {
                    one.executeUpdate();
                } catch (SQLException e) {
                    return refusedRow(row, bound, doing, e);
                }
            }
        } finally {
            jdbc.rollback(replay);
        }
        // alone, every row of the batch went in: the server refused them only together
        return new DbferryException(Kind.VALUE_NOT_CARRIED, Where.of(table.name(), key(batch.get(0)), null),
                "Table " + table.name() + ": the target refused " + doing + " the rows from " + key(batch.get(0)) + " to "
                        + key(batch.get(batch.size() - 1)) + " together (each alone was accepted): "
                        + DbferryException.rootMessage(refused) + ". Nothing of the table was written.",
                "Compare the rows with 'verify --diff --tables " + table.name() + "', or reload the table with 'copy-records --tables "
                        + table.name() + " --clear'.", refused);
    }

    private DbferryException refusedRow(Object[] row, int[] bound, String doing, SQLException e) {
        List<Column> columns = values.columns();
        List<Column> boundColumns = Arrays.stream(bound).mapToObj(columns::get).toList();
        Object[] boundValues = Arrays.stream(bound).mapToObj(i -> row[i]).toArray();
        FailureLocation at = target.dialect().locateFailure(e, boundColumns, boundValues);
        String column = at.column() >= 0 ? boundColumns.get(at.column()).name() : null;
        String where = column == null ? "" : ", column " + column + " = '" + Excerpt.of(boundValues[at.column()]) + "'";
        return new DbferryException(Kind.VALUE_NOT_CARRIED, Where.of(table.name(), key(row), column),
                "Table " + table.name() + ", row " + key(row) + where + ": the target refused " + doing + " it: "
                        + DbferryException.rootMessage(e) + ". Nothing of the table was written.",
                "Correct the row in the source (or the target's column), then run 'sync --retry-failed'.", e);
    }

    private void bind(PreparedStatement ps, Object[] prepared, int[] bound, Object[] row) throws SQLException {
        Dialect dialect = target.dialect();
        List<Column> columns = values.columns();
        for (int i = 0; i < bound.length; i++) {
            try {
                dialect.bind(ps, i + 1, prepared[bound[i]], columns.get(bound[i]));
            } catch (ValueConversionException e) {
                throw new DbferryException(Kind.VALUE_NOT_CARRIED, Where.of(table.name(), key(row), e.column()),
                        "Table " + table.name() + ", row " + key(row) + ", column " + e.column() + ": the value '"
                                + e.excerpt() + "' " + e.getMessage() + ".", "Correct the value in the source.", e);
            }
        }
    }

    private String key(Object[] row) {
        return table.keyText(row);
    }

    private int[] columnsForInsert() {
        return IntStream.range(0, table.targetColumns().size()).toArray();
    }

    /** The columns outside the key, then the key's. */
    private int[] columnsForUpdate() {
        int[] other = IntStream.range(0, table.targetColumns().size()).filter(i -> !table.isKey(i)).toArray();
        int[] all = Arrays.copyOf(other, other.length + table.key().length);
        System.arraycopy(table.key(), 0, all, other.length, table.key().length);
        return all;
    }

    private Field<Object> field(int column) {
        return DSL.field(DSL.name(table.targetColumns().get(column).name()));
    }

    private String insertSql() {
        Query q = target.dialect().dsl(target.jdbc()).insertInto(DSL.table(DSL.name(table.name())),
                        Arrays.stream(columnsForInsert()).mapToObj(this::field).toList())
                .values(Arrays.stream(columnsForInsert()).mapToObj(i -> (Object) parameter(i)).toList());
        return q.getSQL(ParamType.INDEXED);
    }

    private String updateSql() {
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        for (int i : columnsForUpdate()) {
            if (!table.isKey(i)) {
                set.put(field(i), parameter(i));
            }
        }
        return target.dialect().dsl(target.jdbc()).update(DSL.table(DSL.name(table.name()))).set(set)
                .where(keyCondition()).getSQL(ParamType.INDEXED);
    }

    private String deleteSql() {
        return target.dialect().dsl(target.jdbc()).deleteFrom(DSL.table(DSL.name(table.name()))).where(keyCondition())
                .getSQL(ParamType.INDEXED);
    }

    private org.jooq.Condition keyCondition() {
        return DSL.and(Arrays.stream(table.key()).mapToObj(k -> field(k).eq(parameter(k))).toList());
    }

    /** The one {@code ?} a value of this column is written through, as the dialect binds it (SQLite's BLOB mark). */
    private Field<Object> parameter(int column) {
        return DSL.field(target.dialect().insertParameter(table.targetColumns().get(column)), (Object) null);
    }
}
