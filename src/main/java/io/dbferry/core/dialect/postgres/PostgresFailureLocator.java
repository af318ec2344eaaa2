package io.dbferry.core.dialect.postgres;

import io.dbferry.core.dialect.FailureLocation;
import io.dbferry.core.model.Column;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.dbferry.core.dialect.FailureLocation.columnBreaking;
import static io.dbferry.core.dialect.FailureLocation.columnNamed;

/**
 * Where PostgreSQL says a write failed: the error's own column field (a NOT NULL violation), a COPY's
 * context ({@code COPY t, line N, column c}, as pgloader reads it), a column its message quotes, a unique
 * or foreign-key violation's detail ({@code Key (c)=(...)}: its first column), and for a value too
 * long (SQLSTATE 22001, which names no column) the value that exceeds its column's length.
 */
final class PostgresFailureLocator {

    private static final Pattern COPY_CONTEXT = Pattern.compile("COPY [^,]+, line (\\d+)(?:, column ([^:]+))?");
    /** A unique or foreign-key violation's detail: {@code Key (name)=(x) already exists.} */
    private static final Pattern KEY_DETAIL = Pattern.compile("Key \\(\"?([^,)\"]+)");
    private static final String NOT_NULL_VIOLATION = "23502";
    private static final String TOO_LONG = "22001";

    private PostgresFailureLocator() {
    }

    static FailureLocation locate(SQLException e, List<Column> columns, Object[] row) {
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        long line = 0;
        int column = -1;
        if (server != null) {
            column = columnNamed(columns, server.getColumn());
            Matcher copy = server.getWhere() == null ? null : COPY_CONTEXT.matcher(server.getWhere());
            if (copy != null && copy.find()) {
                line = Long.parseLong(copy.group(1));
                if (column < 0 && copy.group(2) != null) {
                    column = columnNamed(columns, copy.group(2).strip());
                }
            }
        }
        Matcher key = server == null || server.getDetail() == null ? null : KEY_DETAIL.matcher(server.getDetail());
        if (column < 0 && key != null && key.find()) {
            column = columnNamed(columns, key.group(1).strip());
        }
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        for (int i = 0; column < 0 && i < columns.size(); i++) {
            if (message.contains("\"" + columns.get(i).name().toLowerCase(Locale.ROOT) + "\"")) {
                column = i;
            }
        }
        if (column < 0) {
            String state = e.getSQLState();
            column = columnBreaking(columns, row, NOT_NULL_VIOLATION.equals(state), TOO_LONG.equals(state));
        }
        return new FailureLocation(line, column);
    }
}
