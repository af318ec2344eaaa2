package io.dbferry.core.dump;

import io.dbferry.core.model.PortableType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static io.dbferry.core.model.PortableType.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowDigestTest {

    private static String digest(List<PortableType> types, Object[]... rows) {
        RowDigest d = new RowDigest(types);
        for (Object[] row : rows) {
            d.update(row);
        }
        return d.finishHex();
    }

    private static String one(PortableType type, Object value) {
        return digest(List.of(type), new Object[]{value});
    }

    @Test
    void canonicalNumbersIgnoreClassAndTrailingZeros() {
        assertThat(RowDigest.canonical(DECIMAL, new BigDecimal("1.50"))).isEqualTo("1.5");
        assertThat(RowDigest.canonical(DECIMAL, new BigDecimal("2.00"))).isEqualTo("2");
        assertThat(RowDigest.canonical(DECIMAL, new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(RowDigest.canonical(DECIMAL, new BigDecimal("0.000"))).isEqualTo("0");
        assertThat(RowDigest.canonical(DOUBLE, 0.99d)).isEqualTo("0.99");
        assertThat(RowDigest.canonical(DOUBLE, 2e-3)).isEqualTo("0.002");
        assertThat(RowDigest.canonical(DOUBLE, 1e21)).isEqualTo("1000000000000000000000");
        assertThat(RowDigest.canonical(DOUBLE, 0.0d)).isEqualTo("0");
        assertThat(RowDigest.canonical(DOUBLE, -0.0d)).isEqualTo("-0");
        assertThat(RowDigest.canonical(DOUBLE, Double.NaN)).isEqualTo("NaN");
        assertThat(RowDigest.canonical(DOUBLE, Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(RowDigest.canonical(DOUBLE, Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
        assertThat(RowDigest.canonical(DOUBLE, 0.1f)).isEqualTo("0.1");
        assertThat(RowDigest.canonical(INTEGER, Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
        assertThat(RowDigest.canonical(INTEGER, new BigInteger("18446744073709551615"))).isEqualTo("18446744073709551615");
        assertThat(RowDigest.canonical(INTEGER, 0)).isEqualTo("0");
        assertThat(RowDigest.canonical(BOOLEAN, true)).isEqualTo("1");
        assertThat(RowDigest.canonical(BOOLEAN, false)).isEqualTo("0");
    }

    @Test
    void canonicalTextBinaryAndTemporalForms() {
        assertThat(RowDigest.canonical(TEXT, "Łódź 😀")).isEqualTo("Łódź 😀");
        assertThat(RowDigest.canonical(TEXT, "ABC")).isEqualTo("ABC");
        assertThat(RowDigest.canonical(UUID, "123E4567-E89B-12D3-A456-426614174000")).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
        assertThat(RowDigest.canonical(UUID, java.util.UUID.fromString("123E4567-E89B-12D3-A456-426614174000")))
                .isEqualTo("123e4567-e89b-12d3-a456-426614174000");
        assertThat(RowDigest.canonical(JSON, "{ \"b\" : [1, 2.50, {\"d\":null, \"c\":true}], \"a\": \"x\" }"))
                .isEqualTo("{\"a\":\"x\",\"b\":[1,2.5,{\"c\":true,\"d\":null}]}");
        assertThat(RowDigest.canonical(JSON, "not json {")).isEqualTo("not json {");
        assertThat(RowDigest.canonical(BINARY, new byte[]{0, 15, (byte) 0xff})).isEqualTo("000fff");
        assertThat(RowDigest.canonical(DATE, LocalDate.of(2024, 2, 9))).isEqualTo("2024-02-09");
        assertThat(RowDigest.canonical(TIME, LocalTime.of(8, 0))).isEqualTo("08:00:00");
        assertThat(RowDigest.canonical(TIME, LocalTime.of(8, 0, 1, 500_000_000))).isEqualTo("08:00:01.5");
        assertThat(RowDigest.canonical(TIMESTAMP, LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_789)))
                .isEqualTo("2024-01-02T03:04:05.123456789");
        assertThat(RowDigest.canonical(TIMESTAMP_TZ, OffsetDateTime.parse("2024-01-02T03:04:05.120+05:30")))
                .isEqualTo("2024-01-01T21:34:05.12Z");
        assertThat(RowDigest.canonical(TIMESTAMP_TZ, Instant.parse("2024-01-01T21:34:05.12Z"))).isEqualTo("2024-01-01T21:34:05.12Z");
        assertThat(RowDigest.canonical(TIMESTAMP, java.sql.Timestamp.valueOf(LocalDateTime.of(2024, 1, 2, 3, 4, 5))))
                .isEqualTo("2024-01-02T03:04:05");
        assertThat(RowDigest.canonical(TEXT, null)).isEqualTo("NULL");
    }

    @Test
    void equalDataInDifferentJavaClassesHashesEqual() {
        String one = one(INTEGER, 1L);
        assertThat(one(DECIMAL, new BigDecimal("1.00"))).isEqualTo(one);
        assertThat(one(INTEGER, 1)).isEqualTo(one);
        assertThat(one(INTEGER, BigInteger.ONE)).isEqualTo(one);
        assertThat(one(DOUBLE, 1.0d)).isEqualTo(one);
        assertThat(one(BOOLEAN, true)).isEqualTo(one);

        assertThat(one(DOUBLE, 0.99d)).isEqualTo(one(DECIMAL, new BigDecimal("0.99")));
        assertThat(one(DOUBLE, 0.1f)).isEqualTo(one(DOUBLE, 0.1d));
        assertThat(one(JSON, "{\"a\":1,\"b\":[true,null]}")).isEqualTo(one(JSON, "{\"b\": [true, null], \"a\": 1.0}"));
        assertThat(one(UUID, "ABCDEF00-0000-0000-0000-000000000001"))
                .isEqualTo(one(UUID, java.util.UUID.fromString("abcdef00-0000-0000-0000-000000000001")));
        assertThat(one(TIMESTAMP_TZ, OffsetDateTime.parse("2024-01-01T12:00:00+02:00")))
                .isEqualTo(one(TIMESTAMP_TZ, OffsetDateTime.parse("2024-01-01T10:00:00Z")));
        assertThat(one(TIMESTAMP, LocalDateTime.of(2024, 1, 1, 10, 0)))
                .isEqualTo(one(TIMESTAMP, java.sql.Timestamp.valueOf(LocalDateTime.of(2024, 1, 1, 10, 0))));
    }

    @Test
    void differentDataHashesDifferently() {
        assertThat(one(INTEGER, 1L)).isNotEqualTo(one(TEXT, "1"));
        assertThat(one(TEXT, null)).isNotEqualTo(one(TEXT, "NULL")).isNotEqualTo(one(TEXT, ""));
        assertThat(one(DOUBLE, -0.0d)).isNotEqualTo(one(DOUBLE, 0.0d));
        assertThat(one(JSON, "{\"a\":1}")).isNotEqualTo(one(JSON, "{\"a\":2}"));
        assertThat(one(TEXT, "{\"b\":1,\"a\":2}")).isNotEqualTo(one(TEXT, "{\"a\":2,\"b\":1}"));
        assertThat(one(TIMESTAMP, LocalDateTime.of(2024, 1, 1, 10, 0)))
                .isNotEqualTo(one(TIMESTAMP_TZ, OffsetDateTime.parse("2024-01-01T10:00:00Z")));
        assertThat(one(DATE, LocalDate.of(2024, 1, 1))).isNotEqualTo(one(TEXT, "2024-01-01"));
        assertThat(one(BINARY, new byte[]{0x61})).isNotEqualTo(one(TEXT, "61"));

        List<PortableType> two = List.of(TEXT, TEXT);
        assertThat(digest(two, new Object[]{"ab", "c"})).isNotEqualTo(digest(two, new Object[]{"a", "bc"}));
        List<PortableType> single = List.of(INTEGER);
        assertThat(digest(single, new Object[]{1L}, new Object[]{2L})).isNotEqualTo(digest(single, new Object[]{2L}, new Object[]{1L}));
        assertThat(digest(single, new Object[]{1L})).isNotEqualTo(digest(single, new Object[]{1L}, new Object[]{1L}));
    }

    /** Re-implements the framing documented in docs/dump-format.md, so a change to it cannot pass unnoticed. */
    @Test
    void digestFollowsTheDocumentedFraming() throws Exception {
        List<PortableType> types = List.of(INTEGER, TEXT, BINARY, DATE, TIME, TIMESTAMP, TIMESTAMP_TZ, JSON);
        Object[] row1 = {42L, "Łódź", new byte[]{1, 2}, LocalDate.of(2024, 1, 2), LocalTime.of(3, 4, 5),
                LocalDateTime.of(2024, 1, 2, 3, 4, 5), OffsetDateTime.parse("2024-01-02T03:04:05Z"), "{\"b\":1,\"a\":2}"};
        Object[] row2 = {null, null, null, null, null, null, null, null};

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        int[] tags = {1, 2, 3, 4, 5, 6, 7, 2};
        String[] texts = {"42", "Łódź", "0102", "2024-01-02", "03:04:05", "2024-01-02T03:04:05", "2024-01-02T03:04:05Z", "{\"a\":2,\"b\":1}"};
        for (int i = 0; i < tags.length; i++) {
            byte[] utf8 = texts[i].getBytes(StandardCharsets.UTF_8);
            expected.write(tags[i]);
            expected.write(ByteBuffer.allocate(8).putLong(utf8.length).array());
            expected.write(utf8);
        }
        expected.write(0xFF);
        byte[] nulls = new byte[8];
        expected.write(nulls);
        expected.write(0xFF);
        String want = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected.toByteArray()));

        RowDigest digest = new RowDigest(types);
        digest.update(row1);
        digest.update(row2);
        assertThat(digest.rowCount()).isEqualTo(2);
        assertThat(digest.finishHex()).isEqualTo(want);
    }

    /** The byte-level fast paths (numbers, timestamps, large BLOBs in slices) hash what canonical() says. */
    @Test
    void fastPathsHashTheCanonicalText() throws Exception {
        List<PortableType> types = List.of(INTEGER, DOUBLE, DATE, TIMESTAMP, BINARY, TEXT);
        java.util.Random random = new java.util.Random(7);
        long[] longs = {0, -1, 9, 10, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, -1234567890123L};
        RowDigest digest = new RowDigest(types);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int r = 0; r < 500; r++) {
            double d = r % 3 == 0 ? random.nextDouble() * Math.pow(10, random.nextInt(40) - 20) : Math.rint(random.nextGaussian() * 1000) / 8;
            LocalDateTime ts = LocalDateTime.of(r == 1 ? 12024 : 1 + random.nextInt(9999), 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60), r % 2 == 0 ? 0 : random.nextInt(1_000_000_000));
            byte[] blob = new byte[r == 2 ? 100_000 : random.nextInt(40)];
            random.nextBytes(blob);
            Object[] row = {r < longs.length ? longs[r] : random.nextLong(), r % 7 == 0 ? -d : d, ts.toLocalDate(), ts, blob, "ż" + r};
            digest.update(row);
            for (int i = 0; i < row.length; i++) {
                byte[] utf8 = RowDigest.canonical(types.get(i), row[i]).getBytes(StandardCharsets.UTF_8);
                expected.write(new int[]{1, 1, 4, 6, 3, 2}[i]);
                expected.write(ByteBuffer.allocate(8).putLong(utf8.length).array());
                expected.write(utf8);
            }
            expected.write(0xFF);
            // the plain-notation shortcut for doubles gives what the BigDecimal definition gives
            assertThat(RowDigest.canonical(DOUBLE, d))
                    .isEqualTo(new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString().replaceAll("^0$", "0"));
        }
        String want = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected.toByteArray()));
        assertThat(digest.finishHex()).isEqualTo(want);
    }

    @Test
    void emptyInputIsTheSha256OfNothing() {
        assertThat(new RowDigest(List.of(TEXT)).finishHex())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void misuseIsRejected() {
        RowDigest digest = new RowDigest(List.of(TEXT, TEXT));
        assertThatThrownBy(() -> digest.update(new Object[]{"only one"})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 values, expected 2");
        assertThatThrownBy(() -> RowDigest.canonical(TEXT, new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
        digest.finishHex();
        assertThatThrownBy(() -> digest.update(new Object[]{"a", "b"})).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void surelyEqualOnlyWhereTheCanonicalTextsAreEqual() {
        Object[][] equal = {{1L, 1}, {(short) 7, 7L}, {12.5, new BigDecimal("12.50")}, {new BigDecimal("12.50"), 12.5},
                {"Café", "Café"}, {new byte[]{1, 2}, new byte[]{1, 2}}, {LocalDateTime.of(2024, 5, 1, 10, 0), LocalDateTime.of(2024, 5, 1, 10, 0)},
                {null, null}};
        for (Object[] pair : equal) {
            assertThat(RowDigest.surelyEqual(pair[0], pair[1])).as("%s", java.util.Arrays.toString(pair)).isTrue();
            assertThat(RowDigest.comparable(TEXT, pair[0])).isEqualTo(RowDigest.comparable(TEXT, pair[1]));
        }
        // unequal canonical texts are never taken as equal: -0.0 is "-0", a decimal zero "0"; text is not a number
        Object[][] unequal = {{-0.0, BigDecimal.ZERO}, {1L, "1"}, {"Cafe", "CAFE"}, {new byte[]{1, 2}, new byte[]{1, 3}},
                {1L, null}, {12.5, new BigDecimal("12.51")}, {Double.NaN, BigDecimal.ONE},
                {LocalDateTime.of(2024, 5, 1, 10, 0, 0, 1000), LocalDateTime.of(2024, 5, 1, 10, 0, 0, 2000)}};
        for (Object[] pair : unequal) {
            assertThat(RowDigest.surelyEqual(pair[0], pair[1])).as("%s", java.util.Arrays.toString(pair)).isFalse();
            assertThat(RowDigest.comparable(TEXT, pair[0])).isNotEqualTo(RowDigest.comparable(TEXT, pair[1]));
        }
    }
}
