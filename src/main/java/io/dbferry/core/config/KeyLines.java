package io.dbferry.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers the line of every key as the YAML parser reads it. Jackson binds records through a buffer
 * of tokens, so the location in its exceptions is where reading stopped, not where the key is.
 */
final class KeyLines extends JsonParserDelegate {

    private final Map<String, Integer> lines = new HashMap<>();

    KeyLines(JsonParser parser) {
        super(parser);
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken token = super.nextToken();
        if (token == JsonToken.FIELD_NAME) {
            lines.putIfAbsent(path(getParsingContext()), getTokenLocation().getLineNr());
        }
        return token;
    }

    /** The line of the key at {@code path} ("target.user"), or of its nearest parent; -1 if unknown. */
    int lineOf(String path) {
        for (String p = path; !p.isEmpty(); p = p.replaceFirst("(\\.|\\[)?[^.\\[]*$", "")) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
        }
        return -1;
    }

    /** "a.b[0].c", the form {@link DbferryConfig} names keys in. */
    static String path(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            parts.add(c.inArray() ? "[" + c.getCurrentIndex() + "]" : String.valueOf(c.getCurrentName()));
        }
        Collections.reverse(parts);
        return String.join(".", parts).replace(".[", "[");
    }
}
