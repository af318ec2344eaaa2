package io.dbferry.core.dump;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * The JSON tokens of a dump and where reading is (table, row, column), for {@link DumpReader} and its
 * header and value decoders: each problem with the content becomes a {@link DumpFormatException} that
 * names the file, table, row and column as far as known, and says what to do.
 */
final class DumpParser implements Closeable {

    static final String EXPORT_AGAIN = "the file is damaged: export it again";

    final JsonParser json;
    private final String file;

    // where reading is, for error messages: the table whose rows are read (null outside), the row being read
    // (0 outside rows) and the column
    String table;
    long rowInProgress;
    String columnInProgress;
    // the file's format version once its header is read: a carried value (a JSON object) exists from version 2
    int formatVersion;

    DumpParser(InputStream in, String file) throws IOException {
        this.file = file;
        this.json = DumpJson.FACTORY.createParser(in);
    }

    /** The next field name of the current object, or null at its end. */
    String nextFieldName(String where) throws IOException {
        JsonToken token = json.nextToken();
        if (token == JsonToken.FIELD_NAME) {
            return json.currentName();
        }
        if (token == JsonToken.END_OBJECT) {
            return null;
        }
        throw fail("unexpected " + describe(token) + " in " + where, EXPORT_AGAIN);
    }

    String readNullableString(String field) throws IOException {
        JsonToken token = json.nextToken();
        if (token == JsonToken.VALUE_STRING) {
            return json.getText();
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        throw fail("\"" + field + "\" should be a string but is " + describe(token), EXPORT_AGAIN);
    }

    boolean readBoolean(String field) throws IOException {
        JsonToken token = json.nextToken();
        if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
            throw fail("\"" + field + "\" should be true or false but is " + describe(token), EXPORT_AGAIN);
        }
        return token == JsonToken.VALUE_TRUE;
    }

    void expect(JsonToken expected, String what) throws IOException {
        JsonToken token = json.nextToken();
        if (token != expected) {
            throw fail(what + ": expected " + describe(expected) + " but found " + describe(token), EXPORT_AGAIN);
        }
    }

    void skipValue() throws IOException {
        json.nextToken();
        json.skipChildren();
    }

    static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the file";
        }
        return switch (token) {
            case START_OBJECT -> "a JSON object";
            case START_ARRAY -> "a JSON array";
            case END_OBJECT, END_ARRAY -> "the end of " + (token == JsonToken.END_OBJECT ? "an object" : "an array");
            case FIELD_NAME -> "a field name";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }

    DumpFormatException fail(String problem, String advice) {
        return fail(problem, advice, null);
    }

    DumpFormatException fail(String problem, String advice, Throwable cause) {
        StringBuilder message = new StringBuilder(file).append(": ");
        if (table != null) {
            message.append("table ").append(table);
            if (rowInProgress > 0) {
                message.append(", row ").append(rowInProgress);
            }
            if (columnInProgress != null) {
                message.append(", column ").append(columnInProgress);
            }
            message.append(": ");
        }
        message.append(problem);
        String nextStep = Character.toUpperCase(advice.charAt(0)) + advice.substring(1) + ".";
        return new DumpFormatException(message.toString(), nextStep, file, table, rowInProgress, columnInProgress, cause);
    }

    interface Step<T> {
        T run() throws IOException;
    }

    /** Runs a read step, turning malformed content (bad JSON, bad UTF-8, truncation, bad gzip) into DumpFormatException. */
    <T> T guard(Step<T> step) throws IOException {
        try {
            return step.run();
        } catch (JsonEOFException | EOFException e) {
            throw truncated(e);
        } catch (JsonProcessingException e) {
            // Jackson reports some truncations (between array entries) as a plain parse error
            if (e.getOriginalMessage().contains("end-of-input")) {
                throw truncated(e);
            }
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String kind = e.getOriginalMessage().contains("UTF-8") ? "bytes that are not valid UTF-8" : "invalid JSON";
            throw fail("the file contains " + kind + where + " (" + firstLine(e.getOriginalMessage()) + ")", EXPORT_AGAIN, e);
        } catch (ZipException e) {
            throw fail("the gzip data is corrupt (" + e.getMessage() + ")", EXPORT_AGAIN, e);
        }
    }

    private DumpFormatException truncated(IOException cause) {
        return fail("the file ends unexpectedly (it is truncated, perhaps by an interrupted export or copy)",
                "export it again", cause);
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    @Override
    public void close() throws IOException {
        json.close();
    }
}
