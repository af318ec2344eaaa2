package io.dbferry.core.dialect.postgres;

import io.dbferry.core.model.CarriedValue;
import io.dbferry.core.model.Column;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The binary forms COPY takes for PostgreSQL's built-in types, written so that the server stores exactly what it stores
 * from the text COPY of the same value: the same receive functions check lengths, ranges and typmods (varchar(n),
 * numeric(p,s), timestamp(p)) as the input functions do. A table goes binary only when every column's type (by its OID
 * in the catalog, so a domain, an enum or an array keeps the text form) is one of these.
 */
final class PostgresBinaryFields {

    private PostgresBinaryFields() {
    }

    /** A value of a class the column's binary form does not take as it is: the load goes again by the row-by-row path. */
    static final class NotCarried extends SQLException {
        NotCarried(Column column, Object value) {
            super("the binary COPY does not carry a " + value.getClass().getSimpleName() + " into column " + column.name()
                    + " as it is");
        }
    }

    /** Writes one non-null value as its field (length and bytes). */
    @FunctionalInterface
    interface Field {
        void write(PostgresBinaryRows out, Object value, Column column) throws NotCarried;
    }

    /** 2000-01-01, PostgreSQL's epoch for dates and timestamps, in days and in seconds from 1970-01-01. */
    private static final long EPOCH_DAY = 10_957;
    private static final long EPOCH_SECOND = EPOCH_DAY * 86_400;

    private static final Map<Integer, Field> BY_TYPE = new HashMap<>();

    static {
        BY_TYPE.put(16, PostgresBinaryFields::bool);
        BY_TYPE.put(17, PostgresBinaryFields::bytea);
        BY_TYPE.put(20, (out, value, column) -> integer(out, value, column, 8));
        BY_TYPE.put(21, (out, value, column) -> integer(out, value, column, 2));
        BY_TYPE.put(23, (out, value, column) -> integer(out, value, column, 4));
        BY_TYPE.put(25, (out, value, column) -> text(out, value, column, -1));       // text
        BY_TYPE.put(114, (out, value, column) -> text(out, value, column, -1));      // json
        BY_TYPE.put(701, PostgresBinaryFields::float8);
        BY_TYPE.put(1042, (out, value, column) -> text(out, value, column, -1));     // char(n)
        BY_TYPE.put(1043, (out, value, column) -> text(out, value, column, -1));     // varchar(n)
        BY_TYPE.put(1082, PostgresBinaryFields::date);
        BY_TYPE.put(1083, PostgresBinaryFields::time);
        BY_TYPE.put(1114, PostgresBinaryFields::timestamp);
        BY_TYPE.put(1184, PostgresBinaryFields::timestampTz);
        BY_TYPE.put(1700, PostgresBinaryNumeric::write);
        BY_TYPE.put(2950, PostgresBinaryFields::uuid);
        BY_TYPE.put(3802, (out, value, column) -> text(out, value, column, 1));       // jsonb: version 1, then the text
    }

    /**
     * Each column's field writer, in the order of {@code columns}, or null when one of them has no binary form here
     * (the table then goes as text). {@code quotedTable} is resolved as COPY resolves it.
     */
    static Field[] of(Connection connection, String quotedTable, List<Column> columns) throws SQLException {
        Map<String, Integer> types = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "select attname, atttypid::int from pg_attribute where attrelid = ?::regclass and attnum > 0 and not attisdropped")) {
            ps.setString(1, quotedTable);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        Field[] fields = new Field[columns.size()];
        for (int i = 0; i < fields.length; i++) {
            Integer type = types.get(columns.get(i).name());
            fields[i] = type == null ? null : BY_TYPE.get(type); // an array's type (e.g. _int4) has none: text
            if (fields[i] == null) {
                return null;
            }
        }
        return fields;
    }

    private static void bool(PostgresBinaryRows out, Object value, Column column) throws NotCarried {
        if (!(value instanceof Boolean b)) {
            throw new NotCarried(column, value);
        }
        out.int32(1);
        out.bytes1(b ? 1 : 0);
    }

    private static void bytea(PostgresBinaryRows out, Object value, Column column) throws NotCarried {
        if (!(value instanceof byte[] data)) {
            throw new NotCarried(column, value);
        }
        out.field(data);
    }

    /** int2, int4, int8; a value beyond the type's range goes the row-by-row way, where the server refuses it by name. */
    private static void integer(PostgresBinaryRows out, Object value, Column column, int size) throws NotCarried {
        long v;
        if (value instanceof Long l) {
            v = l;
        } else if (value instanceof Integer i) {
            v = i;
        } else if (value instanceof BigInteger b && b.bitLength() < 64) {
            v = b.longValue();
        } else {
            throw new NotCarried(column, value);
        }
        if (size == 8) {
            out.int32(8);
            out.int64(v);
        } else if (size == 4 && v == (int) v) {
            out.int32(4);
            out.int32((int) v);
        } else if (size == 2 && v == (short) v) {
            out.int32(2);
            out.int16((int) v);
        } else {
            throw new NotCarried(column, value);
        }
    }

    private static void text(PostgresBinaryRows out, Object value, Column column, int prefix) throws NotCarried {
        if (!(value instanceof String s)) {
            throw new NotCarried(column, value);
        }
        out.utf8Field(s, column, prefix);
    }

    /** float8's IEEE bits; NaN as the one NaN PostgreSQL's text input gives. */
    private static void float8(PostgresBinaryRows out, Object value, Column column) throws NotCarried {
        Object v = value instanceof CarriedValue carried ? carried.value() : value;
        if (!(v instanceof Double d)) {
            throw new NotCarried(column, value);
        }
        out.int32(8);
        out.int64(Double.doubleToLongBits(d));
    }

    /** Days from 2000-01-01; ±infinity as int32's extremes. */
    private static void date(PostgresBinaryRows out, Object value, Column column) throws NotCarried {
        long days;
        if (value instanceof LocalDate d) {
            PostgresCopy.checkYear(d.getYear(), value, column);
            days = d.toEpochDay() - EPOCH_DAY;
        } else {
            days = infinity(value, column) > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        }
        out.int32(4);
        out.int32((int) days);
    }

    /** Microseconds from midnight. */
    private static void time(PostgresBinaryRows out, Object value, Column column) throws NotCarried {
        if (!(value instanceof LocalTime t) || t.getNano() % 1000 != 0) {
            throw new NotCarried(column, value); // a finer fraction: the server rounds the text, so it goes that way
        }
        out.int32(8);
        out.int64(t.toNanoOfDay() / 1000);
    }

    private static void timestamp(PostgresBinaryRows out, Object value, Column column) throws NotCarried {
        if (value instanceof LocalDateTime t) {
            PostgresCopy.checkYear(t.getYear(), value, column);
            micros(out, t, value, column);
        } else {
            infinite(out, value, column);
        }
    }

    /** The instant, as the text COPY sends it in UTC. */
    private static void timestampTz(PostgresBinaryRows out, Object value, Column column) throws NotCarried {
        if (value instanceof OffsetDateTime t) {
            LocalDateTime utc = t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            PostgresCopy.checkYear(utc.getYear(), value, column);
            micros(out, utc, value, column);
        } else {
            infinite(out, value, column);
        }
    }

    /** Microseconds from 2000-01-01 00:00. */
    private static void micros(PostgresBinaryRows out, LocalDateTime t, Object value, Column column) throws NotCarried {
        if (t.getNano() % 1000 != 0) {
            throw new NotCarried(column, value); // a finer fraction: the server rounds the text, so it goes that way
        }
        out.int32(8);
        out.int64((t.toEpochSecond(ZoneOffset.UTC) - EPOCH_SECOND) * 1_000_000 + t.getNano() / 1000);
    }

    private static void infinite(PostgresBinaryRows out, Object value, Column column) throws NotCarried {
        out.int32(8);
        out.int64(infinity(value, column) > 0 ? Long.MAX_VALUE : Long.MIN_VALUE);
    }

    /** 1 for infinity, -1 for -infinity; any other value is not carried. */
    private static int infinity(Object value, Column column) throws NotCarried {
        String text = value instanceof CarriedValue carried ? PostgresNonFinite.text(carried) : null;
        if ("infinity".equals(text)) {
            return 1;
        }
        if ("-infinity".equals(text)) {
            return -1;
        }
        throw new NotCarried(column, value);
    }

    private static void uuid(PostgresBinaryRows out, Object value, Column column) throws NotCarried {
        if (!(value instanceof UUID u)) {
            throw new NotCarried(column, value);
        }
        out.int32(16);
        out.int64(u.getMostSignificantBits());
        out.int64(u.getLeastSignificantBits());
    }
}
