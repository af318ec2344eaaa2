package io.dbferry.core.schema;

/**
 * One thing copy-schema carried beside a column type, or could not: a default, ON UPDATE, a generated column,
 * a CHECK, ENUM/SET values, a collation, a foreign key's actions. {@code column} is null for a table's own.
 *
 * @param from    as the source wrote it
 * @param to      as the target gets it; null when not carried
 */
public record SchemaNote(String table, String column, String what, String from, String to, Outcome outcome) {

    public enum Outcome { CARRIED, TRANSLATED, NOT_CARRIED }

    static SchemaNote of(String table, String column, String what, String from, String to) {
        Outcome outcome = to == null ? Outcome.NOT_CARRIED : to.equals(from) ? Outcome.CARRIED : Outcome.TRANSLATED;
        return new SchemaNote(table, column, what, from, to, outcome);
    }

    /** {@code table.column}, or the table alone. */
    public String place() {
        return column == null ? table : table + "." + column;
    }
}
