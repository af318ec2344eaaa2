package io.dbferry.core.dump;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a dump once from end to end and hands what it reads to each {@link DumpVisitor}, so several
 * checks cost one read of the file. A damaged file throws {@link DumpFormatException} where the damage
 * is, after the visitors have seen everything before it.
 */
public final class DumpPass {

    private DumpPass() {
    }

    public static void run(Path file, List<? extends DumpVisitor> visitors) {
        requireFile(file);
        try (DumpReader reader = DumpReader.open(file)) {
            visitors.forEach(v -> v.header(reader.header()));
            List<DumpVisitor> reading = new ArrayList<>(visitors.size());
            DumpTable table;
            while ((table = reader.nextTable()) != null) {
                reading.clear();
                for (DumpVisitor v : visitors) {
                    if (v.table(table)) {
                        reading.add(v);
                    }
                }
                if (reading.isEmpty()) {
                    continue; // nextTable() skips the rows, checking their count
                }
                Object[] row;
                while ((row = reader.nextRow()) != null) {
                    long rowNumber = reader.rowNumber();
                    for (DumpVisitor v : reading) {
                        v.row(row, rowNumber);
                    }
                }
                for (DumpVisitor v : reading) {
                    v.tableEnd(table, reader.trailer());
                }
            }
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** The file could not be read (not its content: the disk, the permissions). */
    public static DbferryException unreadable(Path file, IOException e) {
        return new DbferryException(Kind.FILE, Where.NOWHERE, "Cannot read " + file + ": " + e.getMessage(), null, e);
    }

    /** Refuses a dump path that is not a regular file (saying what it is), before anything else is done with it. */
    public static void requireFile(Path file) {
        DumpFiles.requireRegularFile(file);
    }
}
