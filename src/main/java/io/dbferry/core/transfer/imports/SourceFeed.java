package io.dbferry.core.transfer.imports;

import io.dbferry.core.model.Table;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.RowSelection;

import java.util.Map;
import java.util.concurrent.BlockingQueue;

/**
 * A copy's tables, parents first (the target's foreign-key order), each read from the source in one
 * read-only snapshot. A parallel job's feed reads through one of the copy's readers, in that same snapshot.
 */
final class SourceFeed implements TableFeed {

    private final ImportPlan plan;
    private final Map<String, Table> tables;
    private final RowSelection selection;
    private final DatabaseConnection source;
    private final BlockingQueue<DatabaseConnection> readers;

    private SourceFeed(ImportPlan plan, Map<String, Table> tables, RowSelection selection, DatabaseConnection source,
                       BlockingQueue<DatabaseConnection> readers) {
        this.plan = plan;
        this.tables = tables;
        this.selection = selection;
        this.source = source;
        this.readers = readers;
    }

    /** Reads through the copy's own source connection, whose snapshot the copier holds. */
    static SourceFeed shared(ImportPlan plan, Map<String, Table> tables, RowSelection selection, DatabaseConnection source) {
        return new SourceFeed(plan, tables, selection, source, null);
    }

    /**
     * A job's feed: one of the copy's readers, each in the copy's snapshot ({@link CopySnapshot#begin}), taken for
     * this job's group and given back when it ends. There are as many readers as jobs, so one is always free.
     */
    static SourceFeed reader(ImportPlan plan, Map<String, Table> tables, RowSelection selection,
                             BlockingQueue<DatabaseConnection> readers) {
        DatabaseConnection free = readers.poll();
        if (free == null) {
            throw new IllegalStateException("more parallel copy jobs than source readers");
        }
        return new SourceFeed(plan, tables, selection, free, readers);
    }

    @Override
    public void pass(Offer offer) {
        for (String targetName : plan.order().order()) {
            String name = plan.sourceName(targetName);
            if (plan.matched().containsKey(name)) {
                offer.offer(name, new SourceRows(source, tables.get(name), selection));
            }
        }
    }

    @Override
    public void close() {
        if (readers != null) {
            readers.add(source); // its snapshot stays open for the next group; the copier closes it at the end
        }
    }
}
