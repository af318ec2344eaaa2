package io.dbferry.core.dump;

import io.dbferry.core.model.CarriedValue;
import io.dbferry.core.model.PortableType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DumpWriterTest {

    private static final List<DumpColumn> COLUMNS = List.of(
            new DumpColumn("id", PortableType.INTEGER, null, false, true),
            new DumpColumn("price", PortableType.DECIMAL, null, true, false));

    @Test
    void valueOfTheWrongClassIsRejectedNamingTableRowAndColumn() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DumpWriter writer = DumpWriter.create(out, DumpRoundTripTest.HEADER)) {
            writer.beginTable("part", COLUMNS);
            writer.writeRow(new Object[]{1L, null});
            assertThatThrownBy(() -> writer.writeRow(new Object[]{2L, 1.5d}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("table part, row 2, column price")
                    .hasMessageContaining("java.lang.Double");
            assertThatThrownBy(() -> writer.writeRow(new Object[]{"3", null}))
                    .hasMessageContaining("column id");
            assertThatThrownBy(() -> writer.writeRow(new Object[]{3L}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1 values given for 2 columns");
            TableTrailer trailer = writer.endTable();
            assertThat(trailer.rowCount()).isEqualTo(1);
        }
        // rejected rows left nothing behind: the file is valid and holds the one good row
        try (DumpReader reader = DumpReader.open(new java.io.ByteArrayInputStream(out.toByteArray()), "mem")) {
            reader.nextTable();
            assertThat(reader.nextRow()).containsExactly(1L, null);
            assertThat(reader.nextRow()).isNull();
        }
    }

    @Test
    void callsOutOfOrderAreRejected() throws Exception {
        DumpWriter writer = DumpWriter.create(new ByteArrayOutputStream(), DumpRoundTripTest.HEADER);
        assertThatThrownBy(() -> writer.writeRow(new Object[]{1L, null})).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(writer::endTable).isInstanceOf(IllegalStateException.class);
        writer.beginTable("a", COLUMNS);
        assertThatThrownBy(() -> writer.beginTable("b", COLUMNS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("table a is still open");
        writer.endTable();
        writer.close();
        assertThatThrownBy(() -> writer.beginTable("c", COLUMNS)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyKnownFormatVersionsCanBeWritten() {
        DumpHeader future = new DumpHeader(3, "9.9", Instant.EPOCH, "SQLite", "3", "db", null);
        assertThatThrownBy(() -> DumpWriter.create(new ByteArrayOutputStream(), future))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 3");
    }

    /** Binary values and dates go out as bytes of their own (base64 by the JDK's encoder): the text must stay Jackson's. */
    @Test
    void binaryAndTemporalValuesAreWrittenAsJacksonWroteThem() throws Exception {
        List<DumpColumn> columns = List.of(new DumpColumn("b", PortableType.BINARY, null, true, false),
                new DumpColumn("d", PortableType.DATE, null, true, false),
                new DumpColumn("t", PortableType.TIME, null, true, false),
                new DumpColumn("ts", PortableType.TIMESTAMP, null, true, false),
                new DumpColumn("c", PortableType.TEXT, null, true, false));
        java.util.Random random = new java.util.Random(16);
        List<Object[]> rows = new java.util.ArrayList<>();
        LocalDate[] dates = {LocalDate.of(2024, 2, 29), LocalDate.of(10000, 1, 1), LocalDate.of(-1, 12, 31), LocalDate.of(0, 1, 1)};
        LocalTime[] times = {LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59, 999_999_999), LocalTime.of(8, 0, 0, 500_000_000)};
        for (int length : new int[]{0, 1, 2, 3, 4, 5, 6, 57, 58, 59, 60, 8000, 70_001}) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            LocalDate date = dates[rows.size() % dates.length];
            LocalTime time = times[rows.size() % times.length];
            rows.add(new Object[]{bytes, date, time, LocalDateTime.of(date, time),
                    new CarriedValue(CarriedValue.Kind.BLOB, bytes)});
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DumpHeader v2 = new DumpHeader(2, "0.1.0", Instant.EPOCH, "SQLite", "3", "db", null);
        try (DumpWriter writer = DumpWriter.create(out, v2)) {
            writer.beginTable("v", columns);
            for (Object[] row : rows) {
                writer.writeRow(row);
            }
            writer.endTable();
        }
        String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        String written = text.substring(text.indexOf("\"rows\":[\n") + 9, text.indexOf("\n],\"rowCount\""));

        java.io.StringWriter expected = new java.io.StringWriter();
        try (com.fasterxml.jackson.core.JsonGenerator json = new com.fasterxml.jackson.core.JsonFactory().createGenerator(expected)) {
            json.setRootValueSeparator(null);
            for (Object[] row : rows) {
                if (expected.getBuffer().length() > 0) {
                    json.writeRaw(",\n");
                }
                json.writeStartArray();
                json.writeBinary((byte[]) row[0]);
                json.writeString(Iso8601.format((LocalDate) row[1]));
                json.writeString(Iso8601.format((LocalTime) row[2]));
                json.writeString(Iso8601.format((LocalDateTime) row[3]));
                json.writeStartObject();
                json.writeBinaryField("blob", (byte[]) row[0]);
                json.writeEndObject();
                json.writeEndArray();
                json.flush();
            }
        }
        assertThat(written).isEqualTo(expected.toString());
    }
}
