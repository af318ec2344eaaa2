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

    /**
     * Writes {@code value} as indented JSON to {@code file} in place of what it held: into {@code FILE.tmp} beside it,
     * then renamed over it atomically, so a reader (or a crash) sees the old file or the new one, never half of one.
     */
    public static void writeReplacing(java.nio.file.Path file, Object value) throws java.io.IOException {
        java.nio.file.Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        prettyWriter().writeValue(tmp.toFile(), value);
        java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
