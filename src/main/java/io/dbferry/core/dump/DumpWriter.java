package io.dbferry.core.dump;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.dbferry.core.model.CarriedValue;
import io.dbferry.core.model.PortableType;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a dump file by streaming: one table at a time, one row at a time, nothing kept but the
 * running checksum. Usage: {@code create}, then per table {@code beginTable}, {@code writeRow}...,
 * {@code endTable}; finally {@code close}. The format is described in docs/dump-format.md.
 *
 * <p>If {@code close} is called while a table is still open (the export failed half way), the
 * document is deliberately left unfinished, so that a reader rejects the file as truncated instead
 * of taking a partial table for a whole one.
 */
public final class DumpWriter implements Closeable {

    private final JsonGenerator json;
    private final int formatVersion;
    private String table;
    private DumpColumn[] columns;
    private RowDigest digest;
    private boolean closed;
    private final byte[] scratch = new byte[32]; // a date's or time's ISO text

    private DumpWriter(OutputStream out, DumpHeader header) throws IOException {
        if (header.formatVersion() < DumpHeader.OLDEST_VERSION || header.formatVersion() > DumpHeader.CURRENT_VERSION) {
            throw new IllegalArgumentException("this dbferry writes dump format versions " + DumpHeader.OLDEST_VERSION
                    + " to " + DumpHeader.CURRENT_VERSION + ", the header asks for version " + header.formatVersion());
        }
        this.formatVersion = header.formatVersion();
        json = DumpJson.FACTORY.createGenerator(out, JsonEncoding.UTF8);
        json.setPrettyPrinter(new DumpJson.RowPerLinePrinter());
        json.writeStartObject();
        json.writeStringField("format", DumpHeader.FORMAT);
        json.writeNumberField("version", formatVersion);
        json.writeObjectFieldStart("header");
        json.writeStringField("toolVersion", header.toolVersion());
        json.writeStringField("createdAt", header.createdAt() == null ? null : header.createdAt().toString());
        json.writeObjectFieldStart("source");
        json.writeStringField("engine", header.sourceEngine());
        json.writeStringField("version", header.sourceVersion());
        json.writeStringField("database", header.sourceDatabase());
        json.writeStringField("schemaVersion", header.schemaVersion());
        json.writeEndObject();
        json.writeEndObject();
        json.writeArrayFieldStart("tables");
    }

    /** Creates (or replaces) {@code file}; a name ending in ".gz" means gzip-compressed. */
    public static DumpWriter create(Path file, DumpHeader header) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), DumpJson.BUFFER_SIZE);
        try {
            if (DumpJson.isGzip(file)) {
                out = new GZIPOutputStream(out, DumpJson.BUFFER_SIZE);
            }
            return new DumpWriter(out, header);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** Writes to {@code out} as is (no compression); {@link #close()} closes it. */
    public static DumpWriter create(OutputStream out, DumpHeader header) throws IOException {
        return new DumpWriter(out, header);
    }

    public void beginTable(String name, List<DumpColumn> columns) throws IOException {
        Objects.requireNonNull(name, "name");
        ensureOpen();
        if (table != null) {
            throw new IllegalStateException("table " + table + " is still open: call endTable() before beginning " + name);
        }
        this.columns = columns.toArray(DumpColumn[]::new);
        this.table = name;
        this.digest = new RowDigest(columns.stream().map(DumpColumn::type).toList());
        json.writeStartObject();
        json.writeStringField("name", name);
        json.writeArrayFieldStart("columns");
        for (DumpColumn c : this.columns) {
            json.writeStartObject();
            json.writeStringField("name", c.name());
            json.writeStringField("type", c.type().name());
            json.writeStringField("sourceType", c.sourceType());
            json.writeBooleanField("nullable", c.nullable());
            json.writeBooleanField("primaryKey", c.primaryKey());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("rows");
    }

    /**
     * Writes one row, values in column order and in the Java classes listed on {@link PortableType}, or a
     * {@link CarriedValue} (format version 2); Integer, Short and Byte are also accepted for INTEGER, Float for DOUBLE.
     *
     * @throws IllegalArgumentException if the number of values or a value's class does not fit the columns
     */
    public void writeRow(Object[] values) throws IOException {
        ensureInTable();
        long row = digest.rowCount() + 1;
        if (values.length != columns.length) {
            throw new IllegalArgumentException("table " + table + ", row " + row + ": " + values.length
                    + " values given for " + columns.length + " columns");
        }
        // a copy only where a value changes class (most rows come in their classes already); the caller's array stays as given
        Object[] normalized = values;
        for (int i = 0; i < values.length; i++) {
            Object normal = normalize(columns[i], values[i], row);
            if (normal != values[i]) {
                normalized = normalized == values ? values.clone() : normalized;
                normalized[i] = normal;
            }
        }
        // validate the whole row before writing any of it, so a bad value leaves no half row behind
        json.writeStartArray();
        for (int i = 0; i < normalized.length; i++) {
            writeValue(columns[i].type(), normalized[i]);
        }
        json.writeEndArray();
        digest.update(normalized);
    }

    /** Ends the current table, writing its row count and checksum after the rows. */
    public TableTrailer endTable() throws IOException {
        return endTable(null, List.of());
    }

    /**
     * Ends the current table with one more field after the checksum, {@code field}: an array of flat objects
     * (String or Long values), which readers skip (a rejects file's {@code reasons}); none where {@code field} is null.
     */
    public TableTrailer endTable(String field, List<java.util.Map<String, Object>> entries) throws IOException {
        ensureInTable();
        TableTrailer trailer = new TableTrailer(digest.rowCount(), digest.finishHex());
        json.writeEndArray();
        json.writeNumberField("rowCount", trailer.rowCount());
        json.writeStringField("sha256", trailer.sha256());
        if (field != null) {
            json.writeArrayFieldStart(field);
            for (java.util.Map<String, Object> entry : entries) {
                json.writeStartObject();
                for (var e : entry.entrySet()) {
                    if (e.getValue() instanceof Long n) {
                        json.writeNumberField(e.getKey(), n);
                    } else {
                        json.writeStringField(e.getKey(), e.getValue() == null ? null : e.getValue().toString());
                    }
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
        table = null;
        columns = null;
        digest = null;
        return trailer;
    }

    /** Finishes the document and closes the output (see the class comment for an open table). */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (table != null) {
                json.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
            } else {
                json.writeEndArray();
                json.writeEndObject();
                json.writeRaw('\n');
            }
        } finally {
            json.close();
        }
    }

    /** The value in the class the reader will return, so the checksum written equals the one read. */
    private Object normalize(DumpColumn column, Object value, long row) {
        if (value == null) {
            return null;
        }
        if (value instanceof CarriedValue carried) {
            return normalizeCarried(column, carried, row);
        }
        Object result = switch (column.type()) {
            case BOOLEAN -> value instanceof Boolean ? value : null;
            case INTEGER -> value instanceof Long || value instanceof BigInteger ? value
                    : value instanceof Integer || value instanceof Short || value instanceof Byte
                    ? ((Number) value).longValue() : null;
            case DECIMAL -> value instanceof BigDecimal ? value : null;
            case DOUBLE -> value instanceof Double ? value
                    : value instanceof Float f ? RowDigest.floatAsDouble(f) : null;
            case TEXT, JSON -> value instanceof String ? value : null;
            case BINARY -> value instanceof byte[] ? value : null;
            case DATE -> value instanceof LocalDate ? value : null;
            case TIME -> value instanceof LocalTime ? value : null;
            case TIMESTAMP -> value instanceof LocalDateTime ? value : null;
            case TIMESTAMP_TZ -> value instanceof OffsetDateTime ? value : null;
            case UUID -> value instanceof UUID ? value : null;
        };
        if (result == null) {
            throw new IllegalArgumentException("table " + table + ", row " + row + ", column " + column.name()
                    + ": a " + column.type() + " column cannot hold a " + value.getClass().getName()
                    + "; convert the value to the class listed for " + column.type() + " on PortableType");
        }
        return result;
    }

    private CarriedValue normalizeCarried(DumpColumn column, CarriedValue carried, long row) {
        String where = "table " + table + ", row " + row + ", column " + column.name();
        if (formatVersion < 2) {
            throw new IllegalArgumentException(where + ": a carried " + carried.kind() + " value needs dump format version 2,"
                    + " this file is version " + formatVersion);
        }
        CarriedValue normal = CarriedValueJson.normalize(carried);
        if (normal == null) {
            throw new IllegalArgumentException(where + ": a carried " + carried.kind() + " value cannot be a "
                    + carried.value().getClass().getName() + "; see CarriedValue for the classes of each kind");
        }
        return normal;
    }

    private void writeValue(PortableType type, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        if (value instanceof CarriedValue carried) {
            CarriedValueJson.write(json, carried);
            return;
        }
        switch (type) {
            case BOOLEAN -> json.writeBoolean((Boolean) value);
            case INTEGER -> {
                if (value instanceof Long l) {
                    json.writeNumber(l);
                } else {
                    json.writeNumber((BigInteger) value);
                }
            }
            // a string, because JSON readers commonly turn numbers into doubles and lose digits
            case DECIMAL -> json.writeString(((BigDecimal) value).toPlainString());
            case DOUBLE -> {
                double d = (Double) value;
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    json.writeString(Double.toString(d)); // "NaN", "Infinity", "-Infinity"
                } else {
                    json.writeNumber(d);
                }
            }
            case TEXT, JSON -> json.writeString((String) value);
            case BINARY -> DumpJson.writeBase64(json, (byte[]) value);
            // ISO text needs no escaping: written from bytes, without a String between
            case DATE -> writeAscii(Iso8601.appendDate(scratch, 0, (LocalDate) value), value);
            case TIME -> writeAscii(Iso8601.appendTime(scratch, 0, (LocalTime) value), value);
            case TIMESTAMP -> writeAscii(Iso8601.appendDateTime(scratch, 0, (LocalDateTime) value), value);
            case TIMESTAMP_TZ -> json.writeString(Iso8601.format((OffsetDateTime) value));
            case UUID -> json.writeString(value.toString());
        }
    }

    /** The {@code end} bytes of {@link #scratch} as a JSON string, or {@code value} formatted the slow way where end is -1. */
    private void writeAscii(int end, Object value) throws IOException {
        if (end >= 0) {
            json.writeRawUTF8String(scratch, 0, end);
        } else if (value instanceof LocalDate d) {
            json.writeString(Iso8601.format(d));
        } else {
            json.writeString(Iso8601.format((LocalDateTime) value));
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the dump writer is closed");
        }
    }

    private void ensureInTable() {
        ensureOpen();
        if (table == null) {
            throw new IllegalStateException("no table is open: call beginTable() first");
        }
    }
}
