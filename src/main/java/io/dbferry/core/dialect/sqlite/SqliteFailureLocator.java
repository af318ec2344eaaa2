package io.dbferry.core.dialect.sqlite;

import io.dbferry.core.dialect.FailureLocation;
import io.dbferry.core.model.Column;

import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.dbferry.core.dialect.FailureLocation.columnBreaking;
import static io.dbferry.core.dialect.FailureLocation.columnNamed;

/**
 * Where SQLite says a write failed: its constraint messages name the column as {@code table.column}
 * ({@code NOT NULL constraint failed: t.c}, {@code UNIQUE constraint failed: t.a, t.b}), and a STRICT
 * table's type check as {@code ... column t.c}. SQLite enforces no length, so only a NULL can be found
 * from the row's values.
 */
final class SqliteFailureLocator {

    private static final Pattern NAMED = Pattern.compile("(?:failed: |column )((?:[^\\s.,()]+\\.[^\\s,()]+)(?:, [^\\s.,()]+\\.[^\\s,()]+)*)");

    private SqliteFailureLocator() {
    }

    static FailureLocation locate(SQLException e, List<Column> columns, Object[] row) {
        String message = String.valueOf(e.getMessage());
        int column = -1;
        Matcher named = NAMED.matcher(message);
        while (column < 0 && named.find()) {
            for (String qualified : named.group(1).split(", ")) {
                int found = columnNamed(columns, qualified.substring(qualified.indexOf('.') + 1));
                if (found >= 0 && (column < 0 || found < column)) {
                    column = found;
                }
            }
        }
        if (column < 0) {
            column = columnBreaking(columns, row, message.contains("NOT NULL"), false);
        }
        return new FailureLocation(0, column);
    }
}
