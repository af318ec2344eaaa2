package io.dbferry.core.dialect;

import io.dbferry.core.model.CarriedValue;
import io.dbferry.core.model.PortableType;

/**
 * A {@link CarriedValue} bound for a column of a typed engine (PostgreSQL, MySQL), where no choice of the
 * operator says otherwise: text in a date, number, boolean or UUID column is read as that type where it
 * parses exactly (as export read it before dump format 2, so a SQLite '2024-05-01 10:00:00.123000' still
 * loads into a DATETIME), and anything else is refused naming the column, never changed.
 */
public final class CarriedValues {

    private CarriedValues() {
    }

    public static Object typed(String column, CarriedValue carried, PortableType type) {
        boolean parsedFromText = carried.kind() == CarriedValue.Kind.TEXT
                && type != PortableType.TEXT && type != PortableType.JSON && type != PortableType.BINARY;
        if (parsedFromText) {
            return ValueCoercion.coerce(column, carried.value(), type);
        }
        throw new ValueConversionException(column, carried.value(), "is " + article(carried.kind()) + " value in a "
                + type + " column, which this target cannot hold as it is");
    }

    private static String article(CarriedValue.Kind kind) {
        return switch (kind) {
            case INTEGER -> "an integer";
            case REAL -> "a real-number";
            case TEXT -> "a text";
            case BLOB -> "a BLOB";
            case TEXT_BYTES -> "a text (not valid UTF-8)";
        };
    }
}
