package io.dbferry.core.dump;

import java.util.List;
import java.util.Objects;

/** A table as announced in the dump, before its rows. */
public record DumpTable(String name, List<DumpColumn> columns) {
    public DumpTable {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
    }
}
