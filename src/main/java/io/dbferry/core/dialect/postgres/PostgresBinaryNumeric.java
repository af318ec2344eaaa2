package io.dbferry.core.dialect.postgres;

import io.dbferry.core.model.CarriedValue;
import io.dbferry.core.model.Column;
import org.postgresql.util.ByteConverter;

import java.math.BigDecimal;

/**
 * numeric's binary form: base-10000 digits around the decimal point, the weight of the first, a sign, and the display
 * scale (the digits after the point the text had, which {@code numeric_in} keeps and so must this). NaN and ±Infinity
 * have signs of their own.
 */
final class PostgresBinaryNumeric {

    private static final int POSITIVE = 0x0000;
    private static final int NEGATIVE = 0x4000;
    private static final int NAN = 0xC000;
    private static final int PLUS_INFINITY = 0xD000;
    private static final int MINUS_INFINITY = 0xF000;
    /** numeric's largest display scale. */
    private static final int MAX_SCALE = 0x3FFF;
    private static final int[] POWER = {1, 10, 100, 1000};

    private PostgresBinaryNumeric() {
    }

    static void write(PostgresBinaryRows out, Object value, Column column) throws PostgresBinaryFields.NotCarried {
        if (value instanceof CarriedValue carried && carried.value() instanceof Double d && (d.isNaN() || d.isInfinite())) {
            header(out, 0, 0, d.isNaN() ? NAN : d > 0 ? PLUS_INFINITY : MINUS_INFINITY, 0);
            return;
        }
        if (!(value instanceof BigDecimal d)) {
            throw new PostgresBinaryFields.NotCarried(column, value);
        }
        BigDecimal abs = d.signum() < 0 ? d.negate() : d;
        if (abs.scale() < 0) {
            abs = abs.setScale(0); // 1E+3: the text is 1000, no digits after the point
        }
        int scale = abs.scale();
        if (scale > MAX_SCALE) {
            throw new PostgresBinaryFields.NotCarried(column, value); // the server's text input says what it makes of it
        }
        if (abs.signum() == 0) {
            header(out, 0, 0, POSITIVE, scale);
            return;
        }
        if (abs.precision() <= 15) {
            compact(out, abs.unscaledValue().longValue(), scale, d.signum() < 0 ? NEGATIVE : POSITIVE);
            return;
        }
        // longer ones as pgjdbc writes them (the same bytes as numeric_send's), once the weight fits its 16 bits
        int weight = Math.floorDiv(abs.precision() - 1 - scale, 4);
        if (weight > Short.MAX_VALUE || weight < Short.MIN_VALUE || weight - Math.floorDiv(-scale, 4) + 1 > Short.MAX_VALUE) {
            throw new PostgresBinaryFields.NotCarried(column, value);
        }
        out.field(ByteConverter.numeric(d.signum() < 0 ? abs.negate() : abs));
    }

    /**
     * The same for an unscaled value of at most 15 digits, by arithmetic (most decimals are: no digit string to build).
     * The fraction is padded with zeros to whole groups of four; the groups come out from the last one.
     */
    private static void compact(PostgresBinaryRows out, long unscaled, int scale, int sign) {
        int pad = (4 - scale % 4) % 4;
        long rest = unscaled * POWER[pad];
        int fractionGroups = (scale + pad) / 4;
        long[] groups = new long[6]; // 15 digits and 3 of padding: at most 5 groups, from the last
        int count = 0;
        int trailingZeros = 0;
        while (rest != 0) {
            long group = rest % 10_000;
            rest /= 10_000;
            if (group == 0 && count == trailingZeros) {
                trailingZeros++; // implied, not sent
            }
            groups[count++] = group;
        }
        int weight = count - fractionGroups - 1;
        header(out, count - trailingZeros, weight, sign, scale);
        for (int i = count - 1; i >= trailingZeros; i--) {
            out.int16((int) groups[i]);
        }
    }

    private static void header(PostgresBinaryRows out, int digits, int weight, int sign, int scale) {
        out.int32(8 + 2 * digits);
        out.int16(digits);
        out.int16(weight);
        out.int16(sign);
        out.int16(scale);
    }
}
