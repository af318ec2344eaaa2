package io.dbferry.core.dialect;

import io.dbferry.core.model.Trigger;
import io.dbferry.core.model.View;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * An engine's views and triggers: reading them from its catalog, porting a view's query written for another
 * engine, and holding a trigger off while a table loads ({@code import-records --disable-triggers}).
 */
public interface SchemaObjects {

    /** The views of the connection's schema, each with its query. */
    List<View> views(Connection connection) throws SQLException;

    /** The triggers of the connection's schema, in the order they fire within each table. */
    List<Trigger> triggers(Connection connection) throws SQLException;

    /** How this engine quotes an identifier in its SQL. */
    char identifierQuote();

    /**
     * {@code view}'s query, read from {@code from}'s engine, as this engine would run it: unchanged, after the known
     * small rewrites (each named), or not carried with the reason.
     */
    default ViewPort port(View view, SchemaObjects from) {
        if (sameEngine(from)) {
            return ViewPort.asIs(view.definition());
        }
        ViewSql sql = ViewSql.parse(view.definition(), from.identifierQuote(), from.identifierQuote() == '`');
        String refusal = rewrite(sql, from);
        if (refusal != null) {
            return ViewPort.notCarried(refusal);
        }
        return sql.rewrites().isEmpty() ? ViewPort.asIs(view.definition()) : ViewPort.rewritten(sql.sql(), sql.rewrites());
    }

    /** Applies this engine's rewrites to {@code sql}, read from another engine's {@code from}: null, or why it cannot be carried. */
    String rewrite(ViewSql sql, SchemaObjects from);

    /**
     * True when holding a trigger off and putting it back are undone by a rollback, so both run inside the table's
     * transaction; false when each such statement commits by itself, so the statements that put the triggers back must
     * be saved (in the import journal) before any is held off.
     */
    boolean holdsInTransaction();

    /** Holds {@code trigger} off and returns the statements that put it in place again as it was. */
    List<String> holdOff(Connection connection, Trigger trigger) throws SQLException;

    /** The same engine: its SQL runs there as it is. */
    default boolean sameEngine(SchemaObjects other) {
        return other.getClass() == getClass();
    }
}
