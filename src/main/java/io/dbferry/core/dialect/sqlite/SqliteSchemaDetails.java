package io.dbferry.core.dialect.sqlite;

import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.Table;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a SQLite table's CREATE statement says beyond PRAGMA table_info: column collations and CHECK constraints. */
final class SqliteSchemaDetails {

    private static final Pattern COLLATE = Pattern.compile("(?i)\\bCOLLATE\\s+\"?(\\w+)\"?");
    private static final Pattern CHECK = Pattern.compile("(?i)\\bCHECK\\s*\\(");
    private static final Pattern GENERATED = Pattern.compile("(?i)\\b(?:GENERATED\\s+ALWAYS\\s+)?AS\\s*\\(");
    private static final Pattern PRECISION = Pattern.compile("^\\S+\\s+[A-Za-z ]+\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");
    private static final Pattern NAMED = Pattern.compile("(?i)^CONSTRAINT\\s+(\"[^\"]+\"|`[^`]+`|\\[[^]]+]|\\w+)\\s+");

    private SqliteSchemaDetails() {
    }

    static Table complete(Connection connection, Table table) throws SQLException {
        List<String[]> rows = Dialect.textRows(connection, "select sql from sqlite_master where type = 'table' and name = ?", table.name());
        if (rows.isEmpty() || rows.get(0)[0] == null) {
            return table;
        }
        String sql = rows.get(0)[0];
        int open = sql.indexOf('(');
        int close = sql.lastIndexOf(')');
        if (open < 0 || close <= open) {
            return table;
        }
        List<Column> columns = new ArrayList<>(table.columns());
        List<Table.Check> checks = new ArrayList<>();
        for (String part : topLevel(sql.substring(open + 1, close), ',')) {
            String p = part.trim();
            Matcher named = NAMED.matcher(p);
            String constraintName = null;
            if (named.find()) {
                constraintName = named.group(1).replaceAll("^[\"`\\[]|[\"`\\]]$", "");
                p = p.substring(named.end());
            }
            String first = p.split("\\s+", 2)[0].replaceAll("^[\"`\\[]|[\"`\\]]$", "");
            boolean tableConstraint = List.of("PRIMARY", "UNIQUE", "CHECK", "FOREIGN").contains(first.toUpperCase(Locale.ROOT))
                    || first.toUpperCase(Locale.ROOT).startsWith("CHECK(");
            for (String expression : checks(p)) {
                checks.add(new Table.Check(constraintName, expression));
            }
            for (int i = 0; i < columns.size() && !tableConstraint; i++) {
                if (columns.get(i).name().equals(first)) {
                    columns.set(i, declared(columns.get(i), p));
                }
            }
        }
        return table.withColumns(columns).withChecks(checks);
    }

    /** The column as its definition declares it: collation, generation, and a DECIMAL's precision and scale exactly as written. */
    private static Column declared(Column column, String definition) {
        Column c = column;
        Matcher collate = COLLATE.matcher(definition);
        if (collate.find()) {
            c = c.withCollation(collate.group(1).toUpperCase(Locale.ROOT));
        }
        List<String> generated = parenthesised(definition, GENERATED);
        if (!generated.isEmpty()) {
            String rest = definition.substring(definition.lastIndexOf(generated.get(0)) + generated.get(0).length());
            c = c.withGenerated(new Column.Generated(generated.get(0), rest.toUpperCase(Locale.ROOT).contains("STORED"))).withDefault(null);
        }
        Matcher precision = PRECISION.matcher(definition);
        if (precision.find() && (c.portableType() == io.dbferry.core.model.PortableType.DECIMAL)) {
            c = c.withType(c.typeName(), c.jdbcType(), Integer.parseInt(precision.group(1)),
                    precision.group(2) == null ? 0 : Integer.parseInt(precision.group(2)), c.portableType());
        }
        return c;
    }

    /** The expressions of each CHECK (...) in a column or table constraint. */
    private static List<String> checks(String part) {
        return parenthesised(part, CHECK);
    }

    /** The text inside the parentheses that each match of {@code opening} (ending in its '(') opens. */
    private static List<String> parenthesised(String part, Pattern opening) {
        List<String> found = new ArrayList<>();
        Matcher m = opening.matcher(part);
        while (m.find()) {
            int depth = 1;
            int i = m.end();
            boolean quoted = false;
            for (; i < part.length() && depth > 0; i++) {
                char c = part.charAt(i);
                if (c == '\'') {
                    quoted = !quoted;
                } else if (!quoted && c == '(') {
                    depth++;
                } else if (!quoted && c == ')') {
                    depth--;
                }
            }
            found.add(part.substring(m.end(), i - 1).trim());
        }
        return found;
    }

    /** {@code text} split at {@code separator} outside parentheses and quotes. */
    private static List<String> topLevel(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`' || c == '[') {
                quote = c == '[' ? ']' : c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == separator && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
