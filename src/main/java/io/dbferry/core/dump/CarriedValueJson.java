package io.dbferry.core.dump;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.dbferry.core.model.CarriedValue;
import io.dbferry.core.model.CarriedValue.Kind;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Locale;

import static io.dbferry.core.dump.DumpParser.EXPORT_AGAIN;

/**
 * A {@link CarriedValue} in the dump (format version 2): a one-key object naming its kind, so it can never be
 * mistaken for a value of the column's type, which is never an object: {@code {"integer":5}},
 * {@code {"real":2.5}} (and {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}), {@code {"text":"..."}},
 * {@code {"blob":"base64"}}, {@code {"text_bytes":"base64"}}.
 */
final class CarriedValueJson {

    private CarriedValueJson() {
    }

    static String key(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** The value in the class the reader returns (Integer widened, a long-sized BigInteger narrowed), or null if it has none. */
    static CarriedValue normalize(CarriedValue carried) {
        Object v = carried.value();
        Object normal = switch (carried.kind()) {
            case INTEGER -> v instanceof Long ? v
                    : v instanceof BigInteger b ? (b.bitLength() < Long.SIZE ? (Object) b.longValue() : b)
                    : v instanceof Integer || v instanceof Short || v instanceof Byte ? ((Number) v).longValue() : null;
            case REAL -> v instanceof Double ? v : v instanceof Float f ? RowDigest.floatAsDouble(f) : null;
            case TEXT -> v instanceof String ? v : null;
            case BLOB, TEXT_BYTES -> v instanceof byte[] ? v : null;
        };
        if (normal == null) {
            return null;
        }
        return normal == v ? carried : new CarriedValue(carried.kind(), normal);
    }

    static void write(JsonGenerator json, CarriedValue carried) throws IOException {
        json.writeStartObject();
        json.writeFieldName(key(carried.kind()));
        Object v = carried.value();
        switch (carried.kind()) {
            case INTEGER -> {
                if (v instanceof Long l) {
                    json.writeNumber(l);
                } else {
                    json.writeNumber((BigInteger) v);
                }
            }
            case REAL -> {
                double d = (Double) v;
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    json.writeString(Double.toString(d));
                } else {
                    json.writeNumber(d);
                }
            }
            case TEXT -> json.writeString((String) v);
            case BLOB, TEXT_BYTES -> DumpJson.writeBase64(json, (byte[]) v);
        }
        json.writeEndObject();
    }

    /** Reads the object whose START_OBJECT is the current token. */
    static CarriedValue read(DumpParser p) throws IOException {
        JsonParser json = p.json;
        if (p.formatVersion < 2) {
            throw p.fail("found a JSON object, which a format version " + p.formatVersion + " file never holds", EXPORT_AGAIN);
        }
        JsonToken token = json.nextToken();
        if (token != JsonToken.FIELD_NAME) {
            throw p.fail("a carried value must be an object with one field naming its kind, found an empty object", EXPORT_AGAIN);
        }
        String name = json.currentName();
        Kind kind = kindNamed(name);
        if (kind == null) {
            throw p.fail("a carried value of kind \"" + name + "\", which this dbferry does not know",
                    "the file may come from a newer dbferry: use a newer dbferry to read it");
        }
        token = json.nextToken();
        Object value = switch (kind) {
            case INTEGER -> token == JsonToken.VALUE_NUMBER_INT ? integer(json) : null;
            case REAL -> real(p, token);
            case TEXT -> token == JsonToken.VALUE_STRING ? json.getText() : null;
            case BLOB, TEXT_BYTES -> token == JsonToken.VALUE_STRING ? base64(p, json.getText()) : null;
        };
        if (value == null) {
            throw p.fail("a carried " + name + " value holds " + DumpParser.describe(token), EXPORT_AGAIN);
        }
        if (json.nextToken() != JsonToken.END_OBJECT) {
            throw p.fail("a carried value must be an object with exactly one field", EXPORT_AGAIN);
        }
        return new CarriedValue(kind, value);
    }

    private static Kind kindNamed(String name) {
        for (Kind kind : Kind.values()) {
            if (key(kind).equals(name)) {
                return kind;
            }
        }
        return null;
    }

    private static Object integer(JsonParser json) throws IOException {
        if (json.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return json.getLongValue();
        }
        BigInteger value = json.getBigIntegerValue();
        return value.bitLength() < Long.SIZE ? (Object) value.longValue() : value;
    }

    private static Object real(DumpParser p, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
            return p.json.getDoubleValue();
        }
        if (token != JsonToken.VALUE_STRING) {
            return null;
        }
        return switch (p.json.getText()) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw p.fail("a carried real value holds the string \"" + shorten(p.json.getText()) + "\"", EXPORT_AGAIN);
        };
    }

    private static byte[] base64(DumpParser p, String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw p.fail("a carried value's bytes \"" + shorten(text) + "\" are not valid base64", EXPORT_AGAIN);
        }
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
