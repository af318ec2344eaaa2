package io.dbferry.core.model;

import java.util.List;
import java.util.Optional;

/** A table's structure: columns in order, primary key, indexes and the foreign keys it declares. */
public record Table(String name, List<Column> columns, List<String> primaryKey, List<Index> indexes,
                    List<ForeignKey> foreignKeys) {

    /** The column of that exact name, else the only one differing from it in case ({@link Names#find}). */
    public Optional<Column> column(String columnName) {
        return Names.find(columnName, columnNames())
                .flatMap(found -> columns.stream().filter(c -> c.name().equals(found)).findFirst());
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    public boolean hasPrimaryKey() {
        return !primaryKey.isEmpty();
    }
}
