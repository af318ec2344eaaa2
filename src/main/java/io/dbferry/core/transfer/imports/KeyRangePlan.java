package io.dbferry.core.transfer.imports;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.Table;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.ImportJournal.Entry;
import io.dbferry.core.transfer.ImportJournal.KeyRange;
import io.dbferry.core.transfer.ImportOptions;
import io.dbferry.core.transfer.RowSelection;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;

/**
 * Which tables of a copy load in key ranges side by side ({@code --jobs N} with {@code --commit-every M}): a table of
 * more than M rows chosen whole or by --where, with one integer key, is cut into ranges of M rows ({@link KeyRanges});
 * a retry takes the ranges its journal recorded. Other tables load as one stream. Also holds the source readers
 * (each in the copy's snapshot) that range writers beside a table's own job read through.
 *
 * <p>Not split: a table whose insert triggers {@code --disable-triggers} holds off (the hold is per connection and
 * transaction; writers side by side would put a trigger back under another's rows), a text or composite key (its
 * ranges would need the source's ORDER BY collation in every range's condition), and --with-parents' tables.
 */
final class KeyRangePlan {

    private final Map<String, List<KeyRange>> ranges;
    private final BlockingQueue<DatabaseConnection> readers;

    private KeyRangePlan(Map<String, List<KeyRange>> ranges, BlockingQueue<DatabaseConnection> readers) {
        this.ranges = ranges;
        this.readers = readers;
    }

    /** Whether a load with these options may cut tables in key ranges at all (--jobs 2 or more with --commit-every). */
    static boolean mayCut(ImportOptions options) {
        return options.jobs() >= 2 && options.commitEvery() > 0;
    }

    /** The ranges of each table that splits (by target name), cut on {@code source} in the copy's snapshot. */
    static KeyRangePlan decide(ImportPlan plan, ImportOptions options, DatabaseConnection source, DatabaseConnection target,
                               Map<String, Table> tables, RowSelection selection, BlockingQueue<DatabaseConnection> readers) {
        Map<String, List<KeyRange>> ranges = new LinkedHashMap<>();
        for (TargetTable t : plan.loading()) {
            Table table = tables.get(t.source().name());
            Column key = new SourceRows(source, table, selection).integerKey();
            boolean resumes = TableLoader.resumes(plan, t.name(), options);
            if (key == null) {
                if (resumes && plan.earlier().entry(t.name()).orElseThrow().ranges() != null) {
                    throw new DbferryException(Kind.USAGE, Where.table(t.name()), "Table " + t.name() + " was copied in key ranges of"
                            + " its integer key, which the source no longer has, so the ranges not committed cannot be read.",
                            "Copy the table again from its start: copy-records --tables " + t.source().name() + " --clear.", null);
                }
                continue;
            }
            if (resumes) {
                // committed ranges are resumed as they were cut; committed chunks in key order (no ranges) go on as chunks
                Entry earlier = plan.earlier().entry(t.name()).orElseThrow();
                if (earlier.ranges() != null) {
                    ranges.put(t.name(), earlier.ranges());
                }
                continue;
            }
            long every = options.commitEvery();
            if (!mayCut(options) || plan.rowsInFile(t) <= every || !selection.simple(table)
                    || (options.disableTriggers() && hasInsertTriggers(target, t.name()))) {
                continue;
            }
            List<KeyRange> cut = KeyRanges.cut(source, table, key, selection.whole(table) ? null : selection.condition(table), every);
            if (cut.size() > 1) {
                ranges.put(t.name(), cut);
            }
        }
        return new KeyRangePlan(ranges, readers);
    }

    /** Whether {@code table} (a target name) loads in key ranges. */
    boolean splits(String table) {
        return ranges.containsKey(table);
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    List<KeyRange> ranges(String table) {
        return ranges.get(table);
    }

    /** A source reader no job holds now, or null; given back with {@link #giveBack}. */
    DatabaseConnection freeReader() {
        return readers.poll();
    }

    void giveBack(DatabaseConnection reader) {
        readers.add(reader);
    }

    private static boolean hasInsertTriggers(DatabaseConnection target, String table) {
        try {
            return !target.dialect().insertTriggers(target.jdbc(), table).isEmpty();
        } catch (SQLException e) {
            throw new DbferryException(Kind.DATABASE, Where.table(table), "Cannot read the insert triggers of table " + table
                    + " on the target.", "Check that the target is still connected ('status'), then copy again.", e);
        }
    }
}
