package io.dbferry.core.dump;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every row of every table read, so that the reader checks each table's row count and checksum against
 * its trailer; what it saw is the file's {@link DumpContents}.
 */
public final class TrailerCheck implements DumpVisitor {

    private DumpHeader header;
    private final List<DumpContents.Entry> tables = new ArrayList<>();

    @Override
    public void header(DumpHeader header) {
        this.header = header;
    }

    @Override
    public void tableEnd(DumpTable table, TableTrailer trailer) {
        tables.add(new DumpContents.Entry(table, trailer));
    }

    /** The header and the checked tables; complete once a {@link DumpPass} over {@code file} has ended. */
    public DumpContents contents(Path file) {
        return new DumpContents(file, header, List.copyOf(tables));
    }
}
