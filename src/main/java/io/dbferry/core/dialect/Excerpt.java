package io.dbferry.core.dialect;

/** Short printable forms of values for error messages and previews. */
public final class Excerpt {

    private static final int MAX = 40;

    private Excerpt() {
    }

    public static String of(Object value) {
        return of(value, MAX);
    }

    public static String of(Object value, int max) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof byte[] bytes) {
            StringBuilder hex = new StringBuilder("0x");
            for (int i = 0; i < Math.min(bytes.length, max / 2); i++) {
                hex.append(String.format("%02x", bytes[i]));
            }
            return hex + (bytes.length > max / 2 ? "… (" + bytes.length + " bytes)" : "");
        }
        String text = value.toString().replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
