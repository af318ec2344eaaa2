package io.dbferry.core.dialect.mysql;

import io.dbferry.core.dialect.DefaultExpressions;
import io.dbferry.core.dialect.SchemaSql;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.DefaultValue;
import io.dbferry.core.model.PortableType;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** MySQL/MariaDB's words for defaults, ON UPDATE, ENUM/SET and collations. */
final class MySqlSchemaSql extends SchemaSql {

    @Override
    public DefaultValue portableDefault(Column column) {
        DefaultValue read = super.portableDefault(column);
        if (!(read instanceof DefaultValue.Expression expression)) {
            return read;
        }
        String t = expression.text().toLowerCase(Locale.ROOT).replace(" ", "");
        if (t.matches("(current_timestamp|now|localtimestamp|localtime)(\\(\\d?\\))?")) {
            return new DefaultValue.Now(DefaultValue.Moment.TIMESTAMP, DefaultExpressions.precision(t, 0));
        }
        if (t.matches("(curdate\\(\\)|current_date(\\(\\))?)")) {
            return new DefaultValue.Now(DefaultValue.Moment.DATE, 0);
        }
        if (t.matches("(curtime|current_time)(\\(\\d?\\))?")) {
            return new DefaultValue.Now(DefaultValue.Moment.TIME, DefaultExpressions.precision(t, 0));
        }
        return t.equals("uuid()") ? new DefaultValue.NewUuid() : read;
    }

    @Override
    public String defaultSql(DefaultValue value, PortableType type, String targetType) {
        int digits = DefaultExpressions.precision(targetType, 0);
        String fraction = digits > 0 ? "(" + digits + ")" : "";
        if (value instanceof DefaultValue.Literal literal) {
            String sql = DefaultExpressions.literalFor(literal, type);
            return sql == null ? null : sql.replace("\\", "\\\\"); // a backslash escapes in MySQL strings
        }
        if (value instanceof DefaultValue.Now now) {
            return switch (now.moment()) {
                case DATE -> "(CURRENT_DATE)";
                case TIME -> "(CURRENT_TIME" + fraction + ")";
                case TIMESTAMP -> "CURRENT_TIMESTAMP" + fraction; // the column's own precision, or MySQL refuses it
            };
        }
        return value instanceof DefaultValue.NewUuid ? "(UUID())" : null;
    }

    @Override
    public String onUpdateClause(String targetType) {
        int digits = DefaultExpressions.precision(targetType, 0);
        return "ON UPDATE CURRENT_TIMESTAMP" + (digits > 0 ? "(" + digits + ")" : "");
    }

    @Override
    public String choicesType(Column.Choices choices) {
        return (choices.set() ? "SET(" : "ENUM(") + choices.values().stream()
                .map(v -> DefaultExpressions.quote(v).replace("\\", "\\\\")).collect(Collectors.joining(",")) + ")";
    }

    @Override
    public boolean deferrableForeignKeys() {
        return false;
    }

    @Override
    public boolean pipesConcatenate() {
        return false;
    }

    @Override
    public String collationClause(String requested, boolean ignoresCase) {
        if (requested != null) {
            return " COLLATE " + requested;
        }
        return ignoresCase ? " COLLATE utf8mb4_unicode_ci" : " COLLATE utf8mb4_bin";
    }

    @Override
    public boolean collationIgnoresCase(String collation) {
        return collation != null && collation.toLowerCase(Locale.ROOT).endsWith("_ci");
    }

    /** The values of {@code enum('a','b')} or {@code set(...)} as the server writes COLUMN_TYPE; null for other types. */
    static Column.Choices choices(String columnType) {
        String lower = columnType.toLowerCase(Locale.ROOT);
        boolean set = lower.startsWith("set(");
        if (!set && !lower.startsWith("enum(")) {
            return null;
        }
        String inner = columnType.substring(columnType.indexOf('(') + 1, columnType.lastIndexOf(')'));
        List<String> values = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\'') {
                if (quoted && i + 1 < inner.length() && inner.charAt(i + 1) == '\'') {
                    current.append('\'');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == '\\' && quoted && i + 1 < inner.length()) {
                current.append(inner.charAt(++i));
            } else if (c == ',' && !quoted) {
                values.add(current.toString());
                current.setLength(0);
            } else if (quoted) {
                current.append(c);
            }
        }
        values.add(current.toString());
        return new Column.Choices(values, set);
    }
}
