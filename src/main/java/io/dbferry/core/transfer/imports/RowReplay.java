package io.dbferry.core.transfer.imports;

import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dialect.ValueConversionException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;

/**
 * The rows of a refused batch sent again one at a time, each behind a savepoint, to name the row (and,
 * where the dialect can tell it from the server's report, the column) at fault.
 */
final class RowReplay {

    private final Connection jdbc;
    private final Dialect dialect;
    private final TableRows rows;

    RowReplay(Connection jdbc, Dialect dialect, TableRows rows) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.rows = rows;
    }

    /** The failure of the first refused row of {@code batch}; when every row goes in alone, the batch's own error. */
    LoadFailure locate(PreparedStatement insert, List<Object[]> batch, long firstRow, SQLException batchError) throws SQLException {
        for (int r = 0; r < batch.size(); r++) {
            Savepoint savepoint = jdbc.setSavepoint();
            try {
                bind(insert, batch.get(r), firstRow + r);
                insert.executeUpdate();
                jdbc.releaseSavepoint(savepoint);
            } catch (SQLException e) {
                jdbc.rollback(savepoint);
                return rows.refused(firstRow + r, batch.get(r), e, dialect);
            }
        }
        return new LoadFailure("rows " + firstRow + "-" + (firstRow + batch.size() - 1) + ": " + batchError.getMessage(),
                firstRow, null);
    }

    /** Binds one row; a value the dialect cannot bind names its row and column. */
    void bind(PreparedStatement insert, Object[] row, long rowNumber) throws SQLException {
        for (int i = 0; i < row.length; i++) {
            try {
                dialect.bind(insert, i + 1, row[i], rows.table().columns().get(i));
            } catch (ValueConversionException e) {
                throw rows.valueFailure(rowNumber, row, e);
            }
        }
    }
}
