package io.dbferry.core.transfer.imports;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.model.Table;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.RowSelection;

import java.sql.SQLException;
import java.util.Map;

/**
 * A copy's tables, parents first (the target's foreign-key order), each read from the source in one
 * read-only snapshot. A parallel job's feed reads through a source connection of its own, joined to the
 * copy's snapshot where the engine can share one ({@code Dialect.exportSnapshot}), else in a snapshot of its own.
 */
final class SourceFeed implements TableFeed {

    private final ImportPlan plan;
    private final Map<String, Table> tables;
    private final RowSelection selection;
    private final DatabaseConnection source;
    private final boolean own;

    private SourceFeed(ImportPlan plan, Map<String, Table> tables, RowSelection selection, DatabaseConnection source, boolean own) {
        this.plan = plan;
        this.tables = tables;
        this.selection = selection;
        this.source = source;
        this.own = own;
    }

    /** Reads through the copy's own source connection, whose snapshot the copier holds. */
    static SourceFeed shared(ImportPlan plan, Map<String, Table> tables, RowSelection selection, DatabaseConnection source) {
        return new SourceFeed(plan, tables, selection, source, false);
    }

    /** A job's feed: another source connection, in the snapshot named {@code snapshot} (null: one of its own). */
    static SourceFeed ownConnection(ImportPlan plan, Map<String, Table> tables, RowSelection selection, DatabaseConnection source,
                                    String snapshot) {
        DatabaseConnection another = null;
        try {
            another = source.openAnother();
            if (snapshot != null) {
                another.dialect().joinSnapshot(another.jdbc(), snapshot);
            } else {
                another.dialect().beginSnapshot(another.jdbc());
            }
            return new SourceFeed(plan, tables, selection, another, true);
        } catch (SQLException e) {
            if (another != null) {
                another.close();
            }
            throw new DbferryException(Kind.DATABASE, Where.NOWHERE, "A parallel copy job could not open its read-only snapshot of "
                    + "the source.", "Copy with --jobs 1.", e);
        }
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
        if (own) {
            CopySnapshot.end(source);
            source.close();
        }
    }
}
