package io.dbferry.core.dialect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.dbferry.core.model.CarriedValue;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.PortableType;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Can the target column hold this value exactly? One per target column of an import: {@link #prepare}
 * gives the value as the column will hold it (converted where that is exact: SQLite REAL money into
 * DECIMAL, text dates into TIMESTAMP) or throws a {@link Misfit} saying why not. The import's gate asks
 * it of every value before anything is written, and the load asks it again of every row, so a value
 * that would be rounded, cut or reinterpreted never reaches the target unnoticed.
 * Character sets, lengths and NUL are the encoding check's ({@code ValueInspector}); this is the rest.
 */
public final class TargetFit {

    /** Why a value does not fit, as the gate groups and reports them. */
    public enum Reason {
        INVALID_UTF8("text that is not valid UTF-8"),
        ZERO_DATE("a zero date (0000-00-00), which is no date"),
        NOT_A_DATE("not a date or time"),
        NUMBER_IN_DATE("a number in a date column (an epoch or a Julian day)"),
        OFFSET_DROPPED("a time with an offset the column cannot keep"),
        TEXT_IN_NUMBER("text in a numeric column"),
        NOT_FINITE("NaN or an infinity, which the column cannot hold"),
        SCALE("more fractional digits than the column's scale"),
        PRECISION("more digits than the column's precision"),
        FLOAT_STORAGE("more digits than the column keeps, as it stores numbers in floating point"),
        FRACTION("fractional seconds finer than the column keeps"),
        BINARY_INTO_TEXT("binary bound for a text column"),
        TEXT_INTO_BINARY("text bound for a binary column"),
        NOT_JSON("text that does not parse as JSON"),
        KIND("a value of another kind than the column's type"),
        NOT_EXACT("a value the column cannot hold exactly");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A value the target column cannot hold exactly, and why. */
    public static final class Misfit extends ValueConversionException {
        private final Reason reason;

        Misfit(String column, Object value, Reason reason, String detail) {
            super(column, value, "is " + reason.label() + (detail == null ? "" : " (" + detail + ")"));
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    private static final JsonFactory JSON = new JsonFactory();
    /** An offset at the end of a date-time text: Z, +05:30, -0800, +05. */
    private static final Pattern OFFSET = Pattern.compile(".*\\d[T ]?\\d\\d:\\d\\d.*(Z|[+-]\\d\\d(:?\\d\\d)?)$");

    /** PostgreSQL's spelling of a date or time beyond every other, as a date column carries it. */
    private static final Pattern INFINITY = Pattern.compile("(?i)\\s*[+-]?infinity\\s*");

    private final Dialect dialect;
    private final Column column;
    private final PortableType from;
    private final PortableType to;
    private final int[] decimalDigits;
    private final int fractionDigits;
    /** The ways through the operator chose for this column, tried in order on a value that does not fit. */
    private final List<ConvertRule> rules;

    /** A value a rule replaces: which rule, why the value did not fit, and what goes in its place (null: SQL NULL). */
    public record Change(ConvertRule rule, Reason reason, String why, Object to) {
    }

    /** The column's table holds only declared kinds (SQLite STRICT). */
    private final boolean strictTable;

    private TargetFit(Dialect dialect, PortableType from, Column column, List<ConvertRule> rules, boolean strictTable) {
        this.rules = List.copyOf(rules);
        this.strictTable = strictTable;
        this.dialect = dialect;
        this.column = column;
        this.from = from;
        this.to = column.portableType();
        this.decimalDigits = to == PortableType.DECIMAL ? dialect.decimalDigits(column) : null;
        this.fractionDigits = switch (to) {
            case TIME, TIMESTAMP, TIMESTAMP_TZ -> dialect.fractionalSecondDigits(column);
            default -> 9;
        };
    }

    /** The check for values of a dump column of type {@code from} going into {@code column} of the target. */
    public static TargetFit of(Dialect dialect, PortableType from, Column column) {
        return new TargetFit(dialect, from, column, List.of(), false);
    }

    /** The same, with the operator's rules for this column ({@code --convert}). */
    public static TargetFit of(Dialect dialect, PortableType from, Column column, List<ConvertRule> rules) {
        return new TargetFit(dialect, from, column, rules, false);
    }

    /** The same, for a column of a table that holds only its columns' declared kinds ({@link Dialect#strictTables}). */
    public static TargetFit of(Dialect dialect, PortableType from, Column column, List<ConvertRule> rules, boolean strictTable) {
        return new TargetFit(dialect, from, column, rules, strictTable);
    }

    public Column column() {
        return column;
    }

    /**
     * The value as the column will hold it: as it is, converted exactly, or what a chosen rule puts in its place;
     * throws {@link Misfit} when nothing lets it through.
     */
    public Object prepare(Object value) {
        try {
            return exact(value);
        } catch (Misfit m) {
            Change change = ruled(m, value);
            if (change == null) {
                throw m;
            }
            return change.to();
        }
    }

    /** Null when the value fits (as it is, or converted exactly); the change when a rule replaces it; else throws {@link Misfit}. */
    public Change change(Object value) {
        try {
            exact(value);
            return null;
        } catch (Misfit m) {
            Change change = ruled(m, value);
            if (change == null) {
                throw m;
            }
            return change;
        }
    }

    private Change ruled(Misfit m, Object value) {
        for (ConvertRule rule : rules) {
            if (!rule.covers(m.reason())) {
                continue;
            }
            Object to = rule.apply(value, column).orElse(null);
            if (to == ConvertRule.NULL) {
                return new Change(rule, m.reason(), m.getMessage(), null);
            }
            if (to != null && misfitOf(to) == null) {
                return new Change(rule, m.reason(), m.getMessage(), to);
            }
        }
        return null;
    }

    private Misfit misfitOf(Object replacement) {
        try {
            check(replacement, replacement);
            return null;
        } catch (Misfit m) {
            return m;
        }
    }

    private Object exact(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof CarriedValue carried) {
            return carried(carried);
        }
        if (value instanceof byte[] && from != PortableType.BINARY && isText(from)) {
            throw misfit(value, Reason.INVALID_UTF8, null); // a v1 dump's text that is not UTF-8
        }
        Object converted = from == to ? value : convert(value);
        check(converted, value);
        return converted;
    }

    /** Why the value does not fit (no rule letting it through), or null when it does. */
    public Misfit misfit(Object value) {
        try {
            prepare(value);
            return null;
        } catch (Misfit m) {
            return m;
        }
    }

    private Object carried(CarriedValue carried) {
        if (dialect.holdsCarried(column, carried, strictTable)) {
            return carried;
        }
        if (carried.value() instanceof Double d && d.isNaN()) {
            throw misfit(carried, Reason.NOT_FINITE, null); // only PostgreSQL keeps NaN (SQLite stores it as NULL)
        }
        Object value = carried.value();
        return switch (carried.kind()) {
            case TEXT_BYTES -> throw misfit(carried, Reason.INVALID_UTF8, null);
            case BLOB -> {
                if (to == PortableType.BINARY) {
                    yield value;
                }
                throw misfit(carried, isText(to) ? Reason.BINARY_INTO_TEXT : Reason.KIND, "a BLOB in a " + column.declaredType() + " column");
            }
            case TEXT -> {
                if (temporal(to) && INFINITY.matcher((String) value).matches()) {
                    throw misfit(carried, Reason.NOT_FINITE, "a date or time at infinity");
                }
                Object converted = isText(to) ? value : convert(value);
                check(converted, value);
                yield converted;
            }
            case INTEGER, REAL -> {
                if (isText(to) || to == PortableType.BINARY || to == PortableType.UUID) {
                    throw misfit(carried, Reason.KIND, (carried.kind() == CarriedValue.Kind.INTEGER ? "an integer" : "a real")
                            + " in a " + column.declaredType() + " column");
                }
                if (temporal(to)) {
                    throw misfit(carried, value instanceof Double d && (d.isNaN() || d.isInfinite()) ? Reason.NOT_FINITE
                            : Reason.NUMBER_IN_DATE, null);
                }
                Object converted = convert(value);
                check(converted, value);
                yield converted;
            }
        };
    }

    /** The value in the column's portable type, exactly, or a misfit saying why not. */
    private Object convert(Object value) {
        if (to == PortableType.BINARY && value instanceof String) {
            throw misfit(value, Reason.TEXT_INTO_BINARY, null);
        }
        if (isText(to) && value instanceof byte[]) {
            throw misfit(value, Reason.BINARY_INTO_TEXT, null);
        }
        if (to == PortableType.TIMESTAMP && value instanceof String s && OFFSET.matcher(s.strip()).matches()) {
            throw misfit(value, Reason.OFFSET_DROPPED, "the column is " + column.declaredType());
        }
        try {
            return ValueCoercion.coerce(column.name(), value, to);
        } catch (Misfit m) {
            throw m;
        } catch (ValueConversionException e) {
            throw misfit(value, classify(value), e.getMessage());
        } catch (RuntimeException e) { // java.time's own refusals (a 31st of February)
            throw misfit(value, temporal(to) ? Reason.NOT_A_DATE : Reason.NOT_EXACT, null);
        }
    }

    private Reason classify(Object value) {
        if (temporal(to) || to == PortableType.TIME) {
            if (value instanceof String s && s.strip().startsWith("0000-00-00")) {
                return Reason.ZERO_DATE;
            }
            return value instanceof Number ? Reason.NUMBER_IN_DATE : Reason.NOT_A_DATE;
        }
        if (numeric(to)) {
            if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
                return Reason.NOT_FINITE;
            }
            if (value instanceof String s) {
                String t = s.strip().toLowerCase(Locale.ROOT);
                return t.equals("nan") || t.endsWith("inf") || t.endsWith("infinity") ? Reason.NOT_FINITE : Reason.TEXT_IN_NUMBER;
            }
            if (to == PortableType.INTEGER && (value instanceof BigDecimal || value instanceof Double)) {
                return Reason.SCALE;
            }
        }
        return Reason.NOT_EXACT;
    }

    /** What a converted value can still lose in this column: digits, fractions of a second, JSON that does not parse. */
    private void check(Object value, Object original) {
        switch (to) {
            case DECIMAL -> {
                if (value instanceof BigDecimal d && decimalDigits != null) {
                    checkDigits(d, original);
                }
                String floating = value instanceof BigDecimal d ? dialect.floatingDecimal(column, d) : null;
                if (floating != null) {
                    throw misfit(original, Reason.FLOAT_STORAGE, floating);
                }
            }
            case DOUBLE -> {
                if (value instanceof Double d) {
                    checkDouble(d, original);
                }
            }
            case JSON -> {
                if (value instanceof String s && dialect.validatesJson() && !parses(s)) {
                    throw misfit(original, Reason.NOT_JSON, null);
                }
            }
            case TIME, TIMESTAMP, TIMESTAMP_TZ -> {
                if (fractionDigits < 9 && nanos(value) % (int) Math.pow(10, 9 - fractionDigits) != 0) {
                    throw misfit(original, Reason.FRACTION, "the column keeps " + fractionDigits + " digits");
                }
            }
            default -> {
            }
        }
    }

    private void checkDigits(BigDecimal d, Object original) {
        BigDecimal stripped = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        int precision = decimalDigits[0];
        int scale = decimalDigits[1];
        if (stripped.scale() > scale) {
            throw misfit(original, Reason.SCALE, "the column is " + column.declaredType() + ", " + scale + " decimals");
        }
        int integerDigits = stripped.precision() - stripped.scale();
        if (integerDigits > precision - scale) {
            throw misfit(original, Reason.PRECISION, "the column is " + column.declaredType() + ", at most "
                    + (precision - scale) + " digits before the point");
        }
    }

    private void checkDouble(double d, Object original) {
        if ((Double.isNaN(d) || Double.isInfinite(d)) && !dialect.storesNonFiniteDoubles()) {
            throw misfit(original, Reason.NOT_FINITE, null);
        }
        BigDecimal exact = null;
        if (original instanceof BigDecimal b) {
            exact = b;
        } else if (original instanceof Long l) {
            exact = BigDecimal.valueOf(l);
        } else if (original instanceof BigInteger i) {
            exact = new BigDecimal(i);
        }
        if (exact != null && (Double.isInfinite(d) || new BigDecimal(Double.toString(d)).compareTo(exact) != 0)) {
            throw misfit(original, Reason.PRECISION, "more digits than a floating-point column keeps");
        }
    }

    private static int nanos(Object value) {
        if (value instanceof LocalDateTime t) {
            return t.getNano();
        }
        if (value instanceof OffsetDateTime t) {
            return t.getNano();
        }
        return value instanceof LocalTime t ? t.getNano() : 0;
    }

    /** One JSON value and nothing after it. */
    private static boolean parses(String text) {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private Misfit misfit(Object value, Reason reason, String detail) {
        return new Misfit(column.name(), value, reason, detail);
    }

    private static boolean isText(PortableType t) {
        return t == PortableType.TEXT || t == PortableType.JSON;
    }

    private static boolean numeric(PortableType t) {
        return t == PortableType.INTEGER || t == PortableType.DECIMAL || t == PortableType.DOUBLE || t == PortableType.BOOLEAN;
    }

    private static boolean temporal(PortableType t) {
        return t == PortableType.DATE || t == PortableType.TIMESTAMP || t == PortableType.TIMESTAMP_TZ;
    }
}
