package io.dbferry.core.dialect;

import io.dbferry.core.dump.Iso8601;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * Conversions between the loosely typed values an engine may store (SQLite keeps dates as text and
 * money as REAL) and the exact Java classes of the portable types. A value that does not convert
 * exactly raises {@link ValueConversionException}; nothing is rounded or guessed silently.
 */
public final class TextValues {

    /** Accepts {@code 2024-01-31 12:00:00}, {@code 2024-01-31T12:00:00.123}, with optional offset. */
    private static final DateTimeFormatter LENIENT_TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter();

    private TextValues() {
    }

    public static Object toInteger(String column, Object raw) {
        if (raw instanceof Long || raw instanceof BigInteger) {
            return raw;
        }
        if (raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (raw instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9.0e15) {
            return d.longValue();
        }
        if (raw instanceof BigDecimal d) {
            try {
                return narrow(d.toBigIntegerExact());
            } catch (ArithmeticException e) {
                throw new ValueConversionException(column, raw, "has a fraction in an integer column");
            }
        }
        if (raw instanceof String s) {
            try {
                return narrow(new BigInteger(s.trim()));
            } catch (NumberFormatException e) {
                throw new ValueConversionException(column, raw, "is text in an integer column");
            }
        }
        throw new ValueConversionException(column, raw, "is not an integer");
    }

    private static Object narrow(BigInteger value) {
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    public static BigDecimal toDecimal(String column, Object raw) {
        if (raw instanceof BigDecimal d) {
            return d;
        }
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return BigDecimal.valueOf(((Number) raw).longValue());
        }
        if (raw instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (raw instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                throw new ValueConversionException(column, raw, "is not a number a DECIMAL can hold");
            }
            // the shortest decimal that reads back as the same double: 0.99 stays 0.99
            return new BigDecimal(Double.toString(d));
        }
        if (raw instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                throw new ValueConversionException(column, raw, "is text in a numeric column");
            }
        }
        throw new ValueConversionException(column, raw, "is not a number");
    }

    public static Double toDouble(String column, Object raw) {
        if (raw instanceof Double d) {
            return d;
        }
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        if (raw instanceof String s) {
            String t = s.trim();
            switch (t) {
                case "Inf", "Infinity", "inf", "+Infinity" -> { return Double.POSITIVE_INFINITY; }
                case "-Inf", "-Infinity", "-inf" -> { return Double.NEGATIVE_INFINITY; }
                case "NaN" -> { return Double.NaN; }
                default -> { }
            }
            try {
                return Double.valueOf(t);
            } catch (NumberFormatException e) {
                throw new ValueConversionException(column, raw, "is text in a floating-point column");
            }
        }
        throw new ValueConversionException(column, raw, "is not a number");
    }

    public static Boolean toBoolean(String column, Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        if (raw instanceof Number n && (n.longValue() == 0 || n.longValue() == 1) && n.doubleValue() == n.longValue()) {
            return n.longValue() == 1;
        }
        if (raw instanceof String s) {
            switch (s.trim().toLowerCase()) {
                case "1", "t", "true", "y", "yes" -> { return true; }
                case "0", "f", "false", "n", "no" -> { return false; }
                default -> { }
            }
        }
        throw new ValueConversionException(column, raw, "is not a boolean (0/1, true/false)");
    }

    public static String toText(String column, Object raw) {
        if (raw instanceof String s) {
            return s;
        }
        if (raw instanceof byte[] bytes) {
            return decodeUtf8(column, bytes);
        }
        if (raw instanceof Double d) {
            // SQLite shows 1.0 as "1.0"; keep Java's round-trip form
            return d.toString();
        }
        return raw.toString();
    }

    public static String decodeUtf8(String column, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ValueConversionException(column, bytes, "holds bytes that are not valid UTF-8");
        }
    }

    public static byte[] toBinary(Object raw) {
        if (raw instanceof byte[] bytes) {
            return bytes;
        }
        return raw.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static LocalDate toDate(String column, Object raw) {
        if (raw instanceof LocalDate d) {
            return d;
        }
        return toTimestamp(column, raw).toLocalDate();
    }

    public static LocalTime toTime(String column, Object raw) {
        if (raw instanceof LocalTime t) {
            return t;
        }
        if (raw instanceof String s) {
            try {
                return Iso8601.parseTime(s.trim());
            } catch (DateTimeParseException e) {
                throw new ValueConversionException(column, raw, "is not a time (HH:MM:SS)");
            }
        }
        throw new ValueConversionException(column, raw, "is not a time");
    }

    public static LocalDateTime toTimestamp(String column, Object raw) {
        if (raw instanceof LocalDateTime t) {
            return t;
        }
        if (raw instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        if (raw instanceof Long millis) {
            // sqlite-jdbc stores java.sql.Timestamp as epoch milliseconds
            return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
        }
        if (raw instanceof String s) {
            LocalDateTime usual = Iso8601.parseLocalTimestampOrNull(s);
            if (usual != null) {
                return usual;
            }
        }
        TemporalAccessor parsed = parse(column, raw);
        LocalDate date = LocalDate.from(parsed);
        LocalTime time = parsed.isSupported(ChronoField.HOUR_OF_DAY) ? LocalTime.from(parsed) : LocalTime.MIDNIGHT;
        LocalDateTime local = LocalDateTime.of(date, time);
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            return OffsetDateTime.of(local, ZoneOffset.from(parsed)).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        return local;
    }

    public static OffsetDateTime toOffsetTimestamp(String column, Object raw) {
        if (raw instanceof OffsetDateTime t) {
            return t;
        }
        if (raw instanceof LocalDateTime t) {
            return t.atOffset(ZoneOffset.UTC);
        }
        if (raw instanceof Long millis) {
            return Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC);
        }
        TemporalAccessor parsed = parse(column, raw);
        LocalDateTime local = LocalDateTime.of(LocalDate.from(parsed),
                parsed.isSupported(ChronoField.HOUR_OF_DAY) ? LocalTime.from(parsed) : LocalTime.MIDNIGHT);
        ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(parsed) : ZoneOffset.UTC;
        return OffsetDateTime.of(local, offset);
    }

    private static TemporalAccessor parse(String column, Object raw) {
        if (!(raw instanceof String s)) {
            throw new ValueConversionException(column, raw, "is not a date or timestamp");
        }
        try {
            return LENIENT_TIMESTAMP.parse(s.trim());
        } catch (DateTimeParseException e) {
            throw new ValueConversionException(column, raw, "is not an ISO date or timestamp");
        }
    }

    public static java.util.UUID toUuid(String column, Object raw) {
        if (raw instanceof java.util.UUID u) {
            return u;
        }
        if (raw instanceof byte[] b && b.length == 16) {
            ByteBuffer buffer = ByteBuffer.wrap(b);
            return new java.util.UUID(buffer.getLong(), buffer.getLong());
        }
        try {
            return java.util.UUID.fromString(raw.toString().trim());
        } catch (IllegalArgumentException e) {
            throw new ValueConversionException(column, raw, "is not a UUID");
        }
    }
}
