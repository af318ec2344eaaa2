package io.dbferry.core.dialect.sqlite;

import io.dbferry.core.dialect.DefaultExpressions;
import io.dbferry.core.dialect.SchemaSql;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.DefaultValue;
import io.dbferry.core.model.PortableType;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.util.List;
import java.util.Locale;

/** SQLite's words for defaults (its date functions), ON UPDATE (a trigger) and NOCASE. */
final class SqliteSchemaSql extends SchemaSql {

    @Override
    public DefaultValue portableDefault(Column column) {
        DefaultValue read = super.portableDefault(column);
        if (!(read instanceof DefaultValue.Expression expression)) {
            return read;
        }
        String written = DefaultExpressions.unwrap(expression.text());
        if (written.matches("\"([^\"]|\"\")*\"")) {
            // no column can be named in a default, so SQLite takes a double-quoted word as a string
            return new DefaultValue.Literal(DefaultExpressions.quote(written.substring(1, written.length() - 1).replace("\"\"", "\"")));
        }
        String t = written.toLowerCase(Locale.ROOT).replace(" ", "").replace('"', '\'');
        if (t.equals("current_timestamp") || t.equals("datetime('now')")) {
            return new DefaultValue.Now(DefaultValue.Moment.TIMESTAMP, 0);
        }
        if (t.equals("strftime('%y-%m-%d%h:%m:%f','now')")) {
            return new DefaultValue.Now(DefaultValue.Moment.TIMESTAMP, 3);
        }
        if (t.equals("current_date") || t.equals("date('now')")) {
            return new DefaultValue.Now(DefaultValue.Moment.DATE, 0);
        }
        if (t.equals("current_time") || t.equals("time('now')")) {
            return new DefaultValue.Now(DefaultValue.Moment.TIME, 0);
        }
        return read;
    }

    @Override
    public String defaultSql(DefaultValue value, PortableType type, String targetType) {
        if (value instanceof DefaultValue.Now now && now.moment() == DefaultValue.Moment.TIMESTAMP && now.precision() > 0) {
            return "(strftime('%Y-%m-%d %H:%M:%f','now'))"; // CURRENT_TIMESTAMP has whole seconds only
        }
        return super.defaultSql(value, type, targetType);
    }

    @Override
    public List<String> onUpdateTrigger(DSLContext dsl, String triggerName, String table, String column, PortableType type) {
        String col = dsl.render(DSL.name(column));
        String quotedTable = dsl.render(DSL.name(table));
        // as MySQL's ON UPDATE: only when the UPDATE did not set the column itself
        return List.of("CREATE TRIGGER " + dsl.render(DSL.name(triggerName)) + " AFTER UPDATE ON " + quotedTable
                + " FOR EACH ROW WHEN NEW." + col + " IS OLD." + col + " BEGIN UPDATE " + quotedTable + " SET " + col
                + " = (strftime('%Y-%m-%d %H:%M:%f','now')) WHERE rowid = NEW.rowid; END");
    }

    @Override
    public String collationClause(String requested, boolean ignoresCase) {
        return requested != null ? " COLLATE " + requested : ignoresCase ? " COLLATE NOCASE" : "";
    }

    @Override
    public boolean collationIgnoresCase(String collation) {
        return "NOCASE".equalsIgnoreCase(collation);
    }
}
