package io.dbferry.core.dialect.sqlite;

import io.dbferry.core.dialect.RowReader;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.PortableType;
import org.sqlite.core.Codes;
import org.sqlite.core.CoreStatement;
import org.sqlite.core.DB;
import org.sqlite.core.SafeStmtPtr;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Reads a whole SQLite row through the driver's statement handle, under one hold of its lock: each value's
 * storage class, then the value itself, TEXT as its stored UTF-8 bytes. Through {@code ResultSet.getObject} every
 * value cost two locked calls, a column check each, and TEXT a direct buffer and a copy before the String; that
 * was most of an export's reading (measured on the bench's three large tables: 1.8 s of CPU against 1.1 s). The
 * values are those {@link SqliteValues#read} gives.
 */
final class SqliteRowReader implements RowReader {

    private final SafeStmtPtr statement;
    private final PortableType[] types;
    private final int[] storage;
    private final long[] integers;
    private final double[] reals;
    private final byte[][] bytes;
    private final SafeStmtPtr.SafePtrConsumer<SQLException> fetch = this::fetch;

    private SqliteRowReader(SafeStmtPtr statement, List<Column> columns) {
        this.statement = statement;
        this.types = columns.stream().map(Column::portableType).toArray(PortableType[]::new);
        this.storage = new int[types.length];
        this.integers = new long[types.length];
        this.reals = new double[types.length];
        this.bytes = new byte[types.length][];
    }

    /**
     * The reader for {@code rs}, or null where it does not apply: a statement not of sqlite-jdbc's own classes, or a
     * database whose text is stored as UTF-16 (its stored bytes would not be UTF-8).
     */
    static RowReader of(ResultSet rs, List<Column> columns) throws SQLException {
        Statement statement = rs.getStatement();
        if (!(statement instanceof CoreStatement core) || !storesUtf8(statement)) {
            return null;
        }
        return new SqliteRowReader(core.pointer, columns);
    }

    private static boolean storesUtf8(Statement statement) throws SQLException {
        try (Statement pragma = statement.getConnection().createStatement();
             ResultSet rs = pragma.executeQuery("pragma encoding")) {
            return rs.next() && "UTF-8".equalsIgnoreCase(rs.getString(1));
        }
    }

    @Override
    public void read(Object[] row) throws SQLException {
        statement.safeRunConsume(fetch);
        for (int i = 0; i < row.length; i++) {
            row[i] = switch (storage[i]) {
                case Codes.SQLITE_INTEGER -> SqliteValues.stored(integers[i], types[i]);
                case Codes.SQLITE_FLOAT -> SqliteValues.stored(reals[i], types[i]);
                case Codes.SQLITE_TEXT -> text(bytes[i], types[i]);
                case Codes.SQLITE_BLOB -> SqliteValues.stored(bytes[i] == null ? new byte[0] : bytes[i], types[i]);
                default -> null;
            };
            bytes[i] = null;
        }
    }

    /** The current row's raw values, while the driver's lock is held (one hold per row instead of two per value). */
    private void fetch(DB db, long handle) throws SQLException {
        for (int i = 0; i < storage.length; i++) {
            int kind = db.column_type(handle, i);
            storage[i] = kind;
            switch (kind) {
                case Codes.SQLITE_INTEGER -> integers[i] = db.column_long(handle, i);
                case Codes.SQLITE_FLOAT -> reals[i] = db.column_double(handle, i);
                case Codes.SQLITE_TEXT, Codes.SQLITE_BLOB -> bytes[i] = db.column_blob(handle, i);
                default -> {
                    // NULL
                }
            }
        }
    }

    private static Object text(byte[] stored, PortableType type) {
        if (stored == null) {
            return SqliteValues.text(null, "", type);
        }
        String s = new String(stored, StandardCharsets.UTF_8);
        return SqliteValues.text(s.indexOf('\uFFFD') >= 0 ? stored : null, s, type);
    }
}
