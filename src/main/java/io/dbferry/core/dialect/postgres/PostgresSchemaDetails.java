package io.dbferry.core.dialect.postgres;

import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.PortableType;
import io.dbferry.core.model.Table;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What pg_catalog tells about a table beyond JDBC: ENUM labels, a DOMAIN's base type and checks, generated columns, CHECKs. */
final class PostgresSchemaDetails {

    private static final String SEPARATOR = "\u0001";
    private static final Pattern LENGTH = Pattern.compile("\\((\\d+)(?:,(\\d+))?\\)");

    private PostgresSchemaDetails() {
    }

    static Table complete(Connection connection, Dialect dialect, Table table) throws SQLException {
        String relation = "\"" + table.name().replace("\"", "\"\"") + "\"";
        Map<String, String[]> byColumn = new HashMap<>();
        for (String[] row : Dialect.textRows(connection, "select a.attname, t.typtype, bt.typname, format_type(t.typbasetype, t.typtypmod),"
                + " (select string_agg(pg_get_constraintdef(c.oid), chr(1)) from pg_constraint c where c.contypid = t.oid and c.contype = 'c'),"
                + " (select string_agg(e.enumlabel, chr(1) order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid),"
                + " a.attgenerated, pg_get_expr(d.adbin, d.adrelid), t.typnotnull"
                + " from pg_attribute a join pg_type t on t.oid = a.atttypid left join pg_type bt on bt.oid = t.typbasetype"
                + " left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum"
                + " where a.attrelid = to_regclass(?) and a.attnum > 0 and not a.attisdropped", relation)) {
            byColumn.put(row[0], row);
        }
        List<Column> columns = new ArrayList<>();
        List<Table.Check> checks = new ArrayList<>();
        for (Column column : table.columns()) {
            String[] row = byColumn.get(column.name());
            if (row == null) {
                columns.add(column);
                continue;
            }
            Column completed = column;
            if ("d".equals(row[1]) && row[2] != null) {
                completed = baseType(dialect, completed, row[2], row[3]);
                if (row[4] != null) {
                    String quoted = "\"" + column.name().replace("\"", "\"\"") + "\"";
                    for (String check : row[4].split(SEPARATOR)) {
                        checks.add(new Table.Check(null, checkExpression(check).replaceAll("\\bVALUE\\b", quoted)));
                    }
                }
            }
            if (row[5] != null) {
                completed = completed.withChoices(new Column.Choices(Arrays.asList(row[5].split(SEPARATOR, -1)), false));
            }
            if ("s".equals(row[6]) && row[7] != null) {
                completed = completed.withGenerated(new Column.Generated(row[7], true)).withDefault(null);
            }
            columns.add(completed);
        }
        for (String[] row : Dialect.textRows(connection, "select conname, pg_get_constraintdef(oid) from pg_constraint"
                + " where conrelid = to_regclass(?) and contype = 'c' order by conname", relation)) {
            checks.add(new Table.Check(row[0], checkExpression(row[1])));
        }
        return table.withColumns(columns).withChecks(checks);
    }

    /** {@code CHECK ((x > 0)) NOT VALID} as its expression. */
    static String checkExpression(String definition) {
        String t = definition.trim().replaceAll("(?i)\\s+NOT VALID$", "");
        return t.replaceFirst("(?i)^CHECK\\s*", "");
    }

    /** A DOMAIN column declared as the domain's base type ({@code year} over integer travels as an integer). */
    private static Column baseType(Dialect dialect, Column column, String typname, String declared) {
        int size = 0;
        int scale = 0;
        Matcher m = LENGTH.matcher(declared);
        if (m.find()) {
            size = Integer.parseInt(m.group(1));
            scale = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        }
        int jdbc = switch (typname) {
            case "int2" -> Types.SMALLINT;
            case "int4" -> Types.INTEGER;
            case "int8" -> Types.BIGINT;
            case "numeric" -> Types.NUMERIC;
            case "float4" -> Types.REAL;
            case "float8" -> Types.DOUBLE;
            case "bool" -> Types.BIT;
            case "date" -> Types.DATE;
            case "time" -> Types.TIME;
            case "timestamp" -> Types.TIMESTAMP;
            case "timestamptz" -> Types.TIMESTAMP_WITH_TIMEZONE;
            case "bytea" -> Types.BINARY;
            default -> Types.VARCHAR;
        };
        PortableType portable = dialect.portableType(jdbc, typname, size, scale);
        return column.withType(typname, jdbc, size, scale, portable);
    }
}
