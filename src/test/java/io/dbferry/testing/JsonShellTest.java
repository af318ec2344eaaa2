package io.dbferry.testing;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A test class of --format json commands: one {@link JsonShell} (the real context) for the class, in a
 * temporary folder. A subclass's own {@code @BeforeAll} runs after this one's, with {@link #shell} ready.
 */
public abstract class JsonShellTest {

    @TempDir
    protected static Path tmp;

    protected static JsonShell shell;

    @BeforeAll
    static void startShell() {
        shell = JsonShell.start(tmp);
    }

    @AfterAll
    static void stopShell() {
        if (shell != null) {
            shell.close();
        }
    }

    /** The element of a JSON array whose {@code name} (or {@code table}) is {@code name}. */
    protected static JsonNode find(JsonNode array, String name) {
        for (JsonNode n : array) {
            JsonNode field = n.has("name") ? n.get("name") : n.get("table");
            if (field != null && field.asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no " + name + " in " + array);
    }

    /** The array's elements as text, or each element's {@code field} when it is not null. */
    protected static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(field == null ? n.asText() : n.get(field).asText()));
        return values;
    }
}
