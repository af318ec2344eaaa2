package io.dbferry.core.dialect;

import io.dbferry.core.model.DefaultValue;
import io.dbferry.core.model.PortableType;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of reading and writing column defaults that every engine shares: literals and their quoting. */
public final class DefaultExpressions {

    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern QUOTED = Pattern.compile("'((?:[^']|'')*)'");
    private static final Pattern PRECISION = Pattern.compile("\\((\\d)\\)");

    private DefaultExpressions() {
    }

    /** A constant written the standard way (number, 'string', TRUE, FALSE, NULL), one pair of parentheses allowed; else null. */
    public static DefaultValue.Literal literal(String text) {
        String t = unwrap(text);
        if (NUMBER.matcher(t).matches() || QUOTED.matcher(t).matches()) {
            return new DefaultValue.Literal(t);
        }
        String upper = t.toUpperCase(Locale.ROOT);
        if (upper.equals("TRUE") || upper.equals("FALSE") || upper.equals("NULL")) {
            return new DefaultValue.Literal(upper);
        }
        return null;
    }

    /** The text without one pair of enclosing parentheses and surrounding blanks. */
    public static String unwrap(String text) {
        String t = text.trim();
        while (t.startsWith("(") && t.endsWith(")") && balanced(t.substring(1, t.length() - 1))) {
            t = t.substring(1, t.length() - 1).trim();
        }
        return t;
    }

    private static boolean balanced(String inner) {
        int depth = 0;
        boolean quoted = false;
        for (char c : inner.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && --depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    /** {@code CURRENT_TIMESTAMP(6)}'s digits: the number in parentheses, else {@code none}. */
    public static int precision(String text, int none) {
        Matcher m = PRECISION.matcher(text);
        return m.find() ? Integer.parseInt(m.group(1)) : none;
    }

    /** The string a quoted literal stands for; null when {@code sql} is not one. */
    public static String unquote(String sql) {
        Matcher m = QUOTED.matcher(sql);
        return m.matches() ? m.group(1).replace("''", "'") : null;
    }

    public static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * The literal as a column of that portable type takes it on every engine: a number for a boolean column
     * becomes TRUE or FALSE, a quoted number for a numeric column loses its quotes; null when the column cannot take it.
     */
    public static String literalFor(DefaultValue.Literal literal, PortableType type) {
        String sql = literal.sql();
        String unquoted = unquote(sql);
        String plain = unquoted != null ? unquoted : sql;
        switch (type) {
            case BOOLEAN -> {
                if (NUMBER.matcher(plain).matches()) {
                    return Double.parseDouble(plain) == 0 ? "FALSE" : "TRUE";
                }
                String upper = plain.toUpperCase(Locale.ROOT);
                if (upper.equals("T") || upper.equals("TRUE")) {
                    return "TRUE";
                }
                return upper.equals("F") || upper.equals("FALSE") ? "FALSE" : sql.equals("NULL") ? sql : null;
            }
            case INTEGER, DECIMAL, DOUBLE -> {
                // a text default in a number column (SQLite keeps one) cannot be a number column's default elsewhere
                return NUMBER.matcher(plain).matches() ? plain : sql.equals("NULL") ? sql : null;
            }
            default -> {
                return sql;
            }
        }
    }
}
