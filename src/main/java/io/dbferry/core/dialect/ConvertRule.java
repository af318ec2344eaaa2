package io.dbferry.core.dialect;

import io.dbferry.core.dialect.TargetFit.Reason;
import io.dbferry.core.model.CarriedValue;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.PortableType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * A way through for a value the target column cannot hold exactly, chosen by the operator with
 * {@code --convert [TABLE.COLUMN=]RULE}: each applies to the reasons it names and nothing else, and every
 * value it changes is written to the import's changes report.
 */
public enum ConvertRule {
    ZERO_DATE_TO_NULL("zero-date-to-null", EnumSet.of(Reason.ZERO_DATE)),
    INVALID_TO_NULL("invalid-to-null", EnumSet.allOf(Reason.class)),
    BYTES_TO_HEX("bytes-to-hex", EnumSet.of(Reason.BINARY_INTO_TEXT, Reason.INVALID_UTF8)),
    TEXT_TO_NUMBER_OR_NULL("text-to-number-or-null", EnumSet.of(Reason.TEXT_IN_NUMBER)),
    EPOCH_TO_TIMESTAMP("epoch-to-timestamp", EnumSet.of(Reason.NUMBER_IN_DATE)),
    INFINITY_TO_NULL("infinity-to-null", EnumSet.of(Reason.NOT_FINITE)),
    /** An exact decimal into a column that stores floating point (SQLite's NUMERIC): the nearest REAL, recorded. */
    DECIMAL_TO_REAL("decimal-to-real", EnumSet.of(Reason.FLOAT_STORAGE)),
    // fix-encoding's strategies, by the same names: text changed before the encoding check and the fit (core/encoding's TextFixes)
    REPAIR_MOJIBAKE("repair-mojibake", EnumSet.noneOf(Reason.class)),
    STRIP_NUL("strip-nul", EnumSet.noneOf(Reason.class)),
    TRANSLITERATE("transliterate", EnumSet.noneOf(Reason.class)),
    REPLACE("replace", EnumSet.noneOf(Reason.class)),
    TRUNCATE("truncate", EnumSet.noneOf(Reason.class));

    private final String operatorName;
    private final Set<Reason> reasons;

    ConvertRule(String operatorName, Set<Reason> reasons) {
        this.operatorName = operatorName;
        this.reasons = reasons;
    }

    /** The name the operator types. */
    public String operatorName() {
        return operatorName;
    }

    public static Optional<ConvertRule> named(String name) {
        for (ConvertRule rule : values()) {
            if (rule.operatorName.equals(name)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** A fix-encoding strategy: applied to text before the fit, never by {@link #apply}. */
    public boolean textStrategy() {
        return reasons.isEmpty();
    }

    /** Whether the rule is a way through for this reason. */
    public boolean covers(Reason reason) {
        return reasons.contains(reason);
    }

    /**
     * The value that goes in its place ({@code Optional.of(NULL)} for SQL NULL), or empty where this rule cannot
     * produce one the column holds exactly (an epoch that is not a whole second into a DATE).
     */
    Optional<Object> apply(Object value, Column column) {
        Object raw = value instanceof CarriedValue carried ? carried.value() : value;
        return switch (this) {
            case ZERO_DATE_TO_NULL, INVALID_TO_NULL, TEXT_TO_NUMBER_OR_NULL, INFINITY_TO_NULL -> Optional.of(NULL);
            case BYTES_TO_HEX -> raw instanceof byte[] bytes ? Optional.of(HexFormat.of().formatHex(bytes)) : Optional.empty();
            case EPOCH_TO_TIMESTAMP -> epoch(raw, column);
            case DECIMAL_TO_REAL -> raw instanceof BigDecimal d ? Optional.of(d.doubleValue()) : Optional.empty(); // rounded, by choice
            case REPAIR_MOJIBAKE, STRIP_NUL, TRANSLITERATE, REPLACE, TRUNCATE -> Optional.empty();
        };
    }

    /** Seconds since 1970-01-01 UTC (a fraction kept where the column keeps it). */
    private static Optional<Object> epoch(Object raw, Column column) {
        BigDecimal seconds;
        if (raw instanceof Number n && !(raw instanceof Double d && (d.isNaN() || d.isInfinite()))) {
            seconds = raw instanceof Double d ? new BigDecimal(Double.toString(d)) : new BigDecimal(n.toString());
        } else {
            return Optional.empty();
        }
        long whole = seconds.longValue();
        int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
        LocalDateTime at = LocalDateTime.ofInstant(Instant.ofEpochSecond(whole, nanos), ZoneOffset.UTC);
        if (column.portableType() == PortableType.DATE) {
            return at.toLocalTime().toNanoOfDay() == 0 ? Optional.of(at.toLocalDate()) : Optional.empty();
        }
        if (column.portableType() == PortableType.TIMESTAMP_TZ) {
            return Optional.of(at.atOffset(ZoneOffset.UTC));
        }
        return column.portableType() == PortableType.TIMESTAMP ? Optional.of(at) : Optional.empty();
    }

    /** Stands for SQL NULL inside an Optional. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "NULL";
        }
    };
}
