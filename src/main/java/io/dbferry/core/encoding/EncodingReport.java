package io.dbferry.core.encoding;

import io.dbferry.core.dialect.TargetFit;

import java.time.Duration;
import java.util.List;

/**
 * What validate-encoding found, per table and column: each kind of problem with its count and the
 * first few examples. Errors would make the import fail or change a value; warnings are worth a look.
 *
 * @param checked     the dump file or the source database that was read
 * @param against     the target the values were checked against, or null
 * @param tables      tables read
 * @param textValues  text values examined
 * @param stoppedEarly true when the file could not be read to its end (invalid UTF-8 in a dump)
 */
public record EncodingReport(String checked, String against, int tables, long textValues, boolean stoppedEarly,
                             Duration elapsed, List<Finding> findings) {

    public enum Severity { ERROR, WARNING }

    public enum Kind {
        INVALID_UTF8("bytes that are not valid UTF-8"),
        UNPAIRED_SURROGATE("unpaired surrogate"),
        NUL("NUL character (U+0000)"),
        NOT_REPRESENTABLE("character the column's character set cannot hold"),
        TOO_LONG("longer than the column allows"),
        DOUBLE_ENCODED("looks double-encoded (UTF-8 read as latin1/cp1252)"),
        LATIN1_HOLDS_UTF8("latin1 column holds UTF-8 bytes"),
        CHARSET_UNKNOWN("character set not known to dbferry; not checked"),
        NOT_ON_TARGET("not on the target; not checked"),
        // what the target column cannot hold exactly besides text (TargetFit's reasons, by the same names)
        ZERO_DATE(TargetFit.Reason.ZERO_DATE.label()),
        NOT_A_DATE(TargetFit.Reason.NOT_A_DATE.label()),
        NUMBER_IN_DATE(TargetFit.Reason.NUMBER_IN_DATE.label()),
        OFFSET_DROPPED(TargetFit.Reason.OFFSET_DROPPED.label()),
        TEXT_IN_NUMBER(TargetFit.Reason.TEXT_IN_NUMBER.label()),
        NOT_FINITE(TargetFit.Reason.NOT_FINITE.label()),
        SCALE(TargetFit.Reason.SCALE.label()),
        PRECISION(TargetFit.Reason.PRECISION.label()),
        FLOAT_STORAGE(TargetFit.Reason.FLOAT_STORAGE.label()),
        FRACTION(TargetFit.Reason.FRACTION.label()),
        BINARY_INTO_TEXT(TargetFit.Reason.BINARY_INTO_TEXT.label()),
        TEXT_INTO_BINARY(TargetFit.Reason.TEXT_INTO_BINARY.label()),
        NOT_JSON(TargetFit.Reason.NOT_JSON.label()),
        KIND(TargetFit.Reason.KIND.label()),
        NOT_EXACT(TargetFit.Reason.NOT_EXACT.label());

        /** The finding's kind for a reason the target-fit check gives. */
        public static Kind of(TargetFit.Reason reason) {
            return valueOf(reason.name());
        }

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * @param detail  the problem in this column's words ("not representable in latin1", "column holds 20 characters")
     * @param fix     what would solve it: the widening DDL, or the fix-encoding strategy; may be null
     */
    public record Finding(String table, String column, Kind kind, Severity severity, long count, String detail,
                          List<Example> examples, String fix) {
    }

    /**
     * One offending value.
     *
     * @param key        the row's primary key as {@code (id=17)}, or {@code row 17} without one
     * @param excerpt    the value around the offending character
     * @param character  the character as {@code U+0141 'Ł'} (or the byte, for invalid UTF-8); null for lengths
     * @param utf8       the character's UTF-8 bytes as hex ({@code C5 81}), or the invalid bytes
     * @param note       extra detail: the length, or the repaired text of a double-encoded value
     */
    public record Example(String key, String excerpt, String character, String utf8, String note) {
    }

    /** The same check, its findings narrowed to the named tables (an import of some of a file's tables). */
    public EncodingReport ofTables(java.util.Set<String> names) {
        return new EncodingReport(checked, against, tables, textValues, stoppedEarly, elapsed,
                findings.stream().filter(f -> names.contains(f.table())).toList());
    }

    public List<Finding> errors() {
        return findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
    }

    public List<Finding> warnings() {
        return findings.stream().filter(f -> f.severity() == Severity.WARNING).toList();
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }

    public long errorValues() {
        return errors().stream().mapToLong(Finding::count).sum();
    }
}
