package io.dbferry.core.dialect.mysql;

import io.dbferry.core.dialect.BulkLoader;
import io.dbferry.core.dialect.DelimitedRowText;
import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dialect.ValueConversionException;
import io.dbferry.core.model.Column;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * MySQL's and MariaDB's fast path: {@code LOAD DATA LOCAL INFILE} fed from a stream that pulls rows
 * from the dump as the driver sends them (Connector/J's {@code setLocalInfileInputStream}), so no file
 * is written and memory stays flat.
 *
 * <p>Exact values: the data is declared utf8mb4; NULL is {@code \N}; backslash, tab, newline, carriage
 * return and NUL are escaped; binary columns travel as their own bytes into MariaDB, and as hex stored
 * with {@code UNHEX} into MySQL. With LOCAL the server turns data errors into warnings and skips
 * duplicate keys, even in strict mode, so any warning or a stored row count that differs from the rows
 * sent fails the load (the caller rolls back and replays the table row by row to name the culprit).
 */
final class MySqlLoadData implements BulkLoader {

    /**
     * Binary values as their own bytes (escaped) instead of hex through {@code UNHEX}: MariaDB stores a
     * binary column's field unconverted under {@code CHARACTER SET utf8mb4} (MySqlLoadDataTest sends all
     * 256 byte values, invalid UTF-8 among them), and half the bytes travel. MySQL, which could not be checked here,
     * keeps hex.
     */
    private final boolean rawBinary;

    MySqlLoadData(boolean rawBinary) {
        this.rawBinary = rawBinary;
    }

    @Override
    public long load(Connection connection, String table, List<Column> columns, RowSource rows) throws SQLException, IOException {
        StringBuilder sql = new StringBuilder("LOAD DATA LOCAL INFILE 'dbferry-stream' INTO TABLE ").append(quote(table))
                .append(" CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (");
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            sql.append(i == 0 ? "" : ", ");
            if (isBinary(c) && !rawBinary) {
                sql.append("@v").append(i);
                sets.add(quote(c.name()) + " = UNHEX(@v" + i + ")");
            } else if (isBit(c)) {
                sql.append("@v").append(i);
                sets.add(quote(c.name()) + " = CAST(@v" + i + " AS UNSIGNED)");
            } else {
                sql.append(quote(c.name()));
            }
        }
        sql.append(")");
        if (!sets.isEmpty()) {
            sql.append(" SET ").append(String.join(", ", sets));
        }
        RowStream stream = new RowStream(rows, columns, rawBinary);
        long stored;
        boolean uniqueChecksOff = !hasUniqueSecondaryIndex(connection, table);
        try (Statement st = connection.createStatement()) {
            if (uniqueChecksOff) {
                st.execute("SET SESSION unique_checks = 0");
            }
            try {
                st.unwrap(com.mysql.cj.jdbc.JdbcStatement.class).setLocalInfileInputStream(stream);
                stored = st.executeLargeUpdate(sql.toString());
            } finally {
                if (uniqueChecksOff) {
                    st.execute("SET SESSION unique_checks = 1");
                }
            }
        }
        stream.rethrow();
        List<String> warnings = warnings(connection);
        if (!warnings.isEmpty()) {
            throw new SQLException("LOAD DATA reported " + String.join("; ", warnings));
        }
        if (stored != stream.rows) {
            throw new SQLException("LOAD DATA stored " + stored + " of " + stream.rows + " rows (duplicate keys are skipped with LOCAL)");
        }
        return stored;
    }

    /**
     * unique_checks only concerns unique secondary indexes (the primary key is always checked, and LOAD DATA
     * reports its duplicates as warnings), so a table without one loses nothing with it off; with it and
     * foreign_key_checks off, MariaDB 10.7+ loads an empty table by its bulk path, which builds the indexes
     * sorted (stock_stockitemtracking at scale 400: 5.7 s -> 3.6 s, docs/benchmarks.md).
     */
    private static boolean hasUniqueSecondaryIndex(Connection connection, String table) throws SQLException {
        return !Dialect.textRows(connection, "select INDEX_NAME from information_schema.STATISTICS where TABLE_SCHEMA = database() "
                + "and TABLE_NAME = ? and NON_UNIQUE = 0 and INDEX_NAME <> 'PRIMARY' limit 1", table).isEmpty();
    }

    private static List<String> warnings(Connection connection) throws SQLException {
        return Dialect.textRows(connection, "SHOW WARNINGS LIMIT 3").stream()
                .map(row -> row[0] + " " + row[1] + ": " + row[2]).toList();
    }

    static boolean isBinary(Column c) {
        return c.portableType() == io.dbferry.core.model.PortableType.BINARY;
    }

    private static boolean isBit(Column c) {
        return c.typeName() != null && c.typeName().toUpperCase(Locale.ROOT).startsWith("BIT");
    }

    /** Rows as LOAD DATA text, produced as the driver reads; a failure is kept and ends the stream early. */
    private static final class RowStream extends InputStream {
        private final RowSource source;
        private final List<Column> columns;
        private final DelimitedRowText.ValueWriter values;
        private final DelimitedRowText text = new DelimitedRowText();
        private int position;
        private boolean ended;
        private Throwable failure;
        long rows;

        RowStream(RowSource source, List<Column> columns, boolean rawBinary) {
            this.source = source;
            this.columns = columns;
            this.values = rawBinary ? MySqlLoadData::appendValueRawBinary : MySqlLoadData::appendValue;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            while (position >= text.length()) {
                if (ended || !fill()) {
                    return -1;
                }
            }
            int n = Math.min(len, text.length() - position);
            System.arraycopy(text.array(), position, b, off, n);
            position += n;
            return n;
        }

        /** Encodes the next rows (up to about 64 KB); false at the end or after a failure. */
        private boolean fill() {
            text.clear();
            position = 0;
            try {
                Object[] row;
                while (text.length() < 65_536 && (row = source.next()) != null) {
                    text.row(row, columns, values);
                    rows++;
                }
            } catch (Throwable e) {
                failure = e;
                ended = true;
                return false;
            }
            if (text.length() == 0) {
                ended = true;
                return false;
            }
            return true;
        }

        void rethrow() throws IOException {
            RowSource.rethrow(failure);
        }
    }

    private static void appendValueRawBinary(DelimitedRowText out, Object value, Column column) {
        if (value instanceof byte[] bytes && isBinary(column)) {
            out.escapedBytes(bytes);
        } else {
            appendValue(out, value, column);
        }
    }

    private static void appendValue(DelimitedRowText out, Object value, Column column) {
        if (value == null) {
            out.ascii("\\N");
        } else if (value instanceof String s) {
            out.text(s, column, "\\0", "MySQL");
        } else if (value instanceof Long l) {
            out.number(l);
        } else if (value instanceof java.math.BigInteger i) {
            out.ascii(i.toString());
        } else if (value instanceof BigDecimal d) {
            out.ascii(d.toPlainString());
        } else if (value instanceof Double d) {
            out.ascii(Double.toString(MySqlDialect.storable(column, d)));
        } else if (value instanceof Boolean b) {
            out.ascii(b ? '1' : '0');
        } else if (value instanceof byte[] bytes) {
            if (!isBinary(column)) {
                throw new ValueConversionException(column.name(), value, "is binary but the column is not");
            }
            out.hex(bytes, true);
        } else if (value instanceof OffsetDateTime t) {
            // only the fraction digits the value has: a longer fraction of zeros makes the server note a truncation
            out.dateTime(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime(), ' ');
        } else if (value instanceof LocalDateTime t) {
            out.dateTime(t, ' ');
        } else if (value instanceof LocalDate d) {
            out.date(d);
        } else if (value instanceof LocalTime t) {
            out.time(t);
        } else {
            out.text(value.toString(), column, "\\0", "MySQL");
        }
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
