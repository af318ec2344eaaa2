package io.dbferry.core.encoding;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.dialect.Excerpt;
import io.dbferry.core.dialect.TargetFit.Change;
import io.dbferry.core.model.CarriedValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every value a {@code --convert} rule changes, as fix-encoding's OUT.changes.json lists its changes: one JSON
 * array of {table, key, column, rule, reason, before, after}, written as the check pass finds them.
 */
final class ChangeLog implements AutoCloseable {

    private final Path file;
    private final JsonGenerator json;
    private long count;

    ChangeLog(Path file) {
        this.file = file;
        try {
            json = new JsonFactory().createGenerator(Files.newOutputStream(file), JsonEncoding.UTF8);
            json.useDefaultPrettyPrinter();
            json.writeStartArray();
        } catch (IOException e) {
            throw new DbferryException(Kind.FILE, Where.NOWHERE, "Cannot write the changes report " + file + ": " + e.getMessage(),
                    "Check that the dump's folder is writable.", e);
        }
    }

    synchronized void write(String table, String key, String column, Object before, Change change) {
        try {
            json.writeStartObject();
            json.writeStringField("table", table);
            json.writeStringField("key", key);
            json.writeStringField("column", column);
            json.writeStringField("rule", change.rule().operatorName());
            json.writeStringField("reason", change.reason().name().toLowerCase(java.util.Locale.ROOT));
            Object shown = before instanceof CarriedValue carried ? carried.value() : before;
            json.writeStringField("before", shown instanceof byte[] ? Excerpt.of(shown, Integer.MAX_VALUE) : String.valueOf(shown));
            if (change.to() == null) {
                json.writeNullField("after");
            } else {
                json.writeStringField("after", change.to().toString());
            }
            json.writeEndObject();
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A text value fix-encoding's strategies changed ({@code rules}: their names, as fix-encoding lists them). */
    synchronized void writeText(String table, String key, String column, String rules, String before, String after) {
        try {
            json.writeStartObject();
            json.writeStringField("table", table);
            json.writeStringField("key", key);
            json.writeStringField("column", column);
            json.writeStringField("rule", rules);
            json.writeStringField("reason", "encoding");
            json.writeStringField("before", before);
            json.writeStringField("after", after);
            json.writeEndObject();
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path file() {
        return file;
    }

    long count() {
        return count;
    }

    @Override
    public void close() {
        try {
            if (!json.isClosed()) {
                json.writeEndArray();
                json.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
