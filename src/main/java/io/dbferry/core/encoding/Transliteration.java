package io.dbferry.core.encoding;

import io.dbferry.core.dialect.CharacterSet;

import java.text.Normalizer;
import java.util.Map;

/** The nearest characters a character set holds: accents dropped (NFD), and a small table for the rest. */
final class Transliteration {

    private static final Map<Integer, String> TABLE = Map.ofEntries(
            Map.entry((int) 'ł', "l"), Map.entry((int) 'Ł', "L"), Map.entry((int) 'ß', "ss"), Map.entry((int) 'ẞ', "SS"),
            Map.entry((int) 'Ø', "O"), Map.entry((int) 'ø', "o"), Map.entry((int) 'æ', "ae"), Map.entry((int) 'Æ', "AE"),
            Map.entry((int) 'œ', "oe"), Map.entry((int) 'Œ', "OE"), Map.entry((int) 'đ', "d"), Map.entry((int) 'Đ', "D"),
            Map.entry((int) 'ð', "d"), Map.entry((int) 'Ð', "D"), Map.entry((int) 'þ', "th"), Map.entry((int) 'Þ', "Th"),
            Map.entry((int) 'ı', "i"), Map.entry((int) 'ħ', "h"), Map.entry((int) 'Ħ', "H"), Map.entry((int) 'ŀ', "l"),
            Map.entry((int) 'Ŀ', "L"), Map.entry((int) 'ŉ', "'n"), Map.entry((int) 'ĸ', "k"), Map.entry((int) 'ŧ', "t"),
            Map.entry((int) 'Ŧ', "T"), Map.entry((int) 'ſ', "s"),
            Map.entry(0x2018, "'"), Map.entry(0x2019, "'"), Map.entry(0x201A, "'"), Map.entry(0x201B, "'"),
            Map.entry(0x201C, "\""), Map.entry(0x201D, "\""), Map.entry(0x201E, "\""), Map.entry(0x00AB, "\""),
            Map.entry(0x00BB, "\""), Map.entry(0x2039, "'"), Map.entry(0x203A, "'"),
            Map.entry(0x2013, "-"), Map.entry(0x2014, "-"), Map.entry(0x2012, "-"), Map.entry(0x2010, "-"),
            Map.entry(0x2011, "-"), Map.entry(0x2212, "-"), Map.entry(0x2026, "..."), Map.entry(0x2022, "*"),
            Map.entry(0x00A0, " "), Map.entry(0x2009, " "), Map.entry(0x202F, " "), Map.entry(0x20AC, "EUR"),
            Map.entry(0x2122, "(TM)"), Map.entry(0x00A9, "(C)"), Map.entry(0x00AE, "(R)"), Map.entry(0x00D7, "x"));

    private Transliteration() {
    }

    /** {@code codePoint} as characters {@code charset} holds, or null when there is no near equivalent. */
    static String of(int codePoint, CharacterSet charset) {
        String table = TABLE.get(codePoint);
        if (table != null && holds(table, charset)) {
            return table;
        }
        String decomposed = Normalizer.normalize(new String(Character.toChars(codePoint)), Normalizer.Form.NFD);
        StringBuilder base = new StringBuilder();
        decomposed.codePoints().filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK).forEach(base::appendCodePoint);
        String stripped = base.toString();
        if (!stripped.isEmpty() && !stripped.equals(new String(Character.toChars(codePoint))) && holds(stripped, charset)) {
            return stripped;
        }
        String compat = Normalizer.normalize(new String(Character.toChars(codePoint)), Normalizer.Form.NFKD);
        StringBuilder plain = new StringBuilder();
        compat.codePoints().filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK).forEach(plain::appendCodePoint);
        String p = plain.toString();
        if (!p.isEmpty() && !p.equals(new String(Character.toChars(codePoint))) && holds(p, charset)) {
            return p;
        }
        return null;
    }

    private static boolean holds(String text, CharacterSet charset) {
        return text.codePoints().allMatch(charset::canHold);
    }
}
