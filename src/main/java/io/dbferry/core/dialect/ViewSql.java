package io.dbferry.core.dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A view's query as tokens (string literals, quoted identifiers, words, punctuation, space), for the small known
 * rewrites between engines: identifier quoting, CONCAT and ||, IFNULL and COALESCE, LIMIT with a comma, character
 * set introducers. Each rewrite changes only tokens outside string literals and records what it did.
 */
public final class ViewSql {

    enum Kind { STRING, QUOTED, WORD, PUNCT, SPACE }

    record Token(Kind kind, String text) {
        boolean is(String word) {
            return (kind == Kind.WORD || kind == Kind.PUNCT) && text.equalsIgnoreCase(word);
        }
    }

    private final List<Token> tokens;
    private final List<String> rewrites = new ArrayList<>();

    private ViewSql(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** {@code quote}: the source engine's identifier quote; a backslash escapes inside strings when {@code backslashes}. */
    public static ViewSql parse(String sql, char quote, boolean backslashes) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int start = i;
            if (c == '\'' || c == quote) {
                i++;
                while (i < sql.length()) {
                    char d = sql.charAt(i);
                    if (backslashes && c == '\'' && d == '\\' && i + 1 < sql.length()) {
                        i += 2;
                    } else if (d == c && i + 1 < sql.length() && sql.charAt(i + 1) == c) {
                        i += 2;
                    } else if (d == c) {
                        i++;
                        break;
                    } else {
                        i++;
                    }
                }
                tokens.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED, sql.substring(start, i)));
            } else if (Character.isWhitespace(c)) {
                while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.SPACE, sql.substring(start, i)));
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, sql.substring(start, i)));
            } else {
                boolean pair = i + 1 < sql.length() && (sql.startsWith("||", i) || sql.startsWith("::", i));
                i += pair ? 2 : 1;
                tokens.add(new Token(Kind.PUNCT, sql.substring(start, i)));
            }
        }
        return new ViewSql(tokens);
    }

    public List<String> rewrites() {
        return List.copyOf(rewrites);
    }

    /** Whether the punctuation {@code symbol} (e.g. "||", "::") appears outside string literals. */
    public boolean uses(String symbol) {
        return tokens.stream().anyMatch(t -> t.kind == Kind.PUNCT && t.text.equals(symbol));
    }

    /** Identifiers quoted with {@code from} are quoted with {@code to}. */
    public ViewSql requote(char from, char to) {
        boolean changed = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind == Kind.QUOTED && t.text.charAt(0) == from) {
                String name = t.text.substring(1, t.text.length() - 1).replace("" + from + from, "" + from);
                tokens.set(i, new Token(Kind.QUOTED, to + name.replace("" + to, "" + to + to) + to));
                changed = true;
            }
        }
        if (changed) {
            rewrites.add("quoting " + from + "name" + from + " -> " + to + "name" + to);
        }
        return this;
    }

    /** A character set introducer before a literal ({@code _utf8mb4'x'}) is dropped: the target's text is Unicode. */
    public ViewSql dropIntroducers() {
        boolean changed = false;
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind == Kind.WORD && t.text.startsWith("_") && t.text.length() > 1 && tokens.get(i + 1).kind == Kind.STRING) {
                tokens.remove(i);
                changed = true;
            }
        }
        if (changed) {
            rewrites.add("_charset'text' -> 'text'");
        }
        return this;
    }

    /** A function call renamed, {@code IFNULL(} to {@code COALESCE(}. */
    public ViewSql renameFunction(String from, String to) {
        boolean changed = false;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).kind == Kind.WORD && tokens.get(i).is(from) && next(i).is("(")) {
                tokens.set(i, new Token(Kind.WORD, to));
                changed = true;
            }
        }
        if (changed) {
            rewrites.add(from.toUpperCase(Locale.ROOT) + "(...) -> " + to.toUpperCase(Locale.ROOT) + "(...)");
        }
        return this;
    }

    /** {@code CONCAT(a, b, c)} becomes {@code (a || b || c)}: NULL in, NULL out, as MySQL's CONCAT. */
    public ViewSql concatToPipes() {
        boolean changed = false;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).kind != Kind.WORD || !tokens.get(i).is("concat") || !next(i).is("(")) {
                continue;
            }
            int open = nextIndex(i);
            int depth = 0;
            for (int j = open; j < tokens.size(); j++) {
                Token t = tokens.get(j);
                if (t.is("(")) {
                    depth++;
                } else if (t.is(")") && --depth == 0) {
                    for (int k = open + 1; k < j; k++) {
                        if (tokens.get(k).is(",") && depthAt(open, k) == 1) {
                            tokens.set(k, new Token(Kind.PUNCT, " ||"));
                        }
                    }
                    for (int k = i; k < open; k++) {
                        tokens.set(k, new Token(Kind.SPACE, ""));
                    }
                    changed = true;
                    break;
                }
            }
        }
        if (changed) {
            rewrites.add("CONCAT(a, b) -> (a || b)");
        }
        return this;
    }

    /** {@code LIMIT offset, count} becomes {@code LIMIT count OFFSET offset}. */
    public ViewSql limitOffset() {
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).is("limit")) {
                continue;
            }
            int a = nextIndex(i);
            int comma = nextIndex(a);
            int b = nextIndex(comma);
            if (b < tokens.size() && tokens.get(a).kind == Kind.WORD && tokens.get(comma).is(",") && tokens.get(b).kind == Kind.WORD) {
                String offset = tokens.get(a).text;
                String count = tokens.get(b).text;
                for (int k = a; k <= b; k++) {
                    tokens.set(k, new Token(Kind.SPACE, ""));
                }
                tokens.set(a, new Token(Kind.WORD, count + " OFFSET " + offset));
                rewrites.add("LIMIT " + offset + ", " + count + " -> LIMIT " + count + " OFFSET " + offset);
            }
        }
        return this;
    }

    private int depthAt(int open, int k) {
        int depth = 0;
        for (int j = open; j < k; j++) {
            if (tokens.get(j).is("(")) {
                depth++;
            } else if (tokens.get(j).is(")")) {
                depth--;
            }
        }
        return depth;
    }

    private int nextIndex(int i) {
        int j = i + 1;
        while (j < tokens.size() && tokens.get(j).kind == Kind.SPACE) {
            j++;
        }
        return j;
    }

    private Token next(int i) {
        int j = nextIndex(i);
        return j < tokens.size() ? tokens.get(j) : new Token(Kind.SPACE, "");
    }

    public String sql() {
        StringBuilder out = new StringBuilder();
        tokens.forEach(t -> out.append(t.text));
        return out.toString();
    }
}
