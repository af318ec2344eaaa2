package io.dbferry.core.dialect;

import io.dbferry.core.dump.Iso8601;
import io.dbferry.core.model.Column;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;

/**
 * Rows as tab-separated, backslash-escaped UTF-8 lines, the text both PostgreSQL's COPY and MySQL's
 * LOAD DATA read, built straight into a reused byte array: going through a StringBuilder and
 * {@code getBytes} per value was half the CPU of a bulk load. Each engine's loader decides what a
 * value becomes; this class only writes bytes.
 */
public final class DelimitedRowText {

    private static final byte[] HEX_LOWER = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** For each byte value, the letter that follows the backslash in its escape, or 0 where the byte goes as it is. */
    private static final byte[] ESCAPED_BYTE = new byte[256];

    static {
        ESCAPED_BYTE['\\'] = '\\';
        ESCAPED_BYTE['\t'] = 't';
        ESCAPED_BYTE['\n'] = 'n';
        ESCAPED_BYTE['\r'] = 'r';
        ESCAPED_BYTE[0] = '0';
    }

    private byte[] bytes = new byte[1 << 16];
    private int length;

    /** How one loader writes a value of a column. */
    @FunctionalInterface
    public interface ValueWriter {
        void write(DelimitedRowText out, Object value, Column column);
    }

    /** One row: values separated by tabs, each written by {@code values}, ended by a newline. */
    public void row(Object[] row, java.util.List<Column> columns, ValueWriter values) {
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                ascii('\t');
            }
            values.write(this, row[i], columns.get(i));
        }
        ascii('\n');
    }

    public int length() {
        return length;
    }

    public byte[] array() {
        return bytes;
    }

    public void clear() {
        length = 0;
    }

    public void ascii(char c) {
        room(1);
        bytes[length++] = (byte) c;
    }

    /** Text known to be ASCII with nothing to escape: numbers, {@code \N}. */
    public void ascii(String s) {
        int n = s.length();
        room(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) s.charAt(i);
        }
    }

    public void number(long value) {
        room(20);
        int end = Iso8601.appendLong(bytes, length, value);
        if (end < 0) {
            ascii(Long.toString(value));
        } else {
            length = end;
        }
    }

    public void hex(byte[] data, boolean upperCase) {
        byte[] digits = upperCase ? HEX_UPPER : HEX_LOWER;
        room(2 * data.length);
        for (byte b : data) {
            bytes[length++] = digits[(b >> 4) & 0xF];
            bytes[length++] = digits[b & 0xF];
        }
    }

    /** {@code yyyy-MM-dd<separator>HH:mm:ss[.fraction]}, the fraction without trailing zeros. */
    public void dateTime(LocalDateTime t, char separator) {
        room(29);
        int end = Iso8601.appendDateTime(bytes, length, t);
        if (end < 0) {
            ascii(t.toString().replace('T', separator)); // a year beyond 0-9999: the engine decides
            return;
        }
        bytes[length + 10] = (byte) separator;
        length = end;
    }

    public void date(LocalDate d) {
        room(10);
        int end = Iso8601.appendDate(bytes, length, d);
        if (end < 0) {
            ascii(d.toString());
            return;
        }
        length = end;
    }

    public void time(LocalTime t) {
        room(18);
        length = Iso8601.appendTime(bytes, length, t);
    }

    /**
     * Text as UTF-8 with backslash, tab, newline and carriage return escaped; NUL written as
     * {@code nulEscape}, or refused when that is null. An unpaired surrogate is refused: it has no
     * UTF-8 form, and replacing it would change the value.
     */
    public void text(String s, Column column, String nulEscape, String engine) {
        int n = s.length();
        room(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '\\') {
                if (length == bytes.length) {
                    room(n - i);
                }
                bytes[length++] = (byte) c;
                continue;
            }
            switch (c) {
                case '\\' -> escape('\\');
                case '\t' -> escape('t');
                case '\n' -> escape('n');
                case '\r' -> escape('r');
                case '\0' -> {
                    if (nulEscape == null) {
                        throw new ValueConversionException(column.name(), s, "holds a NUL character, which " + engine + " text cannot store");
                    }
                    ascii(nulEscape);
                }
                default -> {
                    if (c < 0x80) {
                        ascii(c);
                    } else {
                        room(4);
                        int end = appendNonAscii(bytes, length, s, i, column);
                        if (end - length == 4) {
                            i++; // a surrogate pair: two chars, one code point
                        }
                        length = end;
                    }
                }
            }
        }
    }

    /**
     * Writes the character at {@code i} of {@code s}, not ASCII, as UTF-8 into {@code out} at {@code at}, which has room
     * for four bytes, and returns the end: four bytes for a surrogate pair (the caller then skips its low half). An
     * unpaired surrogate is refused: it has no UTF-8 form, and replacing it would change the value.
     */
    public static int appendNonAscii(byte[] out, int at, String s, int i, Column column) {
        char c = s.charAt(i);
        if (c < 0x800) {
            out[at] = (byte) (0xC0 | c >> 6);
            out[at + 1] = (byte) (0x80 | c & 0x3F);
            return at + 2;
        }
        if (!Character.isSurrogate(c)) {
            out[at] = (byte) (0xE0 | c >> 12);
            out[at + 1] = (byte) (0x80 | c >> 6 & 0x3F);
            out[at + 2] = (byte) (0x80 | c & 0x3F);
            return at + 3;
        }
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            int code = Character.toCodePoint(c, s.charAt(i + 1));
            out[at] = (byte) (0xF0 | code >> 18);
            out[at + 1] = (byte) (0x80 | code >> 12 & 0x3F);
            out[at + 2] = (byte) (0x80 | code >> 6 & 0x3F);
            out[at + 3] = (byte) (0x80 | code & 0x3F);
            return at + 4;
        }
        throw new ValueConversionException(column.name(), s, "holds an unpaired surrogate (U+"
                + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + "), which has no UTF-8 form");
    }

    /** Bytes as they are, with backslash, tab, newline, carriage return and NUL escaped (LOAD DATA's {@code \\0}). */
    public void escapedBytes(byte[] data) {
        // room for the worst case (every byte escaped) once, then one table look-up per byte: the switch with a
        // bounds check per byte was the loading thread's top frame for BLOB tables
        room(2 * data.length);
        byte[] out = bytes;
        int n = length;
        for (byte b : data) {
            byte escaped = ESCAPED_BYTE[b & 0xFF];
            if (escaped == 0) {
                out[n++] = b;
            } else {
                out[n++] = '\\';
                out[n++] = escaped;
            }
        }
        length = n;
    }

    private void escape(char c) {
        room(2);
        bytes[length++] = '\\';
        bytes[length++] = (byte) c;
    }

    private void room(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more));
        }
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, java.nio.charset.StandardCharsets.UTF_8);
    }
}
