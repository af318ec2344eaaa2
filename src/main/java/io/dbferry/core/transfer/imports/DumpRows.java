package io.dbferry.core.transfer.imports;

import io.dbferry.core.dump.DumpReader;
import io.dbferry.core.dump.DumpTable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A dump table's rows: the first pass is the reader already at the table (the file is read once); every
 * later pass opens the file again and reads to the table. The file never changes under a journal (its
 * creation time names it), so rows already committed are skipped by count.
 */
final class DumpRows implements RowOrigin {

    private final Path file;
    private final String table;
    private DumpReader first;

    DumpRows(Path file, String table, DumpReader positioned) {
        this.file = file;
        this.table = table;
        this.first = positioned;
    }

    @Override
    public Pass open(long committedRows, List<String> lastKey) throws IOException {
        DumpReader reader = first;
        boolean own = reader == null;
        first = null;
        if (own) {
            reader = DumpReader.open(file);
            DumpTable t;
            while ((t = reader.nextTable()) != null && !t.name().equals(table)) {
                // skip to the table
            }
            if (t == null) {
                reader.close();
                throw new IOException("table " + table + " is no longer in the file");
            }
        }
        for (long skipped = 0; skipped < committedRows; skipped++) {
            if (reader.nextRow() == null) {
                break;
            }
        }
        DumpReader pass = reader;
        return new Pass() {
            @Override
            public Object[] next() throws IOException {
                return pass.nextRow();
            }

            @Override
            public void close() throws IOException {
                if (own) {
                    pass.close();
                }
            }
        };
    }
}
