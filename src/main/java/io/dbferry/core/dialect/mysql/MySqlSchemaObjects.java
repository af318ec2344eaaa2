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

    /** MariaDB keeps a trigger's sql_mode in one statement ({@link #modePrefix}); MySQL cannot. */
    private final boolean mariadb;

    MySqlSchemaObjects(boolean mariadb) {
        this.mariadb = mariadb;
    }

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
        // built from its parts, with the DEFINER and sql_mode it was created with, so that one made again acts the same
        return Dialect.textRows(connection, "select TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, "
                        + "ACTION_STATEMENT, DEFINER, SQL_MODE from information_schema.TRIGGERS where TRIGGER_SCHEMA = database() "
                        + "order by EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER").stream()
                .map(row -> new Trigger(row[0], row[1], row[2], row[3], modePrefix(mariadb, row[6]) + "CREATE"
                        + definer(row[5]) + " TRIGGER " + quote(row[0]) + " " + row[2] + " " + row[3] + " ON " + quote(row[1])
                        + " FOR EACH ROW " + row[4], null)).toList();
    }

    /**
     * MariaDB's {@code SET STATEMENT sql_mode = ... FOR}, so the trigger keeps the mode its body was written under in
     * one statement; MySQL has no such statement, so there it takes the session's mode.
     */
    private static String modePrefix(boolean setStatement, String sqlMode) {
        return setStatement && sqlMode != null ? "SET STATEMENT sql_mode = " + literal(sqlMode) + " FOR " : "";
    }

    /** {@code user@host} as {@code DEFINER = 'user'@'host'}; the host is after the last @ (a user name may hold one). */
    private static String definer(String definer) {
        if (definer == null || definer.isBlank() || definer.lastIndexOf('@') < 0) {
            return "";
        }
        int at = definer.lastIndexOf('@');
        return " DEFINER = " + literal(definer.substring(0, at)) + "@" + literal(definer.substring(at + 1));
    }

    private static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
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
