package io.dbferry.core.dump;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.dbferry.core.model.PortableType;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

import static io.dbferry.core.dump.DumpParser.EXPORT_AGAIN;

/**
 * One JSON value of a row decoded by its column's portable type, or a carried value (an object, version 2)
 * with its own kind; a value of the wrong kind is an error, never coerced.
 */
final class DumpValues {

    private DumpValues() {
    }

    static Object read(DumpParser p, PortableType type, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == JsonToken.START_OBJECT) {
            return CarriedValueJson.read(p);
        }
        JsonParser json = p.json;
        switch (type) {
            case BOOLEAN -> {
                if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                    return token == JsonToken.VALUE_TRUE;
                }
            }
            case INTEGER -> {
                if (token == JsonToken.VALUE_NUMBER_INT) {
                    if (json.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                        return json.getLongValue();
                    }
                    BigInteger value = json.getBigIntegerValue();
                    return value.bitLength() < Long.SIZE ? (Object) value.longValue() : value;
                }
            }
            case DOUBLE -> {
                if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
                    return json.getDoubleValue();
                }
                if (token == JsonToken.VALUE_STRING) {
                    switch (json.getText()) {
                        case "NaN": return Double.NaN;
                        case "Infinity": return Double.POSITIVE_INFINITY;
                        case "-Infinity": return Double.NEGATIVE_INFINITY;
                        default: throw badValue(p, type, json.getText());
                    }
                }
            }
            default -> {
                if (token == JsonToken.VALUE_STRING) {
                    return parseString(p, type, json.getText());
                }
            }
        }
        throw p.fail("expected " + expectedKind(type) + " (column type " + type + ") but found " + DumpParser.describe(token),
                EXPORT_AGAIN);
    }

    private static Object parseString(DumpParser p, PortableType type, String text) {
        try {
            return switch (type) {
                case TEXT, JSON -> text;
                case DECIMAL -> new BigDecimal(text);
                case BINARY -> Base64.getDecoder().decode(text);
                case DATE -> Iso8601.parseDate(text);
                case TIME -> Iso8601.parseTime(text);
                case TIMESTAMP -> Iso8601.parseDateTime(text);
                case TIMESTAMP_TZ -> Iso8601.parseOffsetDateTime(text);
                case UUID -> UUID.fromString(text);
                case BOOLEAN, INTEGER, DOUBLE -> throw new IllegalStateException("not a string type: " + type);
            };
        } catch (DateTimeParseException | IllegalArgumentException e) { // NumberFormatException is an IllegalArgumentException
            throw badValue(p, type, text);
        }
    }

    private static String expectedKind(PortableType type) {
        return switch (type) {
            case BOOLEAN -> "true or false";
            case INTEGER -> "a whole JSON number";
            case DOUBLE -> "a JSON number";
            case BINARY -> "a base64 string";
            default -> "a JSON string";
        };
    }

    private static DumpFormatException badValue(DumpParser p, PortableType type, String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return p.fail("\"" + shown + "\" is not a valid " + type + " value", EXPORT_AGAIN);
    }
}
