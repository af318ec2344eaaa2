package io.dbferry.core.dialect;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What a column's character set can hold, as its engine defines it: every code point (utf8mb4,
 * PostgreSQL UTF8, SQLite), the Basic Multilingual Plane only (MySQL utf8/utf8mb3, ucs2), ASCII,
 * MySQL's latin1 (which is cp1252 plus the five bytes cp1252 leaves undefined), or a Java charset
 * for the rest. Built by {@link Dialect#characterSet(String)}, which knows the engine's names.
 */
public final class CharacterSet {

    private enum Kind { UNICODE, BMP, ASCII, MYSQL_LATIN1, JAVA, UNKNOWN }

    /** Every Unicode character; text stored as UTF-8. */
    public static final CharacterSet UTF8 = new CharacterSet("UTF-8", Kind.UNICODE, 4, null);

    /** cp1252's characters for bytes 0x80-0x9F; 0 where cp1252 leaves the byte undefined (MySQL keeps U+0081 etc.). */
    private static final char[] CP1252_HIGH = {
            '\u20AC', 0, '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
            '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', 0, '\u017D', 0,
            0, '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
            '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', 0, '\u017E', '\u0178'};

    private final String name;
    private final Kind kind;
    private final int maxBytesPerChar;
    private final Charset java;
    private final ThreadLocal<CharsetEncoder> encoder;

    private CharacterSet(String name, Kind kind, int maxBytesPerChar, Charset java) {
        this.name = name;
        this.kind = kind;
        this.maxBytesPerChar = maxBytesPerChar;
        this.java = java;
        this.encoder = java == null ? null : ThreadLocal.withInitial(java::newEncoder);
    }

    /** Holds every Unicode character (utf8mb4, utf16, utf32, UTF8, SQL_ASCII which stores bytes unchecked). */
    public static CharacterSet unicode(String name) {
        return new CharacterSet(name, Kind.UNICODE, 4, null);
    }

    /** Holds the Basic Multilingual Plane only: no 4-byte UTF-8 characters (MySQL utf8/utf8mb3, ucs2). */
    public static CharacterSet bmp(String name, int maxBytesPerChar) {
        return new CharacterSet(name, Kind.BMP, maxBytesPerChar, null);
    }

    public static CharacterSet ascii(String name) {
        return new CharacterSet(name, Kind.ASCII, 1, null);
    }

    /** MySQL's latin1: cp1252, with 0x81, 0x8D, 0x8F, 0x90 and 0x9D kept as U+0081 etc. */
    public static CharacterSet mysqlLatin1() {
        return new CharacterSet("latin1", Kind.MYSQL_LATIN1, 1, null);
    }

    /** A character set whose repertoire is a Java charset's; unknown when the JVM lacks it. */
    public static CharacterSet java(String name, String javaName) {
        try {
            Charset charset = Charset.forName(javaName);
            return new CharacterSet(name, Kind.JAVA, Math.max(1, (int) Math.ceil(charset.newEncoder().maxBytesPerChar())), charset);
        } catch (IllegalArgumentException e) {
            return unknown(name);
        }
    }

    /** A character set dbferry does not know; values are not checked against it. */
    public static CharacterSet unknown(String name) {
        return new CharacterSet(name, Kind.UNKNOWN, 4, null);
    }

    public String name() {
        return name;
    }

    /** True when every Unicode character fits (or, for an unknown set, when nothing can be checked). */
    public boolean holdsEverything() {
        return kind == Kind.UNICODE || kind == Kind.UNKNOWN;
    }

    public boolean isKnown() {
        return kind != Kind.UNKNOWN;
    }

    /** Whether MySQL-latin1-style single bytes are what this set stores (used to spot UTF-8 held as latin1). */
    public boolean isLatin1() {
        return kind == Kind.MYSQL_LATIN1 || java != null && (java.name().equals("ISO-8859-1") || java.name().equals("windows-1252"));
    }

    public boolean canHold(int codePoint) {
        return switch (kind) {
            case UNICODE, UNKNOWN -> true;
            case BMP -> codePoint < 0x10000;
            case ASCII -> codePoint < 0x80;
            case MYSQL_LATIN1 -> latin1Byte(codePoint) >= 0;
            case JAVA -> encoder.get().canEncode(new String(Character.toChars(codePoint)));
        };
    }

    /** Most bytes one UTF-16 char of text takes in this set (for a quick "cannot be too long" test). */
    public int maxBytesPerChar() {
        return maxBytesPerChar;
    }

    /** How many bytes the engine stores {@code text} in, in this character set. */
    public long byteLength(String text) {
        return switch (kind) {
            case ASCII, MYSQL_LATIN1 -> text.length();
            case JAVA -> text.getBytes(java).length;
            default -> name.toLowerCase().startsWith("utf16") || name.equalsIgnoreCase("ucs2") ? 2L * text.length()
                    : name.equalsIgnoreCase("utf32") ? 4L * text.codePointCount(0, text.length())
                    : utf8Length(text);
        };
    }

    /** The byte MySQL's latin1 (and, apart from five bytes, cp1252) stores {@code codePoint} as, or -1. */
    public static int latin1Byte(int codePoint) {
        if (codePoint < 0x80 || codePoint >= 0xA0 && codePoint <= 0xFF) {
            return codePoint;
        }
        if (codePoint == 0x81 || codePoint == 0x8D || codePoint == 0x8F || codePoint == 0x90 || codePoint == 0x9D) {
            return codePoint;
        }
        for (int i = 0; i < CP1252_HIGH.length; i++) {
            if (CP1252_HIGH[i] != 0 && CP1252_HIGH[i] == codePoint) {
                return 0x80 + i;
            }
        }
        return -1;
    }

    public static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** The UTF-8 bytes of one code point as hex, e.g. {@code C5 81}. */
    public static String utf8Hex(int codePoint) {
        if (Character.isSurrogate((char) codePoint) && codePoint < 0x10000) {
            return "none (unpaired surrogate)";
        }
        byte[] bytes = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            if (!hex.isEmpty()) {
                hex.append(' ');
            }
            hex.append(String.format("%02X", b & 0xFF));
        }
        return hex.toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
