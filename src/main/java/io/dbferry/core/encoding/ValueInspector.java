package io.dbferry.core.encoding;

import io.dbferry.core.dialect.CharacterSet;
import io.dbferry.core.dialect.TextLimit;
import io.dbferry.core.encoding.EncodingReport.Example;
import io.dbferry.core.encoding.EncodingReport.Kind;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Checks the values of one column against what its destination holds and keeps, per kind of
 * problem, the count and the first examples. One per column; not thread-safe.
 */
final class ValueInspector {

    static final int EXAMPLES = 3;
    private static final int WINDOW = 20;

    /** What a column's values must fit: the target's character set and length, and whether it takes NUL. */
    record Destination(CharacterSet characterSet, TextLimit limit, boolean acceptsNul, boolean binary) {
        static final Destination ANY_UTF8 = new Destination(CharacterSet.UTF8, TextLimit.NONE, true, false);
    }

    static final class Tally {
        long count;
        long longest;
        final List<Example> examples = new ArrayList<>();
    }

    private final Destination destination;
    private final boolean sourceIsLatin1;
    private final Map<Kind, Tally> tallies = new EnumMap<>(Kind.class);
    /** Problems recorded, of every kind: a load looks at the tallies only when this moves. */
    private long recorded;

    ValueInspector(Destination destination, boolean sourceIsLatin1) {
        this.destination = destination;
        this.sourceIsLatin1 = sourceIsLatin1;
    }

    Map<Kind, Tally> tallies() {
        return tallies;
    }

    long recorded() {
        return recorded;
    }

    Destination destination() {
        return destination;
    }

    /** Inspects one value (String, byte[] of a text column that is not valid UTF-8, or byte[] of a binary column). */
    void inspect(Object value, Supplier<String> key) {
        if (value instanceof String s) {
            inspectText(s, key);
        } else if (value instanceof byte[] bytes) {
            if (destination.binary()) {
                checkLength(null, bytes.length, bytes.length, key);
            } else {
                invalidUtf8(bytes, key);
            }
        }
    }

    private void inspectText(String s, Supplier<String> key) {
        int n = s.length();
        int firstNul = -1;
        int firstSurrogate = -1;
        int firstUnheld = -1;
        int unheld = 0;
        boolean nonAscii = false;
        CharacterSet charset = destination.characterSet();
        boolean checkCharset = !charset.holdsEverything();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c == 0 && firstNul < 0) {
                    firstNul = i;
                }
                continue;
            }
            nonAscii = true;
            int cp = c;
            int at = i;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                cp = Character.toCodePoint(c, s.charAt(i + 1));
                i++;
            } else if (Character.isSurrogate(c)) {
                if (firstSurrogate < 0) {
                    firstSurrogate = i;
                }
                continue;
            }
            if (checkCharset && firstUnheld < 0 && !charset.canHold(cp)) {
                firstUnheld = at;
                unheld = cp;
            }
        }
        if (firstNul >= 0) {
            record(Kind.NUL, key, example(s, firstNul, 0, null));
        }
        if (firstSurrogate >= 0) {
            record(Kind.UNPAIRED_SURROGATE, key, example(s, firstSurrogate, s.charAt(firstSurrogate), null));
        }
        if (firstUnheld >= 0) {
            record(Kind.NOT_REPRESENTABLE, key, example(s, firstUnheld, unheld, null));
        }
        TextLimit limit = destination.limit();
        if (!limit.isNone()) {
            checkText(s, key);
        }
        if (nonAscii) {
            String repaired = Mojibake.repair(s);
            if (repaired != null) {
                record(sourceIsLatin1 ? Kind.LATIN1_HOLDS_UTF8 : Kind.DOUBLE_ENCODED, key,
                        new Example(null, excerpt(s, 0, 2 * WINDOW), null, null, "reads as \"" + excerpt(repaired, 0, 2 * WINDOW) + "\""));
            }
        }
    }

    private void checkText(String s, Supplier<String> key) {
        TextLimit limit = destination.limit();
        if (limit.maxChars() > 0 && s.length() > limit.maxChars()) {
            long chars = s.codePointCount(0, s.length());
            if (chars > limit.maxChars()) {
                checkLength(s, chars, chars, key);
                return;
            }
        }
        if (limit.maxBytes() > 0 && (long) s.length() * destination.characterSet().maxBytesPerChar() > limit.maxBytes()) {
            long bytes = destination.characterSet().byteLength(s);
            checkLength(s, bytes, bytes, key);
        }
    }

    private void checkLength(String s, long length, long needed, Supplier<String> key) {
        TextLimit limit = destination.limit();
        boolean chars = limit.maxChars() > 0 && s != null;
        long max = chars ? limit.maxChars() : limit.maxBytes();
        if (max <= 0 || length <= max) {
            return;
        }
        Tally tally = tallies.computeIfAbsent(Kind.TOO_LONG, k -> new Tally());
        tally.longest = Math.max(tally.longest, needed);
        String note = String.format("%,d %s, the column holds %s", length, chars ? "characters" : "bytes", limit.describe());
        record(Kind.TOO_LONG, key, new Example(null, s == null ? length + " bytes" : excerpt(s, 0, 2 * WINDOW), null, null, note));
    }

    private void invalidUtf8(byte[] bytes, Supplier<String> key) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        int offset = in.position();
        int length = result.isError() ? result.length() : 0;
        StringBuilder hex = new StringBuilder();
        for (int i = offset; i < Math.min(bytes.length, offset + Math.max(1, length)); i++) {
            hex.append(hex.isEmpty() ? "" : " ").append(String.format("%02X", bytes[i] & 0xFF));
        }
        String lenient = new String(bytes, StandardCharsets.UTF_8);
        String asCp1252 = new String(bytes, Charset.forName("windows-1252"));
        int charOffset = new String(bytes, 0, offset, StandardCharsets.UTF_8).length();
        record(Kind.INVALID_UTF8, key, new Example(null, excerpt(lenient, charOffset, WINDOW),
                "byte " + offset + " of " + bytes.length, hex.toString(), "as cp1252 it reads \"" + excerpt(asCp1252, 0, 2 * WINDOW) + "\""));
    }

    private void record(Kind kind, Supplier<String> key, Example example) {
        Tally tally = tallies.computeIfAbsent(kind, k -> new Tally());
        tally.count++;
        recorded++;
        if (tally.examples.size() < EXAMPLES) {
            tally.examples.add(example.key() != null ? example : new Example(key.get(), example.excerpt(),
                    example.character(), example.utf8(), example.note()));
        }
    }

    private static Example example(String s, int index, int codePoint, String note) {
        return new Example(null, excerpt(s, index, WINDOW), describe(codePoint), CharacterSet.utf8Hex(codePoint), note);
    }

    /** Records a problem found outside a value's text, e.g. by the dump reader. */
    void recordElsewhere(Kind kind, Example example) {
        record(kind, () -> example.key(), example);
    }

    static String describe(int codePoint) {
        String name = String.format("U+%04X", codePoint);
        if (codePoint < 0x20 || codePoint == 0x7F || codePoint >= 0x80 && codePoint < 0xA0
                || Character.isSurrogate((char) codePoint) && codePoint < 0x10000) {
            return name;
        }
        return name + " '" + new String(Character.toChars(codePoint)) + "'";
    }

    /** Up to {@code window} characters either side of {@code index}, printable: NUL as \0, lone surrogates as U+FFFD. */
    static String excerpt(String s, int index, int window) {
        int start = Math.max(0, index - window);
        int end = Math.min(s.length(), index + window + 1);
        if (start > 0 && Character.isLowSurrogate(s.charAt(start))) {
            start--;
        }
        if (end < s.length() && Character.isLowSurrogate(s.charAt(end))) {
            end++;
        }
        StringBuilder out = new StringBuilder(start > 0 ? "…" : "");
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == 0) {
                out.append("\\0");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.append(end < s.length() ? "…" : "").toString();
    }
}
