package io.dbferry.core.model;

import java.util.List;

/** A foreign key from {@code table(columns)} to {@code referencedTable(referencedColumns)}. */
public record ForeignKey(String name, String table, List<String> columns, String referencedTable,
                         List<String> referencedColumns) {

    public boolean isSelfReference() {
        return table.equals(referencedTable);
    }
}
