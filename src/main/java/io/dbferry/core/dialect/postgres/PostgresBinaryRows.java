package io.dbferry.core.dialect.postgres;

import io.dbferry.core.dialect.DelimitedRowText;
import io.dbferry.core.dialect.ValueConversionException;
import io.dbferry.core.model.Column;

import java.util.Arrays;

/**
 * Rows in COPY's binary format, built into a reused byte array: per row a field count, per field its length (-1 for
 * NULL) and the bytes of the type's binary form ({@link PostgresBinaryFields} writes them). The server takes the
 * values without parsing them: no number or date text to read, no escapes, bytea as its own bytes rather than hex.
 */
final class PostgresBinaryRows {

    /** The signature, the flags (no OIDs) and an empty header extension. */
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};

    private final PostgresBinaryFields.Field[] fields;
    private final Column[] columns;
    private byte[] bytes = new byte[1 << 16];
    private int length;

    PostgresBinaryRows(PostgresBinaryFields.Field[] fields, Column[] columns) {
        this.fields = fields;
        this.columns = columns;
        append(HEADER);
    }

    /** One row; throws {@link PostgresBinaryFields.NotCarried} for a value the column's binary form does not take as it is. */
    void row(Object[] row) throws PostgresBinaryFields.NotCarried {
        int16(fields.length);
        for (int i = 0; i < fields.length; i++) {
            Object value = row[i];
            if (value == null) {
                int32(-1);
            } else {
                fields[i].write(this, value, columns[i]);
            }
        }
    }

    /** The file trailer: a field count of -1. */
    void end() {
        int16(-1);
    }

    int length() {
        return length;
    }

    byte[] array() {
        return bytes;
    }

    void clear() {
        length = 0;
    }

    void bytes1(int value) {
        room(1);
        bytes[length++] = (byte) value;
    }

    void int16(int value) {
        room(2);
        bytes[length++] = (byte) (value >> 8);
        bytes[length++] = (byte) value;
    }

    void int32(int value) {
        room(4);
        put32(length, value);
        length += 4;
    }

    void int64(long value) {
        room(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (value >> shift);
        }
    }

    /** A field of {@code data.length} bytes as they are. */
    void field(byte[] data) {
        int32(data.length);
        append(data);
    }

    /**
     * A field holding {@code s} as UTF-8, after the byte {@code prefix} (jsonb's version) unless it is negative. NUL and an
     * unpaired surrogate are refused as the text COPY refuses them: PostgreSQL text cannot hold the one, UTF-8 not the other.
     */
    void utf8Field(String s, Column column, int prefix) {
        int n = s.length();
        room(5 + n);
        int start = length;
        length += 4;
        if (prefix >= 0) {
            bytes[length++] = (byte) prefix;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80 && c != 0) {
                if (length == bytes.length) {
                    room(n - i);
                }
                bytes[length++] = (byte) c;
            } else if (c == 0) {
                throw new ValueConversionException(column.name(), s, "holds a NUL character, which PostgreSQL text cannot store");
            } else {
                room(4);
                int end = DelimitedRowText.appendNonAscii(bytes, length, s, i, column);
                if (end - length == 4) {
                    i++; // a surrogate pair: two chars, one code point
                }
                length = end;
            }
        }
        put32(start, length - start - 4);
    }

    private void append(byte[] data) {
        room(data.length);
        System.arraycopy(data, 0, bytes, length, data.length);
        length += data.length;
    }

    private void put32(int at, int value) {
        bytes[at] = (byte) (value >> 24);
        bytes[at + 1] = (byte) (value >> 16);
        bytes[at + 2] = (byte) (value >> 8);
        bytes[at + 3] = (byte) value;
    }

    private void room(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more));
        }
    }
}
