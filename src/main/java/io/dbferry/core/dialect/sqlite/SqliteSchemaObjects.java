package io.dbferry.core.dialect.sqlite;

import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dialect.SchemaObjects;
import io.dbferry.core.dialect.ViewSql;
import io.dbferry.core.model.Trigger;
import io.dbferry.core.model.View;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SQLite's views and triggers, as sqlite_master keeps their CREATE statements. */
final class SqliteSchemaObjects implements SchemaObjects {

    private static final Pattern VIEW = Pattern.compile(
            "(?is)^\\s*CREATE\\s+(?:TEMP\\s+|TEMPORARY\\s+)?VIEW\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
            + "(?:\"(?:[^\"]|\"\")+\"|`[^`]+`|\\[[^]]+]|[^\\s(]+)\\s*(?:\\([^)]*\\)\\s*)?AS\\s+(.*?)\\s*;?\\s*$");
    private static final Pattern TRIGGER_WHEN = Pattern.compile(
            "(?is)\\b(BEFORE|AFTER|INSTEAD\\s+OF)?\\s*(INSERT|DELETE|UPDATE)\\b");

    @Override
    public List<View> views(Connection connection) throws SQLException {
        return Dialect.textRows(connection, "select name, sql from sqlite_master where type = 'view' order by name").stream()
                .map(row -> {
                    Matcher m = VIEW.matcher(row[1]);
                    return new View(row[0], m.matches() ? m.group(1) : row[1]);
                }).toList();
    }

    @Override
    public List<Trigger> triggers(Connection connection) throws SQLException {
        return Dialect.textRows(connection, "select name, tbl_name, sql from sqlite_master where type = 'trigger' order by tbl_name, rowid")
                .stream().map(row -> {
                    String head = row[2].substring(0, Math.max(0, indexOfOn(row[2])));
                    Matcher m = TRIGGER_WHEN.matcher(head);
                    String timing = "BEFORE";
                    String event = "";
                    if (m.find()) {
                        timing = m.group(1) == null ? "BEFORE" : m.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
                        event = m.group(2).toUpperCase(Locale.ROOT);
                    }
                    return new Trigger(row[0], row[1], timing, event, row[2], null);
                }).toList();
    }

    private static int indexOfOn(String sql) {
        Matcher on = Pattern.compile("(?is)\\sON\\s").matcher(sql);
        return on.find() ? on.start() : sql.length();
    }

    @Override
    public char identifierQuote() {
        return '"';
    }

    @Override
    public String rewrite(ViewSql sql, SchemaObjects from) {
        if (sql.uses("::")) {
            return "it uses ::type casts, which this engine has no syntax for";
        }
        sql.requote(from.identifierQuote(), '"').dropIntroducers().concatToPipes();
        return null;
    }

    @Override
    public boolean holdsInTransaction() {
        return true; // DROP and CREATE TRIGGER are part of the transaction
    }

    @Override
    public List<String> holdOff(Connection connection, Trigger trigger) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("DROP TRIGGER \"" + trigger.name().replace("\"", "\"\"") + "\"");
        }
        return trigger.statements();
    }
}
