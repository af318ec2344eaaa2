package io.dbferry.core.schema;

import io.dbferry.core.dialect.SchemaSql;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Rewrites a CHECK or generated-column expression for another engine when it uses only what the three
 * engines share: the table's columns, literals, arithmetic and comparison, AND/OR/NOT, IS NULL, IN,
 * BETWEEN, LIKE, CASE, a few common functions, CONCAT and {@code ||} where the target says it the same way,
 * and PostgreSQL's casts (dropped). Anything else is not translated, and copy-schema lists it.
 */
final class ExpressionTranslator {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "is", "null", "in", "between", "like", "true",
            "false", "case", "when", "then", "else", "end", "distinct", "from");
    private static final Set<String> FUNCTIONS = Set.of("lower", "upper", "abs", "coalesce", "nullif", "round", "trim",
            "length", "replace", "ifnull");

    private final SchemaSql source;
    private final SchemaSql target;
    private final DSLContext dsl;
    private final List<String> columns;

    ExpressionTranslator(SchemaSql source, SchemaSql target, DSLContext dsl, List<String> columns) {
        this.source = source;
        this.target = target;
        this.dsl = dsl;
        this.columns = columns;
    }

    Optional<String> translate(String expression) {
        try {
            List<String> tokens = tokens(expression);
            StringBuilder out = new StringBuilder();
            int[] at = {0};
            out.append(render(tokens, at, Integer.MAX_VALUE));
            return at[0] == tokens.size() ? Optional.of(out.toString().trim()) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Renders tokens from {@code at} until a ',' or ')' at depth 0 when {@code stopAtArgument} is 0. */
    private String render(List<String> tokens, int[] at, int stopAtArgument) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        while (at[0] < tokens.size()) {
            String token = tokens.get(at[0]);
            String lower = token.toLowerCase(Locale.ROOT);
            if (stopAtArgument == 0 && depth == 0 && (token.equals(",") || token.equals(")"))) {
                return out.toString();
            }
            at[0]++;
            boolean call = at[0] < tokens.size() && tokens.get(at[0]).equals("(");
            if (token.equals("(")) {
                depth++;
                out.append("(");
            } else if (token.equals(")")) {
                depth--;
                out.append(")");
            } else if (token.equals("::")) {
                skipCast(tokens, at);
            } else if (token.equals("||")) {
                if (!source.pipesConcatenate()) {
                    out.append(" OR ");
                } else if (target.pipesConcatenate()) {
                    out.append(" || ");
                } else {
                    throw new IllegalArgumentException("||");
                }
            } else if (lower.equals("concat") && call && target.pipesConcatenate()) {
                at[0]++;
                List<String> arguments = new ArrayList<>();
                while (true) {
                    arguments.add(render(tokens, at, 0).trim());
                    String end = tokens.get(at[0]++);
                    if (end.equals(")")) {
                        break;
                    }
                }
                out.append("(").append(String.join(" || ", arguments)).append(")"); // NULL if any part is, as MySQL's CONCAT
            } else if (call && (FUNCTIONS.contains(lower) || lower.equals("concat"))) {
                out.append(lower.equals("ifnull") ? "coalesce" : lower);
            } else if (token.startsWith("'") || Character.isDigit(token.charAt(0)) || isOperator(token) || token.equals(",")) {
                out.append(token.equals(",") ? ", " : isOperator(token) ? " " + token + " " : token);
            } else if (KEYWORDS.contains(lower) && !token.startsWith("\"") && !token.startsWith("`")) {
                out.append(" ").append(lower.toUpperCase(Locale.ROOT)).append(" ");
            } else {
                out.append(dsl.render(DSL.name(column(token))));
            }
        }
        return out.toString();
    }

    private String column(String token) {
        boolean quoted = token.startsWith("\"") || token.startsWith("`");
        String name = quoted ? token.substring(1, token.length() - 1) : token;
        for (String c : columns) {
            if (c.equals(name) || !quoted && c.equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException(token);
    }

    private static void skipCast(List<String> tokens, int[] at) {
        while (at[0] < tokens.size() && (Character.isLetter(tokens.get(at[0]).charAt(0)) || tokens.get(at[0]).startsWith("\""))) {
            at[0]++;
            if (at[0] < tokens.size() && tokens.get(at[0]).equals("(")) {
                while (!tokens.get(at[0]++).equals(")")) {
                    // the type's length
                }
            }
            if (at[0] + 1 < tokens.size() && tokens.get(at[0]).equals("[") ) {
                at[0] += 2;
            }
            String next = at[0] < tokens.size() ? tokens.get(at[0]).toLowerCase(Locale.ROOT) : "";
            if (!Set.of("varying", "precision", "without", "with", "time", "zone").contains(next)) {
                return;
            }
        }
    }

    private static boolean isOperator(String token) {
        return Set.of("=", "<>", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%").contains(token);
    }

    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"' || c == '`') {
                int j = i + 1;
                while (j < text.length() && !(text.charAt(j) == c && (j + 1 >= text.length() || text.charAt(j + 1) != c))) {
                    j += text.charAt(j) == c ? 2 : 1;
                }
                if (j >= text.length()) {
                    throw new IllegalArgumentException("unclosed quote");
                }
                tokens.add(text.substring(i, j + 1));
                i = j + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
                int j = i;
                while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_' || text.charAt(j) == '.')) {
                    j++;
                }
                tokens.add(text.substring(i, j));
                i = j;
            } else {
                String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
                if (Set.of("||", "<=", ">=", "<>", "!=", "::").contains(two)) {
                    tokens.add(two);
                    i += 2;
                } else if ("()=<>+-*/%,[]".indexOf(c) >= 0) {
                    tokens.add(String.valueOf(c));
                    i++;
                } else {
                    throw new IllegalArgumentException(String.valueOf(c));
                }
            }
        }
        return tokens;
    }
}
