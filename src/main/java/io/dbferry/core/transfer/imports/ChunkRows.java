package io.dbferry.core.transfer.imports;

import io.dbferry.core.dialect.BulkLoader;
import io.dbferry.core.dump.RowDigest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * At most {@code limit} rows of a pass (one chunk of --commit-every; all of them without it), remembering
 * the last row given, whose key the journal records once the chunk commits, and whether the pass ended.
 */
final class ChunkRows implements BulkLoader.RowSource {

    private final BulkLoader.RowSource pass;
    private final long limit;
    private long given;
    private Object[] last;
    private boolean ended;

    ChunkRows(BulkLoader.RowSource pass, long limit) {
        this.pass = pass;
        this.limit = limit;
    }

    @Override
    public Object[] next() throws IOException {
        if (given >= limit || ended) {
            return null;
        }
        Object[] row = pass.next();
        if (row == null) {
            ended = true;
            return null;
        }
        given++;
        last = row;
        return row;
    }

    /** Whether the pass had no row after this chunk's: the table is complete once it commits. */
    boolean ended() {
        return ended;
    }

    /**
     * The last row's primary key as canonical text (the row converted for the target by then), or its
     * row number for a table without one.
     */
    List<String> lastKey(TargetTable table) {
        List<String> key = new ArrayList<>();
        List<String> pk = table.target().primaryKey();
        for (String k : pk) {
            for (int i = 0; i < table.columns().size(); i++) {
                if (table.columns().get(i).name().equals(k)) {
                    key.add(RowDigest.canonical(table.columns().get(i).portableType(), last[table.filePositions()[i]]));
                }
            }
        }
        return key;
    }
}
