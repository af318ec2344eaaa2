package io.dbferry.core.dump;

import io.dbferry.core.model.PortableType;

import java.util.Objects;

/**
 * One column of a dumped table.
 *
 * @param name       column name as in the source
 * @param type       portable type; decides how values are encoded in the file
 * @param sourceType the source engine's declared type (e.g. {@code "varchar(100)"}), informational; may be null
 * @param nullable   whether the source column accepts NULL
 * @param primaryKey whether the column is part of the primary key
 */
public record DumpColumn(String name, PortableType type, String sourceType, boolean nullable, boolean primaryKey) {
    public DumpColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
