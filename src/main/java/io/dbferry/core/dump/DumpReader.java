package io.dbferry.core.dump;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.dbferry.core.model.PortableType;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a dump file by streaming: the header on open, then table by table ({@link #nextTable()})
 * and row by row ({@link #nextRow()}); only the current row is held. Each table's row count and
 * checksum are checked against the rows actually read. Every problem with the file's content is
 * reported as a {@link DumpFormatException} that names the file, table, row and column; plain
 * {@link IOException}s are left for real I/O failures.
 */
public final class DumpReader implements Closeable {

    private static final int SUPPORTED_VERSION = DumpHeader.CURRENT_VERSION;
    private static final String EXPORT_AGAIN = "the file is damaged: export it again";
    private static final List<String> SOURCE_FIELDS = List.of("engine", "version", "database", "schemaVersion");

    private final JsonParser json;
    private final String file;
    private final DumpHeader header;

    private DumpTable table;
    private PortableType[] types;
    private RowDigest digest;
    private long rowNumber;
    private boolean rowsEnded;
    private TableTrailer trailer;
    private boolean atEnd;

    // where reading is, for error messages: the row being read (0 outside rows) and the column
    private long rowInProgress;
    private String columnInProgress;

    private DumpReader(InputStream in, String file) throws IOException {
        this.file = file;
        this.json = DumpJson.FACTORY.createParser(in);
        try {
            this.header = guard(this::readHeader);
        } catch (IOException | RuntimeException e) {
            json.close();
            throw e;
        }
    }

    /** Opens {@code file} (gunzipping a name ending in ".gz") and reads and checks its header. */
    public static DumpReader open(Path file) throws IOException {
        String name = file.toString();
        InputStream in = new BufferedInputStream(Files.newInputStream(file), DumpJson.BUFFER_SIZE);
        try {
            if (DumpJson.isGzip(file)) {
                try {
                    in = new GZIPInputStream(in, DumpJson.BUFFER_SIZE);
                } catch (ZipException | EOFException e) {
                    throw new DumpFormatException(name + ": the name ends in .gz but the file is not gzip-compressed ("
                            + e.getMessage() + ")", "If it is a plain dump, rename it without .gz.", name, null, 0, null, e);
                }
            }
            return new DumpReader(in, name);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Reads an uncompressed dump from {@code in} and checks its header; {@code displayName} names
     * the source in error messages. {@link #close()} closes {@code in}.
     */
    public static DumpReader open(InputStream in, String displayName) throws IOException {
        return new DumpReader(in, displayName);
    }

    public DumpHeader header() {
        return header;
    }

    /**
     * The next table, or null at the end of the file. Rows of the previous table not yet read are
     * skipped first; for skipped rows only the row count is checked, not the checksum.
     */
    public DumpTable nextTable() throws IOException {
        return guard(this::readTable);
    }

    /**
     * The next row of the current table, values in the Java classes listed on {@link PortableType},
     * or null when the table's rows end; the trailer has then been read and checked.
     */
    public Object[] nextRow() throws IOException {
        if (table == null) {
            throw new IllegalStateException("no current table: call nextTable() first");
        }
        return guard(this::readRow);
    }

    /** The current table's row count and checksum as written in the file; null until its rows have ended. */
    public TableTrailer trailer() {
        return trailer;
    }

    /** 1-based number of the last row returned in the current table; 0 before the first. */
    public long rowNumber() {
        return rowNumber;
    }

    @Override
    public void close() throws IOException {
        json.close();
    }

    private DumpHeader readHeader() throws IOException {
        if (json.nextToken() != JsonToken.START_OBJECT) {
            throw fail("it does not start with a JSON object, so it is not a dbferry dump",
                    "check the file name, or export the data again with dbferry");
        }
        String format = null;
        Integer version = null;
        DumpHeader fields = null;
        while (true) {
            String field = nextFieldName("the top level of the file");
            if (field == null) {
                throw fail("the file has no \"tables\" section", EXPORT_AGAIN);
            }
            switch (field) {
                case "format" -> {
                    format = readNullableString(field);
                    if (!DumpHeader.FORMAT.equals(format)) {
                        throw fail("this is not a dbferry dump: its format is \"" + format + "\", not \""
                                + DumpHeader.FORMAT + "\"", "check that you gave the right file");
                    }
                }
                case "version" -> {
                    if (json.nextToken() != JsonToken.VALUE_NUMBER_INT) {
                        throw fail("the format version is not a whole number", EXPORT_AGAIN);
                    }
                    version = json.getIntValue();
                    if (version != SUPPORTED_VERSION) {
                        throw fail("the file is dump format version " + version + ", but this dbferry reads format version "
                                + SUPPORTED_VERSION + " only", "use a newer dbferry to read it");
                    }
                }
                case "header" -> fields = readHeaderObject();
                case "tables" -> {
                    if (format == null || version == null) {
                        throw fail("this is not a dbferry dump: \"format\" and \"version\" are missing before \"tables\"",
                                "check that you gave the right file");
                    }
                    if (json.nextToken() != JsonToken.START_ARRAY) {
                        throw fail("\"tables\" is not a JSON array", EXPORT_AGAIN);
                    }
                    return fields != null ? fields : new DumpHeader(version, null, null, null, null, null, null);
                }
                default -> skipValue();
            }
        }
    }

    private DumpHeader readHeaderObject() throws IOException {
        expect(JsonToken.START_OBJECT, "the header");
        String toolVersion = null;
        Instant createdAt = null;
        String[] source = new String[SOURCE_FIELDS.size()];
        String field;
        while ((field = nextFieldName("the header")) != null) {
            switch (field) {
                case "toolVersion" -> toolVersion = readNullableString(field);
                case "createdAt" -> {
                    String text = readNullableString(field);
                    try {
                        createdAt = text == null ? null : Instant.parse(text);
                    } catch (DateTimeParseException e) {
                        throw fail("the header's createdAt \"" + text + "\" is not an ISO-8601 instant", EXPORT_AGAIN);
                    }
                }
                case "source" -> {
                    expect(JsonToken.START_OBJECT, "the header's source");
                    String sourceField;
                    while ((sourceField = nextFieldName("the header's source")) != null) {
                        int index = SOURCE_FIELDS.indexOf(sourceField);
                        if (index < 0) {
                            skipValue();
                        } else {
                            source[index] = readNullableString(sourceField);
                        }
                    }
                }
                default -> skipValue();
            }
        }
        return new DumpHeader(SUPPORTED_VERSION, toolVersion, createdAt, source[0], source[1], source[2], source[3]);
    }

    private DumpTable readTable() throws IOException {
        if (atEnd) {
            return null;
        }
        if (table != null && !rowsEnded) {
            skipRows();
        }
        table = null;
        trailer = null;
        rowNumber = 0;
        JsonToken token = json.nextToken();
        if (token == JsonToken.END_ARRAY) {
            readEndOfDocument();
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw fail("expected a table (a JSON object) but found " + describe(token), EXPORT_AGAIN);
        }
        String name = null;
        List<DumpColumn> columns = null;
        String field;
        while ((field = nextFieldName("a table")) != null) {
            switch (field) {
                case "name" -> name = readNullableString(field);
                case "columns" -> columns = readColumns(name);
                case "rows" -> {
                    if (name == null || columns == null) {
                        throw fail("a table's rows come before its name and columns", EXPORT_AGAIN);
                    }
                    expect(JsonToken.START_ARRAY, "the rows of table " + name);
                    table = new DumpTable(name, columns);
                    types = columns.stream().map(DumpColumn::type).toArray(PortableType[]::new);
                    digest = new RowDigest(List.of(types));
                    rowsEnded = false;
                    return table;
                }
                default -> skipValue();
            }
        }
        throw fail("table " + name + " has no rows section", EXPORT_AGAIN);
    }

    private List<DumpColumn> readColumns(String tableName) throws IOException {
        expect(JsonToken.START_ARRAY, "the columns of table " + tableName);
        List<DumpColumn> columns = new ArrayList<>();
        while (json.nextToken() == JsonToken.START_OBJECT) {
            String name = null;
            String type = null;
            String sourceType = null;
            boolean nullable = true;
            boolean primaryKey = false;
            String field;
            while ((field = nextFieldName("a column of table " + tableName)) != null) {
                switch (field) {
                    case "name" -> name = readNullableString(field);
                    case "type" -> type = readNullableString(field);
                    case "sourceType" -> sourceType = readNullableString(field);
                    case "nullable" -> nullable = readBoolean(field);
                    case "primaryKey" -> primaryKey = readBoolean(field);
                    default -> skipValue();
                }
            }
            if (name == null || type == null) {
                throw fail("a column of table " + tableName + " has no name or no type", EXPORT_AGAIN);
            }
            columns.add(new DumpColumn(name, parseType(name, type), sourceType, nullable, primaryKey));
        }
        if (json.currentToken() != JsonToken.END_ARRAY) {
            throw fail("the columns of table " + tableName + " are not JSON objects", EXPORT_AGAIN);
        }
        return columns;
    }

    private PortableType parseType(String column, String type) {
        try {
            return PortableType.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw fail("column " + column + " has type \"" + type + "\", which this dbferry does not know",
                    "the file may come from a newer dbferry: use a newer dbferry to read it");
        }
    }

    private Object[] readRow() throws IOException {
        if (rowsEnded) {
            return null;
        }
        JsonToken token = json.nextToken();
        if (token == JsonToken.END_ARRAY) {
            rowsEnded = true;
            readTrailer(true);
            return null;
        }
        rowInProgress = rowNumber + 1;
        if (token != JsonToken.START_ARRAY) {
            throw fail("expected a row (a JSON array) but found " + describe(token), EXPORT_AGAIN);
        }
        Object[] row = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            columnInProgress = table.columns().get(i).name();
            token = json.nextToken();
            if (token == JsonToken.END_ARRAY) {
                throw wrongValueCount(i);
            }
            row[i] = readValue(types[i], token);
        }
        columnInProgress = null;
        int count = types.length;
        while (json.nextToken() != JsonToken.END_ARRAY) {
            json.skipChildren();
            count++;
        }
        if (count != types.length) {
            throw wrongValueCount(count);
        }
        rowInProgress = 0;
        rowNumber++;
        digest.update(row);
        return row;
    }

    private DumpFormatException wrongValueCount(int count) {
        columnInProgress = null;
        return fail("the row has " + count + (count == 1 ? " value" : " values") + " but the table has "
                + types.length + " columns", EXPORT_AGAIN);
    }

    /** Converts one JSON value by the column's type; a value of the wrong kind is an error, never coerced. */
    private Object readValue(PortableType type, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
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
                        default: throw badValue(type, json.getText());
                    }
                }
            }
            default -> {
                if (token == JsonToken.VALUE_STRING) {
                    return parseString(type, json.getText());
                }
            }
        }
        throw fail("expected " + expectedKind(type) + " (column type " + type + ") but found " + describe(token), EXPORT_AGAIN);
    }

    private Object parseString(PortableType type, String text) {
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
            throw badValue(type, text);
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

    private DumpFormatException badValue(PortableType type, String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return fail("\"" + shown + "\" is not a valid " + type + " value", EXPORT_AGAIN);
    }

    /** Reads the fields after a table's rows and checks them against the rows read. */
    private void readTrailer(boolean rowsWereRead) throws IOException {
        Long count = null;
        String sha256 = null;
        String field;
        while ((field = nextFieldName("table " + table.name())) != null) {
            switch (field) {
                case "rowCount" -> {
                    if (json.nextToken() != JsonToken.VALUE_NUMBER_INT) {
                        throw fail("the row count is not a whole number", EXPORT_AGAIN);
                    }
                    count = json.getLongValue();
                }
                case "sha256" -> sha256 = readNullableString(field);
                default -> skipValue();
            }
        }
        if (count == null || sha256 == null) {
            throw fail("there is no row count or checksum after the rows; the file is incomplete or was not written by dbferry",
                    "export it again");
        }
        trailer = new TableTrailer(count, sha256);
        String actual = rowsWereRead ? digest.finishHex() : null;
        boolean countOk = count == rowNumber;
        if (!countOk || (rowsWereRead && !sha256.equalsIgnoreCase(actual))) {
            throw fail("the file says " + count + " rows with checksum " + abbreviate(sha256) + ", the rows read give "
                    + rowNumber + (rowsWereRead ? " / " + abbreviate(actual) : " rows"), EXPORT_AGAIN);
        }
    }

    private static String abbreviate(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) + ".." : sha;
    }

    private void skipRows() throws IOException {
        JsonToken token;
        while ((token = json.nextToken()) != JsonToken.END_ARRAY) {
            rowInProgress = rowNumber + 1;
            if (token != JsonToken.START_ARRAY) {
                throw fail("expected a row (a JSON array) but found " + describe(token), EXPORT_AGAIN);
            }
            json.skipChildren();
            rowNumber++;
        }
        rowInProgress = 0;
        rowsEnded = true;
        readTrailer(false);
    }

    private void readEndOfDocument() throws IOException {
        while (nextFieldName("the top level of the file") != null) {
            skipValue();
        }
        if (json.nextToken() != null) {
            throw fail("there is more content after the end of the dump", EXPORT_AGAIN);
        }
        atEnd = true;
    }

    /** The next field name of the current object, or null at its end. */
    private String nextFieldName(String where) throws IOException {
        JsonToken token = json.nextToken();
        if (token == JsonToken.FIELD_NAME) {
            return json.currentName();
        }
        if (token == JsonToken.END_OBJECT) {
            return null;
        }
        throw fail("unexpected " + describe(token) + " in " + where, EXPORT_AGAIN);
    }

    private String readNullableString(String field) throws IOException {
        JsonToken token = json.nextToken();
        if (token == JsonToken.VALUE_STRING) {
            return json.getText();
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        throw fail("\"" + field + "\" should be a string but is " + describe(token), EXPORT_AGAIN);
    }

    private boolean readBoolean(String field) throws IOException {
        JsonToken token = json.nextToken();
        if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
            throw fail("\"" + field + "\" should be true or false but is " + describe(token), EXPORT_AGAIN);
        }
        return token == JsonToken.VALUE_TRUE;
    }

    private void expect(JsonToken expected, String what) throws IOException {
        JsonToken token = json.nextToken();
        if (token != expected) {
            throw fail(what + ": expected " + describe(expected) + " but found " + describe(token), EXPORT_AGAIN);
        }
    }

    private void skipValue() throws IOException {
        json.nextToken();
        json.skipChildren();
    }

    private static String describe(JsonToken token) {
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

    private DumpFormatException fail(String problem, String advice) {
        return fail(problem, advice, null);
    }

    private DumpFormatException fail(String problem, String advice, Throwable cause) {
        String tableName = table != null ? table.name() : null;
        StringBuilder message = new StringBuilder(file).append(": ");
        if (tableName != null) {
            message.append("table ").append(tableName);
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
        return new DumpFormatException(message.toString(), nextStep, file, tableName, rowInProgress, columnInProgress, cause);
    }

    private interface Step<T> {
        T run() throws IOException;
    }

    /** Runs a read step, turning malformed content (bad JSON, bad UTF-8, truncation, bad gzip) into DumpFormatException. */
    private <T> T guard(Step<T> step) throws IOException {
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
}
