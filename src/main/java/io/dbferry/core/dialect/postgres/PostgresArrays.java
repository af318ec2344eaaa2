package io.dbferry.core.dialect.postgres;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.dbferry.core.dialect.ValueConversionException;

import java.io.IOException;
import java.util.Set;

/**
 * A PostgreSQL array travels as JSON text: {@code {1,2,NULL}} as {@code [1,2,null]}, {@code {"a b",c}} as
 * {@code ["a b","c"]}, nested for more dimensions. Each element keeps the exact text PostgreSQL wrote for it
 * (numbers as JSON numbers with their digits, booleans as true/false, everything else as a string), so the
 * way back to an array gives the same values. A lower bound other than 1 ({@code [0:1]={a,b}}) is not kept.
 */
final class PostgresArrays {

    private static final JsonFactory JSON = new JsonFactory();
    /** Element types whose text is a JSON number (but for NaN and Infinity, which stay strings). */
    private static final Set<String> NUMBERS = Set.of("_int2", "_int4", "_int8", "_numeric", "_float4", "_float8", "_oid");

    private PostgresArrays() {
    }

    /** True for a column of an array type, as pgjdbc reports it. */
    static boolean isArray(io.dbferry.core.model.Column column) {
        return column.jdbcType() == java.sql.Types.ARRAY;
    }

    /** The array literal PostgreSQL wrote (for a column of {@code arrayType}, such as {@code _int4}) as JSON text. */
    static String toJson(String literal, String arrayType) {
        if (literal == null) {
            return null;
        }
        String text = literal.startsWith("[") ? literal.substring(literal.indexOf('=') + 1) : literal; // bounds left out
        StringBuilder json = new StringBuilder(text.length() + 8);
        boolean numbers = NUMBERS.contains(arrayType);
        boolean booleans = "_bool".equals(arrayType);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '{') {
                json.append('[');
                i++;
            } else if (c == '}') {
                json.append(']');
                i++;
            } else if (c == ',') {
                json.append(',');
                i++;
            } else if (c == '"') {
                StringBuilder element = new StringBuilder();
                i++;
                while (text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\') {
                        i++;
                    }
                    element.append(text.charAt(i++));
                }
                i++;
                quoted(json, element.toString());
            } else {
                int end = i;
                while (text.charAt(end) != ',' && text.charAt(end) != '}') {
                    end++;
                }
                String element = text.substring(i, end);
                i = end;
                if (element.equalsIgnoreCase("NULL")) {
                    json.append("null");
                } else if (booleans) {
                    json.append(element.equals("t") ? "true" : "false");
                } else if (numbers && (Character.isDigit(element.charAt(element.length() - 1)))) {
                    json.append(element);
                } else {
                    quoted(json, element);
                }
            }
        }
        return json.toString();
    }

    private static void quoted(StringBuilder json, String element) {
        json.append('"').append(JsonStringEncoder.getInstance().quoteAsString(element)).append('"');
    }

    /** JSON text of an array (as {@link #toJson} writes it, or any JSON array) as PostgreSQL's array literal. */
    static String toLiteral(String column, String json) {
        StringBuilder literal = new StringBuilder(json.length() + 8);
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_ARRAY) {
                throw new ValueConversionException(column, json, "is not a JSON array, which a PostgreSQL array column needs");
            }
            boolean needsComma = false;
            for (JsonToken token = first; token != null; token = parser.nextToken()) {
                if (needsComma && token != JsonToken.END_ARRAY) {
                    literal.append(',');
                }
                needsComma = true;
                switch (token) {
                    case START_ARRAY -> {
                        literal.append('{');
                        needsComma = false;
                    }
                    case END_ARRAY -> literal.append('}');
                    case VALUE_NULL -> literal.append("NULL");
                    case VALUE_TRUE -> literal.append('t');
                    case VALUE_FALSE -> literal.append('f');
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> literal.append(parser.getText()); // the digits as written
                    case VALUE_STRING -> literal.append('"')
                            .append(parser.getText().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                    default -> throw new ValueConversionException(column, json,
                            "holds a JSON object, which a PostgreSQL array cannot hold as an element");
                }
            }
        } catch (IOException e) {
            throw new ValueConversionException(column, json, "is not valid JSON, which a PostgreSQL array column needs");
        }
        return literal.toString();
    }
}
