package io.dbferry.core.model;

import java.util.List;

/**
 * A foreign key from {@code table(columns)} to {@code referencedTable(referencedColumns)}, with what the engine
 * does to the referencing rows when the referenced key is updated or deleted, and whether its check may wait
 * for the commit.
 */
public record ForeignKey(String name, String table, List<String> columns, String referencedTable,
                         List<String> referencedColumns, Action onUpdate, Action onDelete, Deferral deferral) {

    /** A key with the SQL defaults: NO ACTION both ways, checked at once. */
    public ForeignKey(String name, String table, List<String> columns, String referencedTable, List<String> referencedColumns) {
        this(name, table, columns, referencedTable, referencedColumns, Action.NO_ACTION, Action.NO_ACTION, Deferral.NOT_DEFERRABLE);
    }

    /** The referential actions of SQL, as {@code java.sql.DatabaseMetaData} numbers them. */
    public enum Action {
        NO_ACTION("NO ACTION"), RESTRICT("RESTRICT"), CASCADE("CASCADE"), SET_NULL("SET NULL"), SET_DEFAULT("SET DEFAULT");

        private final String sql;

        Action(String sql) {
            this.sql = sql;
        }

        /** The words of the ON UPDATE / ON DELETE clause. */
        public String sql() {
            return sql;
        }
    }

    /** When the key is checked: always at once, or deferrable (initially immediate or initially deferred). */
    public enum Deferral {
        NOT_DEFERRABLE, INITIALLY_IMMEDIATE, INITIALLY_DEFERRED;

        public boolean deferrable() {
            return this != NOT_DEFERRABLE;
        }
    }

    public boolean isSelfReference() {
        return table.equals(referencedTable);
    }
}
