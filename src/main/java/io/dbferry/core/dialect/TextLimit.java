package io.dbferry.core.dialect;

/**
 * The most a column holds, as its engine counts: characters (MySQL and PostgreSQL varchar(n)) or
 * bytes (MySQL TEXT is 65,535 bytes, VARBINARY(n) n bytes). 0 means no limit of that kind.
 */
public record TextLimit(long maxChars, long maxBytes) {

    public static final TextLimit NONE = new TextLimit(0, 0);

    public static TextLimit characters(long n) {
        return new TextLimit(n, 0);
    }

    public static TextLimit bytes(long n) {
        return new TextLimit(0, n);
    }

    public boolean isNone() {
        return maxChars <= 0 && maxBytes <= 0;
    }

    public String describe() {
        return maxChars > 0 ? String.format("%,d characters", maxChars) : String.format("%,d bytes", maxBytes);
    }
}
