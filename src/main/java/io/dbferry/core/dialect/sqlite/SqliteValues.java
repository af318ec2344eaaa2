package io.dbferry.core.dialect.sqlite;

import io.dbferry.core.dialect.TextValues;
import io.dbferry.core.dialect.ValueConversionException;
import io.dbferry.core.dump.Iso8601;
import io.dbferry.core.model.CarriedValue;
import io.dbferry.core.model.CarriedValue.Kind;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.PortableType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * SQLite values both ways. Reading goes by the value's own storage class: a value becomes its column's
 * portable type only when {@link #bind} would store that typed value back in the very same form (same
 * storage class, same bytes, a date in the same text); anything else is a {@link CarriedValue} of its own
 * kind, so nothing a SQLite file holds is refused or changed. Writing binds a typed value in the text
 * forms applications on SQLite use ({@code YYYY-MM-DD HH:MM:SS[.fraction]}), and a carried value by its kind.
 */
final class SqliteValues {

    /** Before each bound BLOB, so the insert's expression tells a real BLOB from text whose bytes are not UTF-8. */
    private static final byte BLOB_MARK = 0;
    private static final byte TEXT_BYTES_MARK = 1;

    private SqliteValues() {
    }

    static Object read(ResultSet rs, int index, Column column) throws SQLException {
        Object raw = rs.getObject(index);
        if (raw instanceof String s) {
            return text(s.indexOf('\uFFFD') >= 0 ? rs.getBytes(index) : null, s, column.portableType());
        }
        return raw == null ? null : stored(raw instanceof Integer i ? (Object) i.longValue() : raw, column.portableType());
    }

    /** An INTEGER (Long), REAL (Double) or BLOB (byte[]) value as {@code type}'s class where it binds back the same, else carried. */
    static Object stored(Object raw, PortableType type) {
        Object typed = switch (type) {
            case INTEGER -> raw instanceof Long ? raw : null;
            case DECIMAL -> decimal(raw);
            case DOUBLE -> raw instanceof Double ? raw : null;
            case BOOLEAN -> raw instanceof Long l && (l == 0 || l == 1) ? (Object) (l == 1) : null;
            case BINARY -> raw instanceof byte[] ? raw : null;
            default -> null; // TEXT, JSON, dates, times and UUIDs are text when typed
        };
        return typed != null ? typed : carried(raw);
    }

    /** A REAL or INTEGER in a NUMERIC column as the decimal that binds back to the same value. */
    private static Object decimal(Object raw) {
        if (raw instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        // a whole REAL (which NUMERIC affinity would have made an INTEGER) stays a REAL: a STRICT ANY column holds it
        if (raw instanceof Double d && !d.isInfinite() && d != Math.rint(d)) {
            return new BigDecimal(Double.toString(d)); // the shortest decimal that reads back as the same double
        }
        return null;
    }

    private static CarriedValue carried(Object raw) {
        if (raw instanceof Long) {
            return new CarriedValue(Kind.INTEGER, raw);
        }
        if (raw instanceof Double) {
            return new CarriedValue(Kind.REAL, raw);
        }
        if (raw instanceof byte[]) {
            return new CarriedValue(Kind.BLOB, raw);
        }
        throw new IllegalStateException("sqlite-jdbc returned a " + raw.getClass().getName());
    }

    /**
     * A TEXT value {@code s}, decoded from UTF-8 with U+FFFD for bytes that are not; only then are the stored
     * {@code bytes} given (null otherwise), and text whose bytes are not valid UTF-8 is carried as those bytes.
     */
    static Object text(byte[] bytes, String s, PortableType type) {
        if (bytes != null && !validUtf8(bytes)) {
            return new CarriedValue(Kind.TEXT_BYTES, bytes);
        }
        if (type == PortableType.TEXT || type == PortableType.JSON) {
            return s;
        }
        Object typed = typedText(s, type);
        return typed != null && isTextForm(s, typed) ? typed : new CarriedValue(Kind.TEXT, s);
    }

    /** {@code s.equals(textForm(typed))}; for a timestamp parsed from {@code yyyy-MM-dd HH:mm...}, by its shape ({@link Iso8601#isWrittenForm}). */
    private static boolean isTextForm(String s, Object typed) {
        if (typed instanceof LocalDateTime && s.length() >= 19 && s.charAt(10) == ' ') {
            return Iso8601.isWrittenForm(s);
        }
        return s.equals(textForm(typed));
    }

    private static Object typedText(String s, PortableType type) {
        try {
            return switch (type) {
                case DATE -> s.length() == 10 ? Iso8601.parseDate(s) : null;
                case TIME -> Iso8601.parseTime(s);
                case TIMESTAMP -> s.length() > 10 && s.charAt(10) == ' ' ? Iso8601.parseLocalTimestampOrNull(s) : null;
                case TIMESTAMP_TZ -> s.length() > 10 && s.charAt(10) == ' '
                        ? Iso8601.parseOffsetDateTime(s.substring(0, 10) + 'T' + s.substring(11)) : null;
                case UUID -> UUID.fromString(s);
                default -> null; // text in a numeric or binary column is text
            };
        } catch (DateTimeException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The text SQLite applications store and compare dates and times in: a space, a fraction only where there is one. */
    static String textForm(Object typed) {
        if (typed instanceof LocalDateTime t) {
            return Iso8601.format(t).replace('T', ' ');
        }
        if (typed instanceof OffsetDateTime t) {
            return Iso8601.format(t).replace('T', ' ');
        }
        if (typed instanceof LocalDate d) {
            return Iso8601.format(d);
        }
        if (typed instanceof LocalTime t) {
            return Iso8601.format(t);
        }
        return typed.toString(); // a UUID in its lowercase canonical form
    }

    private static boolean validUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * The expression each value is inserted through: a bound BLOB carries a mark byte, and text whose bytes
     * are not UTF-8 (which JDBC can only bind as bytes) becomes TEXT again by CAST, byte for byte. The value
     * is named once, inside a sub-select, so each column keeps one parameter.
     */
    static String insertExpression(String parameter) {
        return "(select case when typeof(v) <> 'blob' then v when substr(v, 1, 1) = x'01' then cast(substr(v, 2) as text)"
                + " else substr(v, 2) end from (select " + parameter + " as v))";
    }

    static void bind(PreparedStatement ps, int index, Object value, Column target) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NULL);
        } else if (value instanceof CarriedValue carried) {
            bindCarried(ps, index, carried, target);
        } else if (value instanceof String s) {
            ps.setString(index, s);
        } else if (value instanceof Long l) {
            ps.setLong(index, l);
        } else if (value instanceof BigInteger) {
            throw new ValueConversionException(target.name(), value, "exceeds SQLite's 64-bit signed integers");
        } else if (value instanceof BigDecimal d) {
            bindDecimal(ps, index, d, target);
        } else if (value instanceof Double d) {
            bindReal(ps, index, d, target);
        } else if (value instanceof Boolean b) {
            ps.setLong(index, b ? 1 : 0);
        } else if (value instanceof byte[] bytes) {
            ps.setBytes(index, marked(BLOB_MARK, bytes));
        } else {
            ps.setString(index, textForm(value));
        }
    }

    private static void bindCarried(PreparedStatement ps, int index, CarriedValue carried, Column target) throws SQLException {
        Object v = carried.value();
        switch (carried.kind()) {
            case INTEGER -> {
                if (v instanceof BigInteger) {
                    throw new ValueConversionException(target.name(), v, "exceeds SQLite's 64-bit signed integers");
                }
                ps.setLong(index, (Long) v);
            }
            case REAL -> bindReal(ps, index, (Double) v, target);
            case TEXT -> ps.setString(index, (String) v);
            case BLOB -> ps.setBytes(index, marked(BLOB_MARK, (byte[]) v));
            case TEXT_BYTES -> ps.setBytes(index, marked(TEXT_BYTES_MARK, (byte[]) v));
        }
    }

    /**
     * An integer-valued decimal as an INTEGER, another as the REAL that holds it exactly; never a REAL that
     * is not the same number (SQLite's REAL keeps about 15 digits).
     */
    private static void bindDecimal(PreparedStatement ps, int index, BigDecimal d, Column target) throws SQLException {
        Long integer = asInteger(d);
        if (integer != null) {
            ps.setLong(index, integer);
            return;
        }
        String why = notHeldAsReal(d);
        if (why != null) {
            throw new ValueConversionException(target.name(), d, why);
        }
        ps.setDouble(index, d.doubleValue());
    }

    /** The decimal as a 64-bit integer where it is one, else null. */
    private static Long asInteger(BigDecimal d) {
        BigDecimal stripped = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 19) {
            try {
                return stripped.longValueExact();
            } catch (ArithmeticException e) {
                return null; // beyond 64 bits
            }
        }
        return null;
    }

    /**
     * Why a NUMERIC column cannot keep this decimal (neither a 64-bit integer nor the REAL that reads back as the same
     * number), or null. Text does not help: SQLite turns a well-formed number given as text into a REAL there too.
     */
    static String notHeldAsReal(BigDecimal d) {
        if (asInteger(d) != null) {
            return null;
        }
        double asReal = d.doubleValue();
        if (Double.isInfinite(asReal) || new BigDecimal(Double.toString(asReal)).compareTo(d) != 0) {
            return "more digits than a SQLite REAL keeps (about 15), and a NUMERIC column stores a number as a REAL even given"
                    + " as text; give the column a TEXT type to keep it exact, or --convert decimal-to-real to round it";
        }
        return null;
    }

    private static void bindReal(PreparedStatement ps, int index, double d, Column target) throws SQLException {
        if (Double.isNaN(d)) {
            throw new ValueConversionException(target.name(), d, "is NaN, which SQLite stores as NULL");
        }
        if (d == 0.0 && Double.doubleToRawLongBits(d) != 0L) {
            throw new ValueConversionException(target.name(), d, "is -0.0, which SQLite stores as 0");
        }
        ps.setDouble(index, d);
    }

    private static byte[] marked(byte mark, byte[] bytes) {
        byte[] out = new byte[bytes.length + 1];
        out[0] = mark;
        System.arraycopy(bytes, 0, out, 1, bytes.length);
        return out;
    }

    /** Kept for readStoredText: a value that is not valid UTF-8 comes back as its bytes. */
    static Object storedText(byte[] bytes) {
        try {
            return TextValues.decodeUtf8(null, bytes);
        } catch (ValueConversionException e) {
            return bytes;
        }
    }
}
