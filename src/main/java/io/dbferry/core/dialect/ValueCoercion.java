package io.dbferry.core.dialect;

import io.dbferry.core.model.PortableType;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Turns a value of one portable type into another when the target column's type differs from the
 * dump's (SQLite REAL money into DECIMAL, SQLite text dates into TIMESTAMP). Exact or an error: a
 * value that does not convert exactly raises {@link ValueConversionException}.
 */
public final class ValueCoercion {

    private static final DateTimeFormatter TEXT_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSSSSS]");

    private ValueCoercion() {
    }

    /** Whether values of {@code from} can be stored in a column of {@code to} at all (each value is still checked). */
    public static boolean compatible(PortableType from, PortableType to) {
        if (from == to || from == PortableType.TEXT) {
            return true; // text is parsed value by value
        }
        if (to == PortableType.TEXT || to == PortableType.JSON) {
            return from != PortableType.BINARY;
        }
        return numeric(from) && numeric(to) || temporal(from) && temporal(to);
    }

    private static boolean numeric(PortableType t) {
        return t == PortableType.INTEGER || t == PortableType.DECIMAL || t == PortableType.DOUBLE || t == PortableType.BOOLEAN;
    }

    private static boolean temporal(PortableType t) {
        return t == PortableType.DATE || t == PortableType.TIMESTAMP || t == PortableType.TIMESTAMP_TZ;
    }

    public static Object coerce(String column, Object value, PortableType to) {
        if (value == null) {
            return null;
        }
        return switch (to) {
            case INTEGER -> TextValues.toInteger(column, value);
            case DECIMAL -> TextValues.toDecimal(column, value);
            case DOUBLE -> TextValues.toDouble(column, value);
            case BOOLEAN -> TextValues.toBoolean(column, value);
            case DATE -> TextValues.toDate(column, value);
            case TIME -> TextValues.toTime(column, value);
            case TIMESTAMP -> TextValues.toTimestamp(column, value);
            case TIMESTAMP_TZ -> TextValues.toOffsetTimestamp(column, value);
            case UUID -> TextValues.toUuid(column, value);
            case BINARY -> TextValues.toBinary(value);
            case TEXT, JSON -> text(column, value);
        };
    }

    /**
     * Refuses a time value with more fractional-second digits than its column keeps, which the engine
     * would otherwise round or cut silently (MySQL's DATETIME keeps none unless declared DATETIME(n)).
     */
    public static void checkFraction(String column, Object value, int digits) {
        int nanos;
        if (value instanceof java.time.LocalDateTime t) {
            nanos = t.getNano();
        } else if (value instanceof java.time.OffsetDateTime t) {
            nanos = t.getNano();
        } else if (value instanceof java.time.LocalTime t) {
            nanos = t.getNano();
        } else {
            return;
        }
        if (digits < 9 && nanos % (int) Math.pow(10, 9 - digits) != 0) {
            throw new ValueConversionException(column, value, "has fractional seconds finer than the column keeps ("
                    + digits + " digits), which would round it; widen the column (for example DATETIME(6))");
        }
    }

    private static String text(String column, Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof LocalDateTime t) {
            return TEXT_TIMESTAMP.format(t);
        }
        return TextValues.toText(column, value);
    }
}
