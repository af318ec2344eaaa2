package io.dbferry.core.dialect.mysql;

import io.dbferry.core.dialect.FailureLocation;
import io.dbferry.core.model.Column;

import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.dbferry.core.dialect.FailureLocation.columnBreaking;
import static io.dbferry.core.dialect.FailureLocation.columnNamed;

/**
 * Where MySQL and MariaDB say a write failed. Their messages name the column and the row of the
 * statement: {@code Column 'c' cannot be null}, {@code Data too long for column 'c' at row 1},
 * {@code Incorrect integer value: 'x' for column `db`.`t`.`c` at row 1}, a foreign key's
 * {@code FOREIGN KEY (`c`)}; a NULL or over-long value the message does not name (error 1048, 1406,
 * 1265) is found from the row's values.
 */
final class MySqlFailureLocator {

    /** The last identifier after "column" (quoted, possibly qualified by database and table), or a foreign key's first column. */
    private static final Pattern NAMED = Pattern.compile(
            "(?i)column ((?:[`'][^`']*[`']\\.)*)[`']([^`']+)[`']|FOREIGN KEY \\(`([^`]+)`");
    private static final Pattern AT_ROW = Pattern.compile("at row (\\d+)");
    private static final int BAD_NULL = 1048;
    private static final int DATA_TOO_LONG = 1406;
    private static final int DATA_TRUNCATED = 1265;

    private MySqlFailureLocator() {
    }

    static FailureLocation locate(SQLException e, List<Column> columns, Object[] row) {
        String message = String.valueOf(e.getMessage());
        int column = -1;
        Matcher named = NAMED.matcher(message);
        while (column < 0 && named.find()) {
            column = columnNamed(columns, named.group(2) != null ? named.group(2) : named.group(3));
        }
        if (column < 0) {
            int code = e.getErrorCode();
            column = columnBreaking(columns, row, code == BAD_NULL, code == DATA_TOO_LONG || code == DATA_TRUNCATED);
        }
        Matcher at = AT_ROW.matcher(message);
        return new FailureLocation(at.find() ? Long.parseLong(at.group(1)) : 0, column);
    }
}
