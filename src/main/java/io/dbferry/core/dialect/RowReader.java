package io.dbferry.core.dialect;

import java.sql.SQLException;

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
}
