package io.dbferry.core.dialect.postgres;

import io.dbferry.core.dialect.DefaultExpressions;
import io.dbferry.core.dialect.SchemaSql;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.DefaultValue;
import io.dbferry.core.model.PortableType;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** PostgreSQL's words for defaults, ON UPDATE (a trigger), generated columns and SET checks. */
final class PostgresSchemaSql extends SchemaSql {

    /** A cast at the end of a default as PostgreSQL writes it: {@code 'G'::mpaa_rating}, {@code ::character varying(20)}. */
    private static final String CAST = "(.+?)::[a-zA-Z_][\\w .\"]*(\\(\\d+(,\\d+)?\\))?(\\[\\])?";

    @Override
    public DefaultValue portableDefault(Column column) {
        String text = column.defaultValue();
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = DefaultExpressions.unwrap(text);
        while (t.matches(CAST)) {
            t = DefaultExpressions.unwrap(t.replaceAll("^" + CAST + "$", "$1"));
        }
        if (t.equalsIgnoreCase("NULL")) {
            return null;
        }
        DefaultValue literal = DefaultExpressions.literal(t);
        if (literal != null) {
            return literal;
        }
        String lower = t.toLowerCase(Locale.ROOT).replace(" ", "");
        if (lower.matches("(now\\(\\)|current_timestamp(\\(\\d\\))?|localtimestamp(\\(\\d\\))?|transaction_timestamp\\(\\)|statement_timestamp\\(\\)|clock_timestamp\\(\\))")
                || lower.equals("'now'")) {
            return new DefaultValue.Now(DefaultValue.Moment.TIMESTAMP, DefaultExpressions.precision(lower, 6));
        }
        if (lower.equals("current_date")) {
            return new DefaultValue.Now(DefaultValue.Moment.DATE, 0);
        }
        if (lower.matches("(current_time|localtime)(\\(\\d\\))?")) {
            return new DefaultValue.Now(DefaultValue.Moment.TIME, DefaultExpressions.precision(lower, 6));
        }
        if (lower.matches("(gen_random_uuid|uuid_generate_v4)\\(\\)")) {
            return new DefaultValue.NewUuid();
        }
        return new DefaultValue.Expression(text.trim());
    }

    @Override
    public String defaultSql(DefaultValue value, PortableType type, String targetType) {
        if (value instanceof DefaultValue.Now now) {
            return switch (now.moment()) {
                case DATE -> "CURRENT_DATE";
                case TIME -> "LOCALTIME";
                case TIMESTAMP -> type == PortableType.TIMESTAMP_TZ ? "CURRENT_TIMESTAMP" : "LOCALTIMESTAMP";
            };
        }
        return value instanceof DefaultValue.NewUuid ? "gen_random_uuid()" : super.defaultSql(value, type, targetType);
    }

    @Override
    public List<String> onUpdateTrigger(DSLContext dsl, String triggerName, String table, String column, PortableType type) {
        String name = dsl.render(DSL.name(triggerName));
        String col = dsl.render(DSL.name(column));
        String now = type == PortableType.TIMESTAMP_TZ ? "CURRENT_TIMESTAMP" : "LOCALTIMESTAMP";
        // as MySQL's ON UPDATE: only when the UPDATE did not set the column itself
        return List.of("CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " IF NEW." + col + " IS NOT DISTINCT FROM OLD." + col + " THEN NEW." + col + " := " + now + "; END IF;"
                        + " RETURN NEW; END $$",
                "CREATE TRIGGER " + name + " BEFORE UPDATE ON " + dsl.render(DSL.name(table))
                        + " FOR EACH ROW EXECUTE FUNCTION " + name + "()");
    }

    @Override
    public String generatedClause(String expression, boolean stored) {
        return "GENERATED ALWAYS AS (" + expression + ") STORED"; // PostgreSQL 15 has stored ones only; same values
    }

    @Override
    public String setCheck(String quotedColumn, List<String> values) {
        return quotedColumn + " = '' OR string_to_array(" + quotedColumn + ", ',') <@ ARRAY["
                + values.stream().map(DefaultExpressions::quote).collect(Collectors.joining(", ")) + "]::text[]";
    }

    @Override
    public OwnType ownType(Column column) {
        String name = column.typeName() == null ? "" : column.typeName();
        if (column.jdbcType() == java.sql.Types.ARRAY && name.startsWith("_")) {
            // the element's length (varchar(10)[]) is not in the name: the array is declared without it, which holds as much
            return new OwnType("\"" + name.substring(1).replace("\"", "\"\"") + "\"[]", "array carried as JSON text");
        }
        if (name.equals("tsvector")) {
            return new OwnType("TSVECTOR", "tsvector carried as text");
        }
        return null;
    }
}
