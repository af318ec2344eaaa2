package io.dbferry.core.dump;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A dump file read once end to end: its header and each table's columns, row count and checksum, all
 * checked. Import reads this first so a damaged file is refused before anything is written.
 */
public record DumpContents(Path file, DumpHeader header, List<Entry> tables) {

    public record Entry(DumpTable table, TableTrailer trailer) {
        public String name() {
            return table.name();
        }
    }

    public static DumpContents read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DbferryException(Kind.FILE, "The dump file " + file + " does not exist.", "Check the path given to -f.");
        }
        try (DumpReader reader = DumpReader.open(file)) {
            List<Entry> tables = new ArrayList<>();
            DumpTable table;
            while ((table = reader.nextTable()) != null) {
                while (reader.nextRow() != null) {
                    // every row is decoded and hashed: the trailer check needs them all
                }
                tables.add(new Entry(table, reader.trailer()));
            }
            return new DumpContents(file, reader.header(), List.copyOf(tables));
        } catch (IOException e) {
            throw new DbferryException(Kind.FILE, "Cannot read " + file + ": " + e.getMessage(), null, e);
        }
    }

    /**
     * Builds the contents while another reader walks the whole file for its own purpose (the encoding
     * check), so an import reads the file once before loading instead of twice.
     */
    public static final class Collector {
        private DumpHeader header;
        private final List<Entry> tables = new ArrayList<>();

        public void header(DumpHeader header) {
            this.header = header;
        }

        /** A table whose rows were all read, so its trailer was checked. */
        public void table(DumpTable table, TableTrailer trailer) {
            tables.add(new Entry(table, trailer));
        }

        public DumpContents build(Path file) {
            return new DumpContents(file, header, List.copyOf(tables));
        }
    }

    public Optional<Entry> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public long totalRows() {
        return tables.stream().mapToLong(t -> t.trailer().rowCount()).sum();
    }
}
