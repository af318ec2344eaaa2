package io.dbferry.core.transfer.imports;

import io.dbferry.core.dump.DumpFormatException;
import io.dbferry.core.dump.DumpPass;
import io.dbferry.core.dump.DumpReader;
import io.dbferry.core.dump.DumpTable;

import java.io.IOException;
import java.nio.file.Path;

/** A dump's tables in file order, each pass one read of the file. */
final class DumpFeed implements TableFeed {

    private final Path file;

    DumpFeed(Path file) {
        this.file = file;
    }

    @Override
    public void pass(Offer offer) {
        DumpReader reader = null;
        try {
            reader = DumpReader.open(file);
            int offered = 0;
            while (true) {
                DumpTable table;
                try {
                    table = reader.nextTable();
                } catch (DumpFormatException e) {
                    if (offered == 0) {
                        throw e;
                    }
                    // the table before stopped mid-row on damage found as it loaded (the load rolled it back); the
                    // file's structure was read whole before the load, so a new reader goes on at the next table
                    reader.close();
                    reader = positioned(offered);
                    table = reader.nextTable();
                }
                if (table == null) {
                    return;
                }
                offered++;
                offer.offer(table.name(), new DumpRows(file, table.name(), reader));
            }
        } catch (IOException e) {
            throw DumpPass.unreadable(file, e);
        } finally {
            closeQuietly(reader);
        }
    }

    /** A reader past the file's first {@code tables} tables (their rows skipped, not decoded). */
    private DumpReader positioned(int tables) throws IOException {
        DumpReader reader = DumpReader.open(file);
        for (int i = 0; i < tables; i++) {
            reader.nextTable();
        }
        return reader;
    }

    private static void closeQuietly(DumpReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException ignored) {
                // the pass is over; what it read is loaded or recorded
            }
        }
    }
}
