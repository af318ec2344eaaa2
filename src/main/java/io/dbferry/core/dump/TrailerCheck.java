package io.dbferry.core.dump;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every row of every table read, so that the reader checks each table's row count and checksum against
 * its trailer; what it saw is the file's {@link DumpContents}. A table that appears twice (a hand-edited
 * file) is refused where the second one begins: an import would load the one and fail the other.
 */
public final class TrailerCheck implements DumpVisitor {

    private DumpHeader header;
    private final List<DumpContents.Entry> tables = new ArrayList<>();
    /** Each table's 1-based position among the file's tables. */
    private final Map<String, Integer> positions = new HashMap<>();

    @Override
    public void header(DumpHeader header) {
        this.header = header;
    }

    @Override
    public boolean table(DumpTable table) {
        int position = positions.size() + 1;
        Integer earlier = positions.putIfAbsent(table.name(), position);
        if (earlier != null) {
            throw new DumpFormatException("Table " + table.name() + " appears twice in the file: as its table "
                    + earlier + " and again as its table " + position + "; nothing was written.",
                    "Keep one of them (a dump has each table once), or export the file again.", null, table.name(), 0, null, null);
        }
        return true;
    }

    @Override
    public void tableEnd(DumpTable table, TableTrailer trailer) {
        tables.add(new DumpContents.Entry(table, trailer));
    }

    /**
     * The file's tables and trailers with every row skipped, not decoded: its structure, counts and table names checked
     * (a truncated or malformed file is refused here) but no checksum, which the load computes as it reads each table.
     */
    public static DumpContents skim(Path file) {
        DumpPass.requireFile(file);
        TrailerCheck trailers = new TrailerCheck();
        try (DumpReader reader = DumpReader.open(file)) {
            trailers.header(reader.header());
            DumpTable table;
            while ((table = reader.nextTable()) != null) {
                trailers.table(table);
                trailers.tableEnd(table, reader.skipRest());
            }
        } catch (java.io.IOException e) {
            throw DumpPass.unreadable(file, e);
        }
        return trailers.contents(file);
    }

    /** The header and the checked tables; complete once a {@link DumpPass} over {@code file} has ended. */
    public DumpContents contents(Path file) {
        return new DumpContents(file, header, List.copyOf(tables));
    }
}
