package io.dbferry.core.dialect.mysql;

import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dialect.SchemaObjects;
import io.dbferry.core.dialect.ViewSql;
import io.dbferry.core.model.Trigger;
import io.dbferry.core.model.View;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** MySQL's and MariaDB's views and triggers, from information_schema. */
final class MySqlSchemaObjects implements SchemaObjects {

    @Override
    public List<View> views(Connection connection) throws SQLException {
        String database = connection.getCatalog();
        return Dialect.textRows(connection, "select TABLE_NAME, VIEW_DEFINITION from information_schema.VIEWS "
                        + "where TABLE_SCHEMA = database() order by TABLE_NAME").stream()
                // the server qualifies every table with the database, which the target's has another name for
                .map(row -> new View(row[0], row[1].replace("`" + database + "`.", ""))).toList();
    }

    @Override
    public List<Trigger> triggers(Connection connection) throws SQLException {
        // built from its parts rather than SHOW CREATE TRIGGER, whose DEFINER clause would need the definer's privileges
        return Dialect.textRows(connection, "select TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, "
                        + "ACTION_STATEMENT from information_schema.TRIGGERS where TRIGGER_SCHEMA = database() "
                        + "order by EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER").stream()
                .map(row -> new Trigger(row[0], row[1], row[2], row[3], "CREATE TRIGGER " + quote(row[0]) + " " + row[2] + " "
                        + row[3] + " ON " + quote(row[1]) + " FOR EACH ROW " + row[4], null)).toList();
    }

    @Override
    public char identifierQuote() {
        return '`';
    }

    @Override
    public String rewrite(ViewSql sql, SchemaObjects from) {
        if (sql.uses("||")) {
            return "it uses ||, which is OR here, not string concatenation";
        }
        if (sql.uses("::")) {
            return "it uses ::type casts, which this engine has no syntax for";
        }
        sql.requote(from.identifierQuote(), '`');
        return null;
    }

    @Override
    public boolean holdsInTransaction() {
        return false; // every DROP and CREATE TRIGGER commits by itself
    }

    @Override
    public List<String> holdOff(Connection connection, Trigger trigger) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("DROP TRIGGER " + quote(trigger.name()));
        }
        return trigger.statements();
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
