package io.dbferry.core.dump;

import io.dbferry.core.model.CarriedValue;
import io.dbferry.core.model.CarriedValue.Kind;
import io.dbferry.core.model.PortableType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Format version 2: a value with its own kind travels as a one-key object and comes back as the same CarriedValue. */
class CarriedValueDumpTest {

    private static final DumpHeader V2 = new DumpHeader(2, "0.1.0", Instant.parse("2024-05-01T10:15:30.123Z"),
            "SQLite", "3.54.1", "app.sqlite3", null);
    private static final List<DumpColumn> COLUMNS = List.of(
            new DumpColumn("id", PortableType.INTEGER, "INTEGER", false, true),
            new DumpColumn("v", PortableType.DATE, "DATE", true, false));

    private static final List<Object> CARRIED = List.of(
            new CarriedValue(Kind.TEXT, "0000-00-00"),
            new CarriedValue(Kind.INTEGER, 1_700_000_000L),
            new CarriedValue(Kind.INTEGER, new BigInteger("18446744073709551615")),
            new CarriedValue(Kind.REAL, 2460000.5),
            new CarriedValue(Kind.REAL, Double.NaN),
            new CarriedValue(Kind.REAL, Double.NEGATIVE_INFINITY),
            new CarriedValue(Kind.REAL, -0.0),
            new CarriedValue(Kind.BLOB, new byte[]{1, 2}),
            new CarriedValue(Kind.BLOB, new byte[0]),
            new CarriedValue(Kind.TEXT_BYTES, new byte[]{(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}),
            new CarriedValue(Kind.TEXT, ""),
            new CarriedValue(Kind.TEXT, "a\u0000b"),
            LocalDate.of(2016, 7, 4));

    private static byte[] write(DumpHeader header, List<Object> values) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DumpWriter writer = DumpWriter.create(out, header)) {
            writer.beginTable("dates", COLUMNS);
            long id = 1;
            for (Object value : values) {
                writer.writeRow(new Object[]{id++, value});
            }
            writer.writeRow(new Object[]{id, null});
            writer.endTable();
        }
        return out.toByteArray();
    }

    private static List<Object> read(byte[] dump) throws IOException {
        List<Object> values = new ArrayList<>();
        try (DumpReader reader = DumpReader.open(new ByteArrayInputStream(dump), "mem")) {
            assertThat(reader.header().formatVersion()).isEqualTo(2);
            reader.nextTable();
            Object[] row;
            while ((row = reader.nextRow()) != null) {
                values.add(row[1]);
            }
        }
        return values;
    }

    @Test
    void everyKindComesBackAsTheSameCarriedValue() throws IOException {
        List<Object> expected = new ArrayList<>(CARRIED);
        expected.add(null);
        List<Object> back = read(write(V2, CARRIED));
        assertThat(back).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(back.get(i)).as("value %d", i).isEqualTo(expected.get(i));
        }
        assertThat(((CarriedValue) back.get(6)).value()).isEqualTo(-0.0); // the sign of zero kept
        assertThat(((CarriedValue) back.get(1)).value()).isInstanceOf(Long.class);
    }

    @Test
    void carriedValuesAreOneKeyObjectsNamingTheirKind() throws IOException {
        String text = new String(write(V2, CARRIED), StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\"format\":\"dbferry-dump\",\"version\":2,")
                .contains("[1,{\"text\":\"0000-00-00\"}]", "[2,{\"integer\":1700000000}]",
                        "[3,{\"integer\":18446744073709551615}]", "[4,{\"real\":2460000.5}]", "[5,{\"real\":\"NaN\"}]",
                        "[6,{\"real\":\"-Infinity\"}]", "[7,{\"real\":-0.0}]", "[8,{\"blob\":\"AQI=\"}]", "[9,{\"blob\":\"\"}]",
                        "[10,{\"text_bytes\":\"3q2+7w==\"}]", "[11,{\"text\":\"\"}]", "[12,{\"text\":\"a\\u0000b\"}]",
                        "[13,\"2016-07-04\"]", "[14,null]");
    }

    @Test
    void aCarriedValueHashesApartFromATypedValueOfTheSameText() {
        List<PortableType> text = List.of(PortableType.TEXT);
        assertThat(digest(text, "5")).isNotEqualTo(digest(text, new CarriedValue(Kind.TEXT, "5")));
        assertThat(digest(text, 5L)).isNotEqualTo(digest(text, new CarriedValue(Kind.INTEGER, 5L)));
        assertThat(digest(text, new CarriedValue(Kind.BLOB, new byte[]{0x35})))
                .isNotEqualTo(digest(text, new CarriedValue(Kind.TEXT_BYTES, new byte[]{0x35})))
                .isNotEqualTo(digest(text, new byte[]{0x35}));
        assertThat(digest(text, new CarriedValue(Kind.INTEGER, 5L))).isEqualTo(digest(text, new CarriedValue(Kind.INTEGER, 5)));
        // what verify compares: a BLOB never equals the text of its hex, a carried text never the typed one
        assertThat(RowDigest.comparable(PortableType.TEXT, new byte[]{0x31})).isNotEqualTo(RowDigest.comparable(PortableType.TEXT, "31"));
        assertThat(RowDigest.comparable(PortableType.TEXT, new CarriedValue(Kind.TEXT, "x")))
                .isNotEqualTo(RowDigest.comparable(PortableType.TEXT, "x"));
        assertThat(RowDigest.comparable(PortableType.DECIMAL, new java.math.BigDecimal("1.50")))
                .isEqualTo(RowDigest.comparable(PortableType.DECIMAL, 1.5));
    }

    private static String digest(List<PortableType> types, Object value) {
        RowDigest digest = new RowDigest(types);
        digest.update(new Object[]{value});
        return digest.finishHex();
    }

    @Test
    void aVersionOneFileHoldsNoCarriedValue() throws IOException {
        DumpHeader v1 = new DumpHeader(1, "0.1.0", Instant.EPOCH, "SQLite", "3", "db", null);
        assertThatThrownBy(() -> write(v1, List.of(new CarriedValue(Kind.TEXT, "0000-00-00"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 2");
        byte[] v1Text = new String(write(V2, List.of(new CarriedValue(Kind.TEXT, "x"))), StandardCharsets.UTF_8)
                .replace("\"version\":2", "\"version\":1").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> readAny(v1Text)).isInstanceOf(DumpFormatException.class)
                .hasMessageContaining("row 1, column v").hasMessageContaining("version 1");
    }

    @Test
    void aDamagedCarriedValueIsNamedByRowAndColumn() throws IOException {
        String good = new String(write(V2, List.of(new CarriedValue(Kind.BLOB, new byte[]{1}))), StandardCharsets.UTF_8);
        for (String bad : List.of("{\"pebble\":1}", "{\"blob\":5}", "{}", "{\"integer\":1,\"text\":\"a\"}", "{\"real\":\"many\"}")) {
            byte[] damaged = good.replace("{\"blob\":\"AQ==\"}", bad).getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> readAny(damaged)).as(bad).isInstanceOf(DumpFormatException.class)
                    .hasMessageContaining("table dates, row 1, column v");
        }
    }

    private static void readAny(byte[] dump) throws IOException {
        try (DumpReader reader = DumpReader.open(new ByteArrayInputStream(dump), "mem")) {
            reader.nextTable();
            while (reader.nextRow() != null) {
                // every row read, so its values are decoded
            }
        }
    }
}
