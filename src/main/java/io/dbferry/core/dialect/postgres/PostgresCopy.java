package io.dbferry.core.dialect.postgres;

import io.dbferry.core.dialect.BulkLoader;
import io.dbferry.core.dialect.DelimitedRowText;
import io.dbferry.core.dialect.ValueConversionException;
import io.dbferry.core.model.Column;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * PostgreSQL's fast path: {@code COPY table (columns) FROM STDIN} through pgjdbc's CopyManager, in the binary format
 * where every column's type has one here ({@link PostgresBinaryFields}: the server parses nothing, bytea goes as its
 * bytes instead of twice as many hex digits), else in the text format. Values in text are written as PostgreSQL's own text input: NULL as {@code \N}; backslash, tab,
 * newline and carriage return escaped; bytea as {@code \\x} and hex; timestamps ISO-8601 (an offset
 * timestamp in UTC, the session's zone, as the row-by-row path binds it); exact decimals as plain digits.
 */
final class PostgresCopy implements BulkLoader {

    private static final int FLUSH_BYTES = 1 << 17;

    /** False: the text format for every table (what the tests compare the binary format with). */
    private final boolean binaryAllowed;

    PostgresCopy() {
        this(true);
    }

    PostgresCopy(boolean binaryAllowed) {
        this.binaryAllowed = binaryAllowed;
    }

    @Override
    public long load(Connection connection, String table, List<Column> columns, RowSource rows) throws SQLException, IOException {
        StringBuilder sql = new StringBuilder("COPY ").append(quote(table)).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(quote(columns.get(i).name()));
        }
        sql.append(") FROM STDIN");
        PostgresBinaryFields.Field[] binary = binaryAllowed ? PostgresBinaryFields.of(connection, quote(table), columns) : null;
        if (binary != null) {
            sql.append(" (FORMAT binary)");
        }
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql.toString());
        try {
            if (binary != null) {
                sendBinary(copy, new PostgresBinaryRows(binary, columns.toArray(new Column[0])), rows);
            } else {
                sendText(copy, columns, rows);
            }
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException ignored) {
                    // the server has ended the copy already; the caller rolls back
                }
            }
        }
    }

    private static void sendText(CopyIn copy, List<Column> columns, RowSource rows) throws SQLException, IOException {
        DelimitedRowText buffer = new DelimitedRowText();
        Object[] row;
        while ((row = rows.next()) != null) {
            buffer.row(row, columns, PostgresCopy::appendValue);
            if (buffer.length() >= FLUSH_BYTES) {
                write(copy, buffer.array(), buffer.length());
                buffer.clear();
            }
        }
        write(copy, buffer.array(), buffer.length());
    }

    private static void sendBinary(CopyIn copy, PostgresBinaryRows buffer, RowSource rows) throws SQLException, IOException {
        Object[] row;
        while ((row = rows.next()) != null) {
            buffer.row(row);
            if (buffer.length() >= FLUSH_BYTES) {
                write(copy, buffer.array(), buffer.length());
                buffer.clear();
            }
        }
        buffer.end();
        write(copy, buffer.array(), buffer.length());
    }

    private static void write(CopyIn copy, byte[] bytes, int length) throws SQLException {
        if (length > 0) {
            copy.writeToCopy(bytes, 0, length);
        }
    }

    private static void appendValue(DelimitedRowText out, Object value, Column column) {
        if (value == null) {
            out.ascii("\\N");
        } else if (value instanceof String s) {
            out.text(PostgresArrays.isArray(column) ? PostgresArrays.toLiteral(column.name(), s) : s, column, null, "PostgreSQL");
        } else if (value instanceof Long l) {
            out.number(l);
        } else if (value instanceof Integer || value instanceof BigInteger) {
            out.ascii(value.toString());
        } else if (value instanceof BigDecimal d) {
            out.ascii(d.toPlainString());
        } else if (value instanceof Double d) {
            out.ascii(d.isNaN() ? "NaN" : d.isInfinite() ? (d > 0 ? "Infinity" : "-Infinity") : d.toString());
        } else if (value instanceof Boolean b) {
            out.ascii(b ? 't' : 'f');
        } else if (value instanceof io.dbferry.core.model.CarriedValue carried && PostgresNonFinite.text(carried) != null) {
            out.ascii(PostgresNonFinite.text(carried));
        } else if (value instanceof byte[] bytes) {
            out.ascii("\\\\x");
            out.hex(bytes, false);
        } else if (value instanceof OffsetDateTime t) {
            LocalDateTime utc = t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            checkYear(utc.getYear(), value, column);
            out.dateTime(utc, 'T');
            out.ascii("+00");
        } else if (value instanceof LocalDateTime t) {
            checkYear(t.getYear(), value, column);
            out.dateTime(t, 'T');
        } else if (value instanceof LocalDate d) {
            checkYear(d.getYear(), value, column);
            out.date(d);
        } else if (value instanceof LocalTime t) {
            out.time(t);
        } else {
            out.text(value.toString(), column, null, "PostgreSQL");
        }
    }

    static void checkYear(int year, Object value, Column column) {
        if (year < 1 || year > 9999) {
            throw new ValueConversionException(column.name(), value, "has a year COPY text cannot carry");
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
