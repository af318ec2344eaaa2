package io.dbferry.core.dialect;

import io.dbferry.core.model.Column;
import io.dbferry.core.model.DefaultValue;
import io.dbferry.core.model.PortableType;
import org.jooq.DSLContext;

import java.util.List;

/**
 * One engine's words for what copy-schema carries besides column types, read on the source side
 * ({@link #portableDefault}, {@link #collationIgnoresCase}) and written on the target side (the rest).
 * The defaults here are standard SQL, which SQLite speaks; MySQL and PostgreSQL override what differs.
 */
public class SchemaSql {

    /** The column's default in neutral form, read from the text this engine wrote; null when it has none. */
    public DefaultValue portableDefault(Column column) {
        String text = column.defaultValue();
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("NULL")) {
            return null;
        }
        DefaultValue literal = DefaultExpressions.literal(text);
        return literal != null ? literal : new DefaultValue.Expression(text.trim());
    }

    /**
     * This engine's DEFAULT text for {@code value} on a column declared {@code targetType} holding
     * {@code type}; null when the engine cannot express it.
     */
    public String defaultSql(DefaultValue value, PortableType type, String targetType) {
        if (value instanceof DefaultValue.Literal literal) {
            return DefaultExpressions.literalFor(literal, type);
        }
        if (value instanceof DefaultValue.Now now) {
            return switch (now.moment()) {
                case DATE -> "CURRENT_DATE";
                case TIME -> "CURRENT_TIME";
                case TIMESTAMP -> "CURRENT_TIMESTAMP";
            };
        }
        return null;
    }

    /** What goes after the column's DEFAULT for MySQL's {@code ON UPDATE CURRENT_TIMESTAMP}; null when the engine needs a trigger. */
    public String onUpdateClause(String targetType) {
        return null;
    }

    /**
     * The statements (a trigger, with its function where the engine needs one) that set {@code column} to
     * the current timestamp on every UPDATE that leaves it unchanged, as MySQL's ON UPDATE does; empty when
     * the engine has no triggers.
     */
    public List<String> onUpdateTrigger(DSLContext dsl, String triggerName, String table, String column, PortableType type) {
        return List.of();
    }

    /** The column definition's tail for a computed column; null when the engine has none of that kind. */
    public String generatedClause(String expression, boolean stored) {
        return "GENERATED ALWAYS AS (" + expression + ")" + (stored ? " STORED" : " VIRTUAL");
    }

    /** The column type of its own for an ENUM or SET's values (MySQL's ENUM, SET); null when a CHECK must hold them. */
    public String choicesType(Column.Choices choices) {
        return null;
    }

    /** A CHECK over {@code quotedColumn} allowing only the SET's comma-separated subsets; null when the engine cannot say it. */
    public String setCheck(String quotedColumn, List<String> values) {
        return null;
    }

    /** Whether {@code a || b} concatenates (standard SQL) rather than meaning OR (MySQL). */
    public boolean pipesConcatenate() {
        return true;
    }

    /**
     * The collation clause a text column is created with: {@code requested} when given, else one that
     * compares as the source column did ({@code ignoresCase}); empty for the engine's default.
     */
    public String collationClause(String requested, boolean ignoresCase) {
        return "";
    }

    /** Whether text under this engine's collation of that name compares ignoring case (utf8mb4_general_ci, NOCASE). */
    public boolean collationIgnoresCase(String collation) {
        return false;
    }

    /** Whether a foreign key may be DEFERRABLE (checked at the commit). */
    public boolean deferrableForeignKeys() {
        return true;
    }

    /**
     * A column type only this engine has (PostgreSQL's arrays, tsvector): its declaration here, and what it becomes
     * on another engine; null for a column of any other type.
     */
    public OwnType ownType(Column column) {
        return null;
    }

    /** {@code sql}: the type as this engine declares it; {@code elsewhere}: what it is carried as on other engines. */
    public record OwnType(String sql, String elsewhere) {
    }

    /** The same engine: its types and SQL mean the same there. */
    public boolean sameEngine(SchemaSql other) {
        return other.getClass() == getClass();
    }
}
