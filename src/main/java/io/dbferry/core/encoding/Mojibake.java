package io.dbferry.core.encoding;

import io.dbferry.core.dialect.CharacterSet;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Double encoding: UTF-8 bytes that were once read as latin1/cp1252 and stored again as text, so
 * "café" became "cafÃ©". A value looks double-encoded when every character maps back to one
 * latin1/cp1252 byte (as MySQL defines latin1) and those bytes form valid UTF-8 with at least one
 * multi-byte sequence.
 */
final class Mojibake {

    private static final int MAX_LAYERS = 3;

    private Mojibake() {
    }

    /** Quick test: a possible lead byte (Â..ô) followed by a possible continuation byte. */
    static boolean mayBe(String s) {
        for (int i = 0; i + 1 < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0xC2 && c <= 0xF4) {
                int next = CharacterSet.latin1Byte(s.charAt(i + 1));
                if (next >= 0x80 && next <= 0xBF) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The text one layer of double encoding hid, or null when {@code s} does not look double-encoded. */
    static String undoOnce(String s) {
        if (!mayBe(s)) {
            return null;
        }
        byte[] bytes = new byte[s.length()];
        for (int i = 0; i < s.length(); i++) {
            int b = CharacterSet.latin1Byte(s.charAt(i));
            if (b < 0) {
                return null; // a character no single byte stands for: genuine text, not mojibake
            }
            bytes[i] = (byte) b;
        }
        try {
            String decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return decoded.equals(s) ? null : decoded;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Undoes every layer (up to three); null when the value does not look double-encoded. */
    static String repair(String s) {
        String current = s;
        String repaired = null;
        for (int layer = 0; layer < MAX_LAYERS; layer++) {
            String next = undoOnce(current);
            if (next == null) {
                break;
            }
            repaired = next;
            current = next;
        }
        return repaired;
    }
}
