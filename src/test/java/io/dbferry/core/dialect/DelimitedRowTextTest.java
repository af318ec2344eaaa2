package io.dbferry.core.dialect;

import io.dbferry.core.model.Column;
import io.dbferry.core.model.PortableType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DelimitedRowTextTest {

    private static final Column NOTE = new Column("note", "text", Types.VARCHAR, 0, 0, true, null, false, PortableType.TEXT, null);

    @Test
    void textIsUtf8WithTheFourEscapes() {
        Random random = new Random(3);
        for (int i = 0; i < 2000; i++) {
            StringBuilder s = new StringBuilder();
            for (int c = random.nextInt(40); c > 0; c--) {
                int kind = random.nextInt(5);
                s.appendCodePoint(switch (kind) {
                    case 0 -> 0x20 + random.nextInt(0x60);
                    case 1 -> 0x80 + random.nextInt(0x780);
                    case 2 -> 0x800 + random.nextInt(0xD000);
                    case 3 -> 0x10000 + random.nextInt(0xFFFFF);
                    default -> "\\\t\n\r".charAt(random.nextInt(4));
                });
            }
            DelimitedRowText out = new DelimitedRowText();
            out.text(s.toString(), NOTE, null, "PostgreSQL");
            String escaped = s.toString().replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
            assertThat(java.util.Arrays.copyOf(out.array(), out.length())).isEqualTo(escaped.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void nulIsEscapedOrRefusedAndUnpairedSurrogatesAreRefused() {
        DelimitedRowText out = new DelimitedRowText();
        out.text("a\0b", NOTE, "\\0", "MySQL");
        assertThat(out.toString()).isEqualTo("a\\0b");
        assertThatThrownBy(() -> new DelimitedRowText().text("a\0b", NOTE, null, "PostgreSQL"))
                .hasMessageContaining("NUL").extracting(e -> ((ValueConversionException) e).column()).isEqualTo("note");
        assertThatThrownBy(() -> new DelimitedRowText().text("x\uD800y", NOTE, null, "PostgreSQL"))
                .hasMessageContaining("U+D800");
    }

    @Test
    void numbersTimesAndBinary() {
        DelimitedRowText out = new DelimitedRowText();
        out.number(Long.MIN_VALUE);
        out.ascii(' ');
        out.number(-907L);
        out.ascii(' ');
        out.dateTime(LocalDateTime.of(2021, 6, 20, 6, 37, 23, 529_000_000), ' ');
        out.ascii(' ');
        out.hex(new byte[]{0, (byte) 0xAB, 0x7F}, true);
        assertThat(out.toString()).isEqualTo("-9223372036854775808 -907 2021-06-20 06:37:23.529 00AB7F");
    }

    /** Every byte value, in values that overflow the starting buffer: the five escapes, everything else as it is. */
    @Test
    void bytesKeepEveryValueWithTheFiveEscapes() {
        Random random = new Random(5);
        DelimitedRowText out = new DelimitedRowText();
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        for (int size : new int[] {0, 256, 1, 70_000, 150_000}) {
            byte[] data = new byte[size];
            for (int i = 0; i < size; i++) {
                data[i] = (byte) (size == 256 ? i : random.nextInt(256));
            }
            out.escapedBytes(data);
            for (byte b : data) {
                switch (b) {
                    case '\\' -> expected.writeBytes(new byte[] {'\\', '\\'});
                    case '\t' -> expected.writeBytes(new byte[] {'\\', 't'});
                    case '\n' -> expected.writeBytes(new byte[] {'\\', 'n'});
                    case '\r' -> expected.writeBytes(new byte[] {'\\', 'r'});
                    case 0 -> expected.writeBytes(new byte[] {'\\', '0'});
                    default -> expected.write(b);
                }
            }
            out.ascii('\t');
            expected.write('\t');
        }
        assertThat(java.util.Arrays.copyOf(out.array(), out.length())).isEqualTo(expected.toByteArray());
    }
}
