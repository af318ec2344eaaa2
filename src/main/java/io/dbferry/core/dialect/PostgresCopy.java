package io.dbferry.core.dialect;

import io.dbferry.core.catalog.Column;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * PostgreSQL's fast path: {@code COPY table (columns) FROM STDIN} in text format through pgjdbc's
 * CopyManager. Values are written as PostgreSQL's own text input: NULL as {@code \N}; backslash, tab,
 * newline and carriage return escaped; bytea as {@code \\x} and hex; timestamps ISO-8601 (an offset
 * timestamp in UTC, the session's zone, as the row-by-row path binds it); exact decimals as plain digits.
 */
final class PostgresCopy implements BulkLoader {

    private static final int FLUSH_CHARS = 1 << 17;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    @Override
    public long load(Connection connection, String table, List<Column> columns, RowSource rows) throws SQLException, IOException {
        StringBuilder sql = new StringBuilder("COPY ").append(quote(table)).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(quote(columns.get(i).name()));
        }
        sql.append(") FROM STDIN");
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql.toString());
        StringBuilder buffer = new StringBuilder(FLUSH_CHARS + 4096);
        try {
            Object[] row;
            while ((row = rows.next()) != null) {
                appendRow(buffer, row, columns);
                if (buffer.length() >= FLUSH_CHARS) {
                    write(copy, buffer);
                }
            }
            write(copy, buffer);
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

    private static void write(CopyIn copy, StringBuilder buffer) throws SQLException {
        if (buffer.length() == 0) {
            return;
        }
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buffer.setLength(0);
    }

    /** One row as a line of COPY text; package-visible for tests. */
    static void appendRow(StringBuilder out, Object[] row, List<Column> columns) {
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            appendValue(out, row[i], columns.get(i));
        }
        out.append('\n');
    }

    private static void appendValue(StringBuilder out, Object value, Column column) {
        if (value == null) {
            out.append("\\N");
        } else if (value instanceof String s) {
            appendText(out, s, column);
        } else if (value instanceof Long || value instanceof Integer || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof BigDecimal d) {
            out.append(d.toPlainString());
        } else if (value instanceof Double d) {
            out.append(d.isNaN() ? "NaN" : d.isInfinite() ? (d > 0 ? "Infinity" : "-Infinity") : d.toString());
        } else if (value instanceof Boolean b) {
            out.append(b ? 't' : 'f');
        } else if (value instanceof byte[] bytes) {
            out.append("\\\\x");
            for (byte b : bytes) {
                out.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        } else if (value instanceof OffsetDateTime t) {
            out.append(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()).append("+00");
        } else if (value instanceof LocalDateTime t) {
            if (t.getYear() < 1 || t.getYear() > 9999) {
                throw new ValueConversionException(column.name(), value, "has a year COPY text cannot carry");
            }
            out.append(t);
        } else if (value instanceof java.time.LocalDate d) {
            if (d.getYear() < 1 || d.getYear() > 9999) {
                throw new ValueConversionException(column.name(), value, "has a year COPY text cannot carry");
            }
            out.append(d);
        } else {
            appendText(out, value.toString(), column);
        }
    }

    private static void appendText(StringBuilder out, String s, Column column) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> throw new ValueConversionException(column.name(), s, "holds a NUL character, which PostgreSQL text cannot store");
                default -> out.append(c);
            }
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
