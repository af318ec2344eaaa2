package io.dbferry.core.dialect;

import java.util.Locale;
import java.util.Map;

/**
 * Character sets by the names MySQL and MariaDB give them (latin1, utf8mb3, ascii, cp1251, ...): the names
 * the MySQL dialect reads from its catalog, and the names an operator gives on the command line
 * ({@code fix-encoding --charset}), where a Java charset name is taken too.
 */
public final class CharacterSetNames {

    private static final Map<String, String> JAVA_CHARSETS = Map.ofEntries(
            Map.entry("latin2", "ISO-8859-2"), Map.entry("latin5", "ISO-8859-9"),
            Map.entry("latin7", "ISO-8859-13"), Map.entry("greek", "ISO-8859-7"),
            Map.entry("hebrew", "ISO-8859-8"), Map.entry("cp1250", "windows-1250"),
            Map.entry("cp1251", "windows-1251"), Map.entry("cp1256", "windows-1256"),
            Map.entry("cp1257", "windows-1257"), Map.entry("cp850", "IBM850"),
            Map.entry("cp852", "IBM852"), Map.entry("cp866", "IBM866"),
            Map.entry("koi8r", "KOI8-R"), Map.entry("koi8u", "KOI8-U"),
            Map.entry("gbk", "GBK"), Map.entry("gb2312", "GB2312"),
            Map.entry("gb18030", "GB18030"), Map.entry("big5", "Big5"),
            Map.entry("sjis", "Shift_JIS"), Map.entry("cp932", "windows-31j"),
            Map.entry("ujis", "EUC-JP"), Map.entry("eucjpms", "EUC-JP"),
            Map.entry("euckr", "EUC-KR"), Map.entry("tis620", "TIS-620"));

    private CharacterSetNames() {
    }

    /** The character set MySQL calls {@code name}; null means the session's utf8mb4; unknown when MySQL has no such name. */
    public static CharacterSet mysql(String name) {
        if (name == null) {
            return CharacterSet.UTF8;
        }
        String n = name.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "utf8mb4", "utf16", "utf16le", "utf32", "binary" -> CharacterSet.unicode(n);
            case "utf8", "utf8mb3" -> CharacterSet.bmp(n, 3);
            case "ucs2" -> CharacterSet.bmp(n, 2);
            case "ascii" -> CharacterSet.ascii(n);
            case "latin1" -> CharacterSet.mysqlLatin1();
            default -> JAVA_CHARSETS.containsKey(n) ? CharacterSet.java(n, JAVA_CHARSETS.get(n)) : CharacterSet.unknown(n);
        };
    }

    /**
     * A character set an operator names: by MySQL's name first (so latin1 is MySQL's cp1252 variant), else by a
     * Java charset's; unknown when neither has it.
     */
    public static CharacterSet operatorNamed(String name) {
        CharacterSet mysql = mysql(name);
        return mysql.isKnown() ? mysql : CharacterSet.java(name, name);
    }
}
