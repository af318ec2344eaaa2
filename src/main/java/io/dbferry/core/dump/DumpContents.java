package io.dbferry.core.dump;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A dump file read once end to end: its header and each table's columns, row count and checksum, all
 * checked ({@link TrailerCheck}). Import reads this first so a damaged file is refused before anything is written.
 */
public record DumpContents(Path file, DumpHeader header, List<Entry> tables) {

    public record Entry(DumpTable table, TableTrailer trailer) {
        public String name() {
            return table.name();
        }
    }

    /** The file read end to end through a {@link TrailerCheck} alone. */
    public static DumpContents read(Path file) {
        TrailerCheck trailers = new TrailerCheck();
        DumpPass.run(file, List.of(trailers));
        return trailers.contents(file);
    }

    public Optional<Entry> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public long totalRows() {
        return tables.stream().mapToLong(t -> t.trailer().rowCount()).sum();
    }
}
