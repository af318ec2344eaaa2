package io.dbferry.core.model;

/**
 * A column default in engine-neutral form: what the source engine wrote, read by its dialect, so that the
 * target's dialect can write the same default in its own words.
 */
public sealed interface DefaultValue {

    /** A constant as portable SQL text: a number ({@code 4.99}), a quoted string ({@code 'G'}), TRUE, FALSE or NULL. */
    record Literal(String sql) implements DefaultValue {
    }

    /** The moment of the insert: date, time of day or timestamp, with this many fractional-second digits. */
    record Now(Moment moment, int precision) implements DefaultValue {
    }

    /** A new random UUID for every row. */
    record NewUuid() implements DefaultValue {
    }

    /** An expression dbferry does not translate; listed with its text, never dropped silently. */
    record Expression(String text) implements DefaultValue {
    }

    enum Moment { DATE, TIME, TIMESTAMP }
}
