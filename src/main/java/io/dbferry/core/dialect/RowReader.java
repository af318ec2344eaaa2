package io.dbferry.core.dialect;

import io.dbferry.core.model.Column;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Reads the current row of one result set into an array, values as {@link Dialect#read} gives them; a dialect
 * may read a whole row at once where its driver makes value-by-value reads costly (see {@link Dialect#rowReader}).
 */
@FunctionalInterface
public interface RowReader {

    /**
     * Fills {@code row} with the current row's first {@code row.length} values.
     *
     * @throws ValueConversionException naming the column, for a value that cannot be carried
     */
    void read(Object[] row) throws SQLException;

    /** Reads each value through {@link Dialect#read}. */
    static RowReader valueByValue(Dialect dialect, ResultSet rs, List<Column> columns) {
        return row -> {
            for (int i = 0; i < row.length; i++) {
                row[i] = dialect.read(rs, i + 1, columns.get(i));
            }
        };
    }
}
