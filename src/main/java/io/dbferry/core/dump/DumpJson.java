package io.dbferry.core.dump;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteContext;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;

/** Jackson set-up shared by {@link DumpWriter} and {@link DumpReader}. */
final class DumpJson {

    static final int BUFFER_SIZE = 1 << 16;

    /** Text and binary values can be far larger than Jackson's default 20M-character limit. */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private DumpJson() {
    }

    /**
     * {@code bytes} as a JSON string of standard base64 with padding, what {@link JsonGenerator#writeBinary(byte[])}
     * writes with Jackson's default variant, through the JDK's encoder (vectorised; Jackson's loop was a tenth of
     * the writing thread's samples).
     */
    static void writeBase64(JsonGenerator json, byte[] bytes) throws IOException {
        byte[] text = Base64.getEncoder().encode(bytes);
        json.writeRawUTF8String(text, 0, text.length);
    }

    static boolean isGzip(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    /**
     * Compact JSON, but each table and each row starts on its own line, so a dump can be looked at
     * with {@code zcat | head} and compared with line-based tools.
     */
    static final class RowPerLinePrinter extends MinimalPrettyPrinter {

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            if (isRowsOrTables(g)) {
                g.writeRaw('\n');
            }
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            if (isRowsOrTables(g)) {
                g.writeRaw('\n');
            }
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
            if (nrOfValues > 0 && isRowsOrTables(g)) {
                g.writeRaw('\n');
            }
            g.writeRaw(']');
        }

        private static boolean isRowsOrTables(JsonGenerator g) {
            JsonWriteContext array = (JsonWriteContext) g.getOutputContext();
            JsonWriteContext parent = array.getParent();
            if (parent == null || !parent.inObject()) {
                return false;
            }
            String field = parent.getCurrentName();
            return "rows".equals(field) || "tables".equals(field);
        }
    }
}
