package io.dbferry.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * dbferry's one {@link ObjectMapper}, configured once: java.time values as ISO-8601 strings, never epoch
 * numbers. The small JSON files (the import journal, the backup manifest) and the shell's
 * {@code --format json} output all go through it; only the dump's streaming reader and writer have
 * their own factory, tuned for size. It is handed out as immutable readers and writers, so no caller
 * can change what the others get.
 */
public final class JsonMapping {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();

    private JsonMapping() {
    }

    /** Compact JSON. */
    public static ObjectWriter writer() {
        return MAPPER.writer();
    }

    /** Indented JSON, for files and output a person reads. */
    public static ObjectWriter prettyWriter() {
        return MAPPER.writerWithDefaultPrettyPrinter();
    }

    public static ObjectReader reader() {
        return MAPPER.reader();
    }
}
