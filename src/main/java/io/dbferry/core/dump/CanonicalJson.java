package io.dbferry.core.dump;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/** The canonical form of a JSON column's text for {@link RowDigest}. */
final class CanonicalJson {

    private static final ObjectMapper JSON_MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private CanonicalJson() {
    }

    /**
     * JSON with object keys sorted and no whitespace, numbers in canonical number form, so
     * PostgreSQL jsonb's and MySQL JSON's reordering and reformatting do not change it. Text that
     * is not valid JSON is kept as is: the verifier must still be able to compare it.
     */
    static String of(String text) {
        JsonNode node;
        try {
            node = JSON_MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return text;
        }
        if (node == null || node.isMissingNode()) {
            return text;
        }
        StringWriter out = new StringWriter(text.length());
        try (JsonGenerator g = JSON_MAPPER.getFactory().createGenerator(out)) {
            write(node, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void write(JsonNode node, JsonGenerator g) throws IOException {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                sorted.put(e.getKey(), e.getValue());
            }
            g.writeStartObject();
            for (var e : sorted.entrySet()) {
                g.writeFieldName(e.getKey());
                write(e.getValue(), g);
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode child : node) {
                write(child, g);
            }
            g.writeEndArray();
        } else if (node.isNumber()) {
            g.writeNumber(RowDigest.plain(node.decimalValue()));
        } else if (node.isTextual()) {
            g.writeString(node.textValue());
        } else if (node.isBoolean()) {
            g.writeBoolean(node.booleanValue());
        } else {
            g.writeNull();
        }
    }
}
