package io.dbferry.core.transfer.imports;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
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
        try (DumpReader reader = DumpReader.open(file)) {
            DumpTable table;
            while ((table = reader.nextTable()) != null) {
                offer.offer(table.name(), new DumpRows(file, table.name(), reader));
            }
        } catch (IOException e) {
            throw new DbferryException(Kind.FILE, Where.NOWHERE, "Cannot read " + file + ": " + e.getMessage(), null, e);
        }
    }
}
