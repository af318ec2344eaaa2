package io.dbferry.core.dump;

import io.dbferry.core.model.PortableType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class DumpRoundTripTest {

    static final DumpHeader HEADER = new DumpHeader(1, "0.1.0", Instant.parse("2024-05-01T10:15:30.123Z"),
            "SQLite", "3.54.1", "inventory.sqlite3", "42");

    /** Edge values per type; each is written in a one-column table, one value per row, and must come back equal. */
    static Map<PortableType, List<Object>> edgeValues() {
        byte[] allBytes = new byte[256];
        for (int i = 0; i < 256; i++) {
            allBytes[i] = (byte) i;
        }
        StringBuilder big = new StringBuilder();
        while (big.length() < 300_000) {
            big.append("Łódź 😀 \"q\" \\ ").append(big.length()).append('\n');
        }
        Map<PortableType, List<Object>> values = new LinkedHashMap<>();
        values.put(PortableType.BOOLEAN, List.of(true, false));
        values.put(PortableType.INTEGER, List.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 9_007_199_254_740_993L,
                BigInteger.TWO.pow(63), BigInteger.TWO.pow(64).subtract(BigInteger.ONE), BigInteger.TWO.pow(63).negate().subtract(BigInteger.ONE)));
        values.put(PortableType.DECIMAL, List.of(new BigDecimal("12.50"), new BigDecimal("0.00"), new BigDecimal("-0.001"),
                new BigDecimal("123456789012345678901234567890.12345678"), new BigDecimal("-99999999999999999999999999999999999999"),
                new BigDecimal("0.00000000000000000001")));
        values.put(PortableType.DOUBLE, List.of(0.0, -0.0, 0.1, 0.99, -1.5, 2e-3, Math.PI, 1e300, Double.MIN_VALUE,
                Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 9.007199254740993E15));
        values.put(PortableType.TEXT, List.of("", "plain", "😀 𝄞 four-byte", "nul\u0000inside", "cr\rlf\ncrlf\r\n",
                "\"quotes\" \\back\\ \t tab \u001f \u2028 \uFFFF", big.toString()));
        values.put(PortableType.BINARY, List.of(allBytes, new byte[0], "hello".getBytes(StandardCharsets.UTF_8)));
        values.put(PortableType.DATE, List.of(LocalDate.of(2024, 2, 29), LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31)));
        values.put(PortableType.TIME, List.of(LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59, 999_999_999),
                LocalTime.of(12, 34, 56, 100_000_000), LocalTime.of(8, 0)));
        values.put(PortableType.TIMESTAMP, List.of(LocalDateTime.of(2024, 1, 1, 0, 0),
                LocalDateTime.of(2024, 6, 30, 23, 59, 59, 123_456_789), LocalDateTime.of(1970, 1, 1, 0, 0, 0, 1)));
        values.put(PortableType.TIMESTAMP_TZ, List.of(OffsetDateTime.of(2024, 3, 10, 2, 30, 0, 0, ZoneOffset.ofHoursMinutes(5, 30)),
                OffsetDateTime.of(2024, 3, 10, 2, 30, 0, 1, ZoneOffset.UTC),
                OffsetDateTime.of(1999, 12, 31, 23, 59, 59, 999_000_000, ZoneOffset.ofHours(-8))));
        values.put(PortableType.JSON, List.of("{\"b\": 1,  \"a\": [1, 2.50, \"x\"]}", "[]", "\"just a string\"", "null"));
        values.put(PortableType.UUID, List.of(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), new UUID(0, 0),
                new UUID(-1, -1)));
        return values;
    }

    @ParameterizedTest
    @ValueSource(strings = {"data.json", "data.json.gz"})
    void everyTypeRoundTripsWithEdgeValues(String fileName, @TempDir Path dir) throws Exception {
        Path file = dir.resolve(fileName);
        Map<PortableType, List<Object>> values = edgeValues();
        Map<String, TableTrailer> written = new LinkedHashMap<>();
        try (DumpWriter writer = DumpWriter.create(file, HEADER)) {
            for (var e : values.entrySet()) {
                String table = "t_" + e.getKey().name().toLowerCase();
                writer.beginTable(table, List.of(new DumpColumn("v", e.getKey(), "src " + e.getKey(), true, false),
                        new DumpColumn("id", PortableType.INTEGER, "integer", false, true)));
                long id = 0;
                for (Object v : e.getValue()) {
                    writer.writeRow(new Object[]{v, ++id});
                }
                writer.writeRow(new Object[]{null, ++id});
                written.put(table, writer.endTable());
            }
        }

        try (DumpReader reader = DumpReader.open(file)) {
            assertThat(reader.header()).isEqualTo(HEADER);
            for (var e : values.entrySet()) {
                DumpTable table = reader.nextTable();
                assertThat(table.name()).isEqualTo("t_" + e.getKey().name().toLowerCase());
                assertThat(table.columns()).containsExactly(
                        new DumpColumn("v", e.getKey(), "src " + e.getKey(), true, false),
                        new DumpColumn("id", PortableType.INTEGER, "integer", false, true));
                List<Object> read = new ArrayList<>();
                Object[] row;
                while ((row = reader.nextRow()) != null) {
                    assertThat(row[1]).isEqualTo(reader.rowNumber());
                    read.add(row[0]);
                }
                List<Object> expected = new ArrayList<>(e.getValue());
                expected.add(null);
                assertThat(read).as(e.getKey().name()).hasSize(expected.size());
                for (int i = 0; i < expected.size(); i++) {
                    assertThat(read.get(i)).as("%s value %d", e.getKey(), i).isEqualTo(expected.get(i));
                    if (expected.get(i) != null) {
                        assertThat(read.get(i)).hasSameClassAs(expected.get(i));
                    }
                }
                assertThat(reader.trailer()).isEqualTo(written.get(table.name()));
                assertThat(reader.trailer().rowCount()).isEqualTo(expected.size());
            }
            assertThat(reader.nextTable()).isNull();
            assertThat(reader.nextTable()).isNull();
        }
        if (fileName.endsWith(".gz")) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                assertThat(new String(in.readNBytes(30), StandardCharsets.UTF_8)).startsWith("{\"format\":\"dbferry-dump\"");
            }
        } else {
            assertThat(Files.readString(file)).startsWith("{\"format\":\"dbferry-dump\"");
        }
    }

    @Test
    void widerJavaClassesAreAcceptedAndReadBackInTheDocumentedClass() throws Exception {
        List<DumpColumn> columns = List.of(new DumpColumn("i", PortableType.INTEGER, null, true, false),
                new DumpColumn("s", PortableType.INTEGER, null, true, false),
                new DumpColumn("b", PortableType.INTEGER, null, true, false),
                new DumpColumn("big", PortableType.INTEGER, null, true, false),
                new DumpColumn("f", PortableType.DOUBLE, null, true, false),
                new DumpColumn("fnan", PortableType.DOUBLE, null, true, false));
        Object[] row = {7, (short) -3, (byte) 127, BigInteger.valueOf(5), 0.1f, Float.NaN};

        Object[] read = roundTripOneRow(columns, row);

        assertThat(read).containsExactly(7L, -3L, 127L, 5L, 0.1d, Double.NaN);
    }

    @Test
    void valuesAreEncodedAsDocumented() throws Exception {
        List<DumpColumn> columns = List.of(new DumpColumn("id", PortableType.INTEGER, "bigint unsigned", false, true),
                new DumpColumn("price", PortableType.DECIMAL, "decimal(10,2)", true, false),
                new DumpColumn("ratio", PortableType.DOUBLE, "double", true, false),
                new DumpColumn("blob", PortableType.BINARY, "blob", true, false),
                new DumpColumn("at", PortableType.TIMESTAMP_TZ, "timestamptz", true, false),
                new DumpColumn("t", PortableType.TIME, "time", true, false));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TableTrailer trailer;
        try (DumpWriter writer = DumpWriter.create(out, HEADER)) {
            writer.beginTable("part", columns);
            writer.writeRow(new Object[]{new BigInteger("18446744073709551615"), new BigDecimal("12.50"), -0.0,
                    new byte[]{1, 2, (byte) 0xff}, OffsetDateTime.parse("2024-05-01T12:00:00.5+02:00"), LocalTime.of(8, 0)});
            writer.writeRow(new Object[]{1L, null, Double.NaN, new byte[0], null, null});
            trailer = writer.endTable();
        }

        String expected = """
                {"format":"dbferry-dump","version":1,"header":{"toolVersion":"0.1.0","createdAt":"2024-05-01T10:15:30.123Z",\
                "source":{"engine":"SQLite","version":"3.54.1","database":"inventory.sqlite3","schemaVersion":"42"}},"tables":[
                {"name":"part","columns":[{"name":"id","type":"INTEGER","sourceType":"bigint unsigned","nullable":false,"primaryKey":true},\
                {"name":"price","type":"DECIMAL","sourceType":"decimal(10,2)","nullable":true,"primaryKey":false},\
                {"name":"ratio","type":"DOUBLE","sourceType":"double","nullable":true,"primaryKey":false},\
                {"name":"blob","type":"BINARY","sourceType":"blob","nullable":true,"primaryKey":false},\
                {"name":"at","type":"TIMESTAMP_TZ","sourceType":"timestamptz","nullable":true,"primaryKey":false},\
                {"name":"t","type":"TIME","sourceType":"time","nullable":true,"primaryKey":false}],"rows":[
                [18446744073709551615,"12.50",-0.0,"AQL/","2024-05-01T12:00:00.5+02:00","08:00:00"],
                [1,null,"NaN","",null,null]
                ],"rowCount":2,"sha256":"%s"}
                ]}
                """.formatted(trailer.sha256());
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
        // the same checksum is shown in docs/dump-format.md
        assertThat(trailer.sha256()).isEqualTo("e37488f94f95a28ccd2b6cc9d1d0c89d0461d02c05134bc56f7bb63883eca593");
    }

    @Test
    void emptyTablesAndEmptyDumpsRoundTrip() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DumpWriter writer = DumpWriter.create(out, HEADER)) {
            writer.beginTable("empty", List.of(new DumpColumn("id", PortableType.INTEGER, null, false, true)));
            assertThat(writer.endTable()).isEqualTo(new TableTrailer(0, new RowDigest(List.of(PortableType.INTEGER)).finishHex()));
        }
        try (DumpReader reader = DumpReader.open(new ByteArrayInputStream(out.toByteArray()), "mem")) {
            assertThat(reader.nextTable().name()).isEqualTo("empty");
            assertThat(reader.nextRow()).isNull();
            assertThat(reader.rowNumber()).isZero();
            assertThat(reader.trailer().rowCount()).isZero();
            assertThat(reader.nextTable()).isNull();
        }

        ByteArrayOutputStream none = new ByteArrayOutputStream();
        DumpHeader minimal = new DumpHeader(1, "0.1.0", Instant.EPOCH, "PostgreSQL", "16.2", "app", null);
        DumpWriter.create(none, minimal).close();
        try (DumpReader reader = DumpReader.open(new ByteArrayInputStream(none.toByteArray()), "mem")) {
            assertThat(reader.header()).isEqualTo(minimal);
            assertThat(reader.nextTable()).isNull();
        }
    }

    @Test
    void nextTableSkipsTheRestOfAPartlyReadTable() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<DumpColumn> columns = List.of(new DumpColumn("id", PortableType.INTEGER, null, false, true));
        try (DumpWriter writer = DumpWriter.create(out, HEADER)) {
            for (String table : List.of("a", "b", "c")) {
                writer.beginTable(table, columns);
                for (long i = 1; i <= 5; i++) {
                    writer.writeRow(new Object[]{i});
                }
                writer.endTable();
            }
        }
        try (DumpReader reader = DumpReader.open(new ByteArrayInputStream(out.toByteArray()), "mem")) {
            assertThat(reader.nextTable().name()).isEqualTo("a");
            assertThat(reader.nextRow()).containsExactly(1L);
            assertThat(reader.nextRow()).containsExactly(2L);
            assertThat(reader.rowNumber()).isEqualTo(2);
            assertThat(reader.trailer()).isNull();
            assertThat(reader.nextTable().name()).isEqualTo("b");
            assertThat(reader.rowNumber()).isZero();
            assertThat(reader.nextTable().name()).isEqualTo("c");
            assertThat(reader.nextRow()).containsExactly(1L);
            assertThat(reader.nextTable()).isNull();
        }
    }

    static Object[] roundTripOneRow(List<DumpColumn> columns, Object[] row) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DumpWriter writer = DumpWriter.create(out, HEADER)) {
            writer.beginTable("t", columns);
            writer.writeRow(row);
            writer.endTable();
        }
        try (DumpReader reader = DumpReader.open(new ByteArrayInputStream(out.toByteArray()), "mem")) {
            reader.nextTable();
            Object[] read = reader.nextRow();
            assertThat(reader.nextRow()).isNull();
            return Arrays.copyOf(read, read.length);
        }
    }
}
