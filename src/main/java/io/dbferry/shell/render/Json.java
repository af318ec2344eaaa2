package io.dbferry.shell.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbferry.core.JsonMapping;

/**
 * {@code --format json} output, indented, through dbferry's one mapper ({@link JsonMapping}): instants and
 * dates as ISO-8601 strings; the output records give durations as seconds.
 */
public final class Json {

    private Json() {
    }

    public static String write(Object value) {
        try {
            return JsonMapping.prettyWriter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** A document this class wrote, read back to be embedded in another (a failed command's result). */
    static JsonNode read(String json) throws JsonProcessingException {
        return JsonMapping.reader().readTree(json);
    }
}
