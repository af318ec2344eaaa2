package io.dbferry.core.dump;

import com.fasterxml.jackson.core.JsonToken;
import io.dbferry.core.model.PortableType;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import static io.dbferry.core.dump.DumpParser.EXPORT_AGAIN;

/**
 * Reads a dump file by streaming: the header on open, then table by table ({@link #nextTable()})
 * and row by row ({@link #nextRow()}); only the current row is held. Each table's row count and
 * checksum are checked against the rows actually read. Every problem with the file's content is
 * reported as a {@link DumpFormatException} that names the file, table, row and column; plain
 * {@link IOException}s are left for real I/O failures.
 */
public final class DumpReader implements Closeable {

    private final DumpParser p;
    private final DumpHeader header;

    private DumpTable table;
    private PortableType[] types;
    private RowDigest digest;
    private long rowNumber;
    private boolean rowsEnded;
    private TableTrailer trailer;
    private boolean atEnd;

    private DumpReader(InputStream in, String file) throws IOException {
        this.p = new DumpParser(in, file);
        try {
            this.header = p.guard(() -> DumpHeaderReader.read(p));
        } catch (IOException | RuntimeException e) {
            p.close();
            throw e;
        }
    }

    /** Opens {@code file} (refused unless a regular file; gunzipping a name ending in ".gz") and reads and checks its header. */
    public static DumpReader open(Path file) throws IOException {
        DumpFiles.requireRegularFile(file);
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
        return p.guard(this::readTable);
    }

    /**
     * The next row of the current table, values in the Java classes listed on {@link PortableType},
     * or null when the table's rows end; the trailer has then been read and checked.
     */
    public Object[] nextRow() throws IOException {
        if (table == null) {
            throw new IllegalStateException("no current table: call nextTable() first");
        }
        return p.guard(this::readRow);
    }

    /**
     * Skips the current table's rows not read yet (their count checked against the trailer, not their checksum) and
     * returns its trailer: a quick read of a file's tables and counts, as an import plans before it loads.
     */
    public TableTrailer skipRest() throws IOException {
        if (table == null) {
            throw new IllegalStateException("no current table: call nextTable() first");
        }
        return p.guard(() -> {
            if (!rowsEnded) {
                skipRows();
            }
            return trailer;
        });
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
        p.close();
    }

    private DumpTable readTable() throws IOException {
        if (atEnd) {
            return null;
        }
        if (table != null && !rowsEnded) {
            skipRows();
        }
        table = null;
        p.table = null;
        trailer = null;
        rowNumber = 0;
        JsonToken token = p.json.nextToken();
        if (token == JsonToken.END_ARRAY) {
            readEndOfDocument();
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw p.fail("expected a table (a JSON object) but found " + DumpParser.describe(token), EXPORT_AGAIN);
        }
        String name = null;
        List<DumpColumn> columns = null;
        String field;
        while ((field = p.nextFieldName("a table")) != null) {
            switch (field) {
                case "name" -> name = p.readNullableString(field);
                case "columns" -> columns = readColumns(name);
                case "rows" -> {
                    if (name == null || columns == null) {
                        throw p.fail("a table's rows come before its name and columns", EXPORT_AGAIN);
                    }
                    p.expect(JsonToken.START_ARRAY, "the rows of table " + name);
                    table = new DumpTable(name, columns);
                    p.table = name;
                    types = columns.stream().map(DumpColumn::type).toArray(PortableType[]::new);
                    digest = new RowDigest(List.of(types));
                    rowsEnded = false;
                    return table;
                }
                default -> p.skipValue();
            }
        }
        throw p.fail("table " + name + " has no rows section", EXPORT_AGAIN);
    }

    private List<DumpColumn> readColumns(String tableName) throws IOException {
        p.expect(JsonToken.START_ARRAY, "the columns of table " + tableName);
        List<DumpColumn> columns = new ArrayList<>();
        while (p.json.nextToken() == JsonToken.START_OBJECT) {
            String name = null;
            String type = null;
            String sourceType = null;
            boolean nullable = true;
            boolean primaryKey = false;
            String field;
            while ((field = p.nextFieldName("a column of table " + tableName)) != null) {
                switch (field) {
                    case "name" -> name = p.readNullableString(field);
                    case "type" -> type = p.readNullableString(field);
                    case "sourceType" -> sourceType = p.readNullableString(field);
                    case "nullable" -> nullable = p.readBoolean(field);
                    case "primaryKey" -> primaryKey = p.readBoolean(field);
                    default -> p.skipValue();
                }
            }
            if (name == null || type == null) {
                throw p.fail("a column of table " + tableName + " has no name or no type", EXPORT_AGAIN);
            }
            columns.add(new DumpColumn(name, parseType(name, type), sourceType, nullable, primaryKey));
        }
        if (p.json.currentToken() != JsonToken.END_ARRAY) {
            throw p.fail("the columns of table " + tableName + " are not JSON objects", EXPORT_AGAIN);
        }
        return columns;
    }

    private PortableType parseType(String column, String type) {
        try {
            return PortableType.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw p.fail("column " + column + " has type \"" + type + "\", which this dbferry does not know",
                    "the file may come from a newer dbferry: use a newer dbferry to read it");
        }
    }

    private Object[] readRow() throws IOException {
        if (rowsEnded) {
            return null;
        }
        JsonToken token = p.json.nextToken();
        if (token == JsonToken.END_ARRAY) {
            rowsEnded = true;
            readTrailer(true);
            return null;
        }
        p.rowInProgress = rowNumber + 1;
        if (token != JsonToken.START_ARRAY) {
            throw p.fail("expected a row (a JSON array) but found " + DumpParser.describe(token), EXPORT_AGAIN);
        }
        Object[] row = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            p.columnInProgress = table.columns().get(i).name();
            token = p.json.nextToken();
            if (token == JsonToken.END_ARRAY) {
                throw wrongValueCount(i);
            }
            row[i] = DumpValues.read(p, types[i], token);
        }
        p.columnInProgress = null;
        int count = types.length;
        while (p.json.nextToken() != JsonToken.END_ARRAY) {
            p.json.skipChildren();
            count++;
        }
        if (count != types.length) {
            throw wrongValueCount(count);
        }
        p.rowInProgress = 0;
        rowNumber++;
        digest.update(row);
        return row;
    }

    private DumpFormatException wrongValueCount(int count) {
        p.columnInProgress = null;
        return p.fail("the row has " + count + (count == 1 ? " value" : " values") + " but the table has "
                + types.length + " columns", EXPORT_AGAIN);
    }

    /** Converts one JSON value by the column's type; a value of the wrong kind is an error, never coerced. */
    /** Reads the fields after a table's rows and checks them against the rows read. */
    private void readTrailer(boolean rowsWereRead) throws IOException {
        Long count = null;
        String sha256 = null;
        String field;
        while ((field = p.nextFieldName("table " + table.name())) != null) {
            switch (field) {
                case "rowCount" -> {
                    if (p.json.nextToken() != JsonToken.VALUE_NUMBER_INT) {
                        throw p.fail("the row count is not a whole number", EXPORT_AGAIN);
                    }
                    count = p.json.getLongValue();
                }
                case "sha256" -> sha256 = p.readNullableString(field);
                default -> p.skipValue();
            }
        }
        if (count == null || sha256 == null) {
            throw p.fail("there is no row count or checksum after the rows; the file is incomplete or was not written by dbferry",
                    "export it again");
        }
        trailer = new TableTrailer(count, sha256);
        String actual = rowsWereRead ? digest.finishHex() : null;
        boolean countOk = count == rowNumber;
        if (!countOk || (rowsWereRead && !sha256.equalsIgnoreCase(actual))) {
            throw p.fail("the file says " + count + " rows with checksum " + abbreviate(sha256) + ", the rows read give "
                    + rowNumber + (rowsWereRead ? " / " + abbreviate(actual) : " rows"), EXPORT_AGAIN);
        }
    }

    private static String abbreviate(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) + ".." : sha;
    }

    private void skipRows() throws IOException {
        JsonToken token;
        while ((token = p.json.nextToken()) != JsonToken.END_ARRAY) {
            p.rowInProgress = rowNumber + 1;
            if (token != JsonToken.START_ARRAY) {
                throw p.fail("expected a row (a JSON array) but found " + DumpParser.describe(token), EXPORT_AGAIN);
            }
            p.json.skipChildren();
            rowNumber++;
        }
        p.rowInProgress = 0;
        rowsEnded = true;
        readTrailer(false);
    }

    private void readEndOfDocument() throws IOException {
        while (p.nextFieldName("the top level of the file") != null) {
            p.skipValue();
        }
        if (p.json.nextToken() != null) {
            throw p.fail("there is more content after the end of the dump", EXPORT_AGAIN);
        }
        atEnd = true;
    }
}
