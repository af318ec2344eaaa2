package io.dbferry.core.dialect.postgres;

import io.dbferry.core.model.CarriedValue;
import io.dbferry.core.model.Column;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * PostgreSQL's values beyond the finite: numeric's NaN and (from 14) ±Infinity, and date, timestamp and timestamptz
 * ±infinity. Read, they are carried as they are (a REAL for numeric, the text {@code infinity} / {@code -infinity} for a
 * date, never the year +999999999 the driver stands them in with); written into PostgreSQL, they are sent as that text.
 */
final class PostgresNonFinite {

    private PostgresNonFinite() {
    }

    /** numeric's NaN and ±Infinity as the REAL they are; null for any other value. */
    static CarriedValue numeric(String raw) {
        return switch (raw) {
            case "NaN" -> new CarriedValue(CarriedValue.Kind.REAL, Double.NaN);
            case "Infinity" -> new CarriedValue(CarriedValue.Kind.REAL, Double.POSITIVE_INFINITY);
            case "-Infinity" -> new CarriedValue(CarriedValue.Kind.REAL, Double.NEGATIVE_INFINITY);
            default -> null;
        };
    }

    /** A date or timestamp the driver read as its MAX or MIN, which is how it stands in for ±infinity; else as it is. */
    static Object temporal(Object read) {
        if (read == null) {
            return null;
        }
        if (read.equals(LocalDate.MAX) || read.equals(LocalDateTime.MAX) || read.equals(OffsetDateTime.MAX)) {
            return new CarriedValue(CarriedValue.Kind.TEXT, "infinity");
        }
        if (read.equals(LocalDate.MIN) || read.equals(LocalDateTime.MIN) || read.equals(OffsetDateTime.MIN)) {
            return new CarriedValue(CarriedValue.Kind.TEXT, "-infinity");
        }
        return read;
    }

    /**
     * Whether the column holds this carried value as it is: NaN in any numeric, ±Infinity only in one without a declared
     * precision (PostgreSQL refuses it in numeric(10,2)), both in a float column, ±infinity in a date or timestamp column.
     */
    static boolean holds(Column column, CarriedValue value, boolean unconstrained) {
        return switch (column.portableType()) {
            case DECIMAL -> value.value() instanceof Double d && (d.isNaN() || (d.isInfinite() && unconstrained));
            case DOUBLE -> value.value() instanceof Double d && (d.isNaN() || d.isInfinite());
            case DATE, TIMESTAMP, TIMESTAMP_TZ -> infinity(value) != null;
            default -> false;
        };
    }

    /** The text PostgreSQL reads the value from ({@code NaN}, {@code Infinity}, {@code infinity}, ...), or null. */
    static String text(CarriedValue value) {
        if (value.value() instanceof Double d) {
            return d.isNaN() ? "NaN" : d.isInfinite() ? (d > 0 ? "Infinity" : "-Infinity") : null;
        }
        return infinity(value);
    }

    private static String infinity(CarriedValue value) {
        if (value.kind() != CarriedValue.Kind.TEXT) {
            return null;
        }
        String t = ((String) value.value()).strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "infinity", "+infinity" -> "infinity";
            case "-infinity" -> "-infinity";
            default -> null;
        };
    }
}
