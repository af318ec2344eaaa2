package io.dbferry.core.dialect.postgres;

import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dialect.SchemaObjects;
import io.dbferry.core.dialect.ViewSql;
import io.dbferry.core.model.Trigger;
import io.dbferry.core.model.View;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** PostgreSQL's views (pg_views) and triggers (pg_trigger, with the function each calls). */
final class PostgresSchemaObjects implements SchemaObjects {

    @Override
    public List<View> views(Connection connection) throws SQLException {
        return Dialect.textRows(connection, "select viewname, definition from pg_views where schemaname = current_schema() "
                + "order by viewname").stream().map(row -> new View(row[0], row[1].strip().replaceAll(";$", ""))).toList();
    }

    @Override
    public List<Trigger> triggers(Connection connection) throws SQLException {
        return Dialect.textRows(connection, "select t.tgname, c.relname, t.tgtype::int, pg_get_triggerdef(t.oid), "
                        + "pg_get_functiondef(t.tgfoid) from pg_trigger t join pg_class c on c.oid = t.tgrelid "
                        + "join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and not t.tgisinternal "
                        + "order by c.relname, t.tgname").stream()
                .map(row -> new Trigger(row[0], row[1], timing(Integer.parseInt(row[2])), events(Integer.parseInt(row[2])),
                        row[3], row[4] == null ? null : row[4].replaceFirst("^CREATE FUNCTION", "CREATE OR REPLACE FUNCTION")))
                .toList();
    }

    /** pg_trigger.tgtype: bit 1 BEFORE, bit 6 INSTEAD, else AFTER. */
    private static String timing(int type) {
        return (type & 64) != 0 ? "INSTEAD OF" : (type & 2) != 0 ? "BEFORE" : "AFTER";
    }

    /** pg_trigger.tgtype: bits 2 INSERT, 3 DELETE, 4 UPDATE, 5 TRUNCATE. */
    private static String events(int type) {
        List<String> events = new ArrayList<>();
        if ((type & 4) != 0) {
            events.add("INSERT");
        }
        if ((type & 16) != 0) {
            events.add("UPDATE");
        }
        if ((type & 8) != 0) {
            events.add("DELETE");
        }
        if ((type & 32) != 0) {
            events.add("TRUNCATE");
        }
        return String.join(" OR ", events);
    }

    @Override
    public char identifierQuote() {
        return '"';
    }

    @Override
    public String rewrite(ViewSql sql, SchemaObjects from) {
        sql.requote(from.identifierQuote(), '"').dropIntroducers().renameFunction("ifnull", "COALESCE").concatToPipes().limitOffset();
        return null;
    }

    @Override
    public boolean holdsInTransaction() {
        return true; // ALTER TABLE ... DISABLE TRIGGER is undone by a rollback
    }

    @Override
    public List<String> holdOff(Connection connection, Trigger trigger) throws SQLException {
        String table = quote(trigger.table());
        String enabled = Dialect.textRows(connection, "select t.tgenabled from pg_trigger t join pg_class c on c.oid = t.tgrelid "
                + "join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and c.relname = ? and t.tgname = ?",
                trigger.table(), trigger.name()).stream().map(r -> r[0]).findFirst().orElse("O");
        try (Statement st = connection.createStatement()) {
            st.execute("ALTER TABLE " + table + " DISABLE TRIGGER " + quote(trigger.name()));
        }
        // put back as it was: fired always, only in replica mode, or (O) in the ordinary way
        String how = switch (enabled) {
            case "A" -> "ENABLE ALWAYS";
            case "R" -> "ENABLE REPLICA";
            case "D" -> "DISABLE";
            default -> "ENABLE";
        };
        return List.of("ALTER TABLE " + table + " " + how + " TRIGGER " + quote(trigger.name()));
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
