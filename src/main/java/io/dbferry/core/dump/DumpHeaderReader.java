package io.dbferry.core.dump;

import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import static io.dbferry.core.dump.DumpParser.EXPORT_AGAIN;

/** The top of a dump up to its "tables" array: format, version and header, each checked. */
final class DumpHeaderReader {

        private static final List<String> SOURCE_FIELDS = List.of("engine", "version", "database", "schemaVersion");

    private DumpHeaderReader() {
    }

    /** Reads up to and including the opening of the "tables" array. */
    static DumpHeader read(DumpParser p) throws IOException {
        if (p.json.nextToken() != JsonToken.START_OBJECT) {
            throw p.fail("it does not start with a JSON object, so it is not a dbferry dump",
                    "check the file name, or export the data again with dbferry");
        }
        String format = null;
        Integer version = null;
        DumpHeader fields = null;
        while (true) {
            String field = p.nextFieldName("the top level of the file");
            if (field == null) {
                throw p.fail("the file has no \"tables\" section", EXPORT_AGAIN);
            }
            switch (field) {
                case "format" -> {
                    format = p.readNullableString(field);
                    if (!DumpHeader.FORMAT.equals(format)) {
                        throw p.fail("this is not a dbferry dump: its format is \"" + format + "\", not \""
                                + DumpHeader.FORMAT + "\"", "check that you gave the right file");
                    }
                }
                case "version" -> {
                    if (p.json.nextToken() != JsonToken.VALUE_NUMBER_INT) {
                        throw p.fail("the format version is not a whole number", EXPORT_AGAIN);
                    }
                    version = p.json.getIntValue();
                    if (version < DumpHeader.OLDEST_VERSION || version > DumpHeader.CURRENT_VERSION) {
                        throw p.fail("the file is dump format version " + version + ", but this dbferry reads format versions "
                                + DumpHeader.OLDEST_VERSION + " to " + DumpHeader.CURRENT_VERSION + " only",
                                "use a newer dbferry to read it");
                    }
                    p.formatVersion = version;
                }
                case "header" -> fields = readHeaderObject(p);
                case "tables" -> {
                    if (format == null || version == null) {
                        throw p.fail("this is not a dbferry dump: \"format\" and \"version\" are missing before \"tables\"",
                                "check that you gave the right file");
                    }
                    if (p.json.nextToken() != JsonToken.START_ARRAY) {
                        throw p.fail("\"tables\" is not a JSON array", EXPORT_AGAIN);
                    }
                    return fields == null ? new DumpHeader(version, null, null, null, null, null, null)
                            : new DumpHeader(version, fields.toolVersion(), fields.createdAt(), fields.sourceEngine(),
                            fields.sourceVersion(), fields.sourceDatabase(), fields.schemaVersion());
                }
                default -> p.skipValue();
            }
        }
    }

    private static DumpHeader readHeaderObject(DumpParser p) throws IOException {
        p.expect(JsonToken.START_OBJECT, "the header");
        String toolVersion = null;
        Instant createdAt = null;
        String[] source = new String[SOURCE_FIELDS.size()];
        String field;
        while ((field = p.nextFieldName("the header")) != null) {
            switch (field) {
                case "toolVersion" -> toolVersion = p.readNullableString(field);
                case "createdAt" -> {
                    String text = p.readNullableString(field);
                    try {
                        createdAt = text == null ? null : Instant.parse(text);
                    } catch (DateTimeParseException e) {
                        throw p.fail("the header's createdAt \"" + text + "\" is not an ISO-8601 instant", EXPORT_AGAIN);
                    }
                }
                case "source" -> {
                    p.expect(JsonToken.START_OBJECT, "the header's source");
                    String sourceField;
                    while ((sourceField = p.nextFieldName("the header's source")) != null) {
                        int index = SOURCE_FIELDS.indexOf(sourceField);
                        if (index < 0) {
                            p.skipValue();
                        } else {
                            source[index] = p.readNullableString(sourceField);
                        }
                    }
                }
                default -> p.skipValue();
            }
        }
        return new DumpHeader(DumpHeader.CURRENT_VERSION, toolVersion, createdAt, source[0], source[1], source[2], source[3]);
    }
}
