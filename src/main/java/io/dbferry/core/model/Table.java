package io.dbferry.core.model;

import java.util.List;
import java.util.Optional;

/**
 * A table's structure: columns in order, primary key, indexes (unique constraints among them, as the unique
 * index every engine keeps for one), the foreign keys it declares and its CHECK constraints.
 */
public record Table(String name, List<Column> columns, List<String> primaryKey, List<Index> indexes,
                    List<ForeignKey> foreignKeys, List<Check> checks) {

    /** A table without CHECK constraints. */
    public Table(String name, List<Column> columns, List<String> primaryKey, List<Index> indexes, List<ForeignKey> foreignKeys) {
        this(name, columns, primaryKey, indexes, foreignKeys, List.of());
    }

    /** A CHECK constraint: its name (null when the engine gave none) and its expression as the engine wrote it. */
    public record Check(String name, String expression) {
    }

    /** The column of that exact name, else the only one differing from it in case ({@link Names#find}). */
    public Optional<Column> column(String columnName) {
        return Names.find(columnName, columnNames())
                .flatMap(found -> columns.stream().filter(c -> c.name().equals(found)).findFirst());
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** The columns an insert writes: all but those the engine computes. */
    public List<Column> writableColumns() {
        return columns.stream().filter(c -> !c.isGenerated()).toList();
    }

    public boolean hasPrimaryKey() {
        return !primaryKey.isEmpty();
    }

    public Table withColumns(List<Column> replaced) {
        return new Table(name, replaced, primaryKey, indexes, foreignKeys, checks);
    }

    public Table withIndexes(List<Index> replaced) {
        return new Table(name, columns, primaryKey, replaced, foreignKeys, checks);
    }

    public Table withChecks(List<Check> replaced) {
        return new Table(name, columns, primaryKey, indexes, foreignKeys, replaced);
    }
}
