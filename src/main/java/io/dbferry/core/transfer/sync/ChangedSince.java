package io.dbferry.core.transfer.sync;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.dialect.BucketChecksums;
import io.dbferry.core.dialect.BucketChecksums.KeyRange;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.PortableType;
import io.dbferry.core.rows.TableScan;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.KeyOrderedWalk;
import io.dbferry.core.transfer.SyncMarks;
import io.dbferry.core.transfer.Verifier;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * One table's differences when its target is known to hold the source's rows as of a mark ({@link SyncMarks}): only
 * the rows the source changed since are read ({@code ChangedRows}), in key order, and paired with the target's rows of
 * the same keys, {@link #KEYS_PER_QUERY} at a time. The rows deleted since leave no version behind, so they are
 * counted: every source row is on the target (unchanged, or just found missing), so the target's rows beyond the
 * source's, less those missing, are the deleted ones. Where there are some, both sides count their rows per key range
 * (an integer key) and only the ranges with more on the target have their keys read, or every key is read (other
 * keys). Counts that cannot be (the target holding fewer than the source's unchanged rows, or deleted rows not found
 * where counted) mean the target is not what the mark says: nothing is kept and the table is compared in full.
 */
final class ChangedSince {

    /** Changed rows looked up on the target per query. */
    static final int KEYS_PER_QUERY = 1_000;
    /** The keys found missing kept for counting them in narrower ranges, up to this many (8 bytes each). */
    static final int INSERTED_KEYS_KEPT = 4_000_000;

    private final TableSyncer syncer;
    private final SyncTable table;
    private final DatabaseConnection source;
    private final DatabaseConnection target;
    private final boolean integerKey;
    /** With an integer key: how many keys were found missing per bucket of the first width, and those keys in order (up to a limit). */
    private final Map<Long, Long> insertedPerBucket = new HashMap<>();
    private long[] insertedKeys = new long[1024];
    private int insertedKept;

    ChangedSince(TableSyncer syncer, SyncTable table, DatabaseConnection source, DatabaseConnection target) {
        this.syncer = syncer;
        this.table = table;
        this.source = source;
        this.target = target;
        this.integerKey = table.key().length == 1 && table.source().columns().get(table.key()[0]).portableType() == PortableType.INTEGER;
    }

    /** Finds the table's differences from the mark; empty when done, else why the mark does not hold (nothing kept). */
    Optional<String> find(SyncMarks.Entry mark, boolean delete) {
        // the changed rows' keys are looked up on the target as bound values: plain for integers and text, not for
        // values a dialect binds its own way (MariaDB's fractional seconds as text, SQLite's BLOB mark)
        Optional<Column> keyOfOtherType = keyColumns(true).stream()
                .filter(c -> c.portableType() != PortableType.INTEGER && c.portableType() != PortableType.TEXT).findFirst();
        if (keyOfOtherType.isPresent()) {
            return Optional.of("mark not used: key column " + keyOfOtherType.get().name() + " is neither an integer nor text");
        }
        long width = integerKey && delete ? RangeChecksums.width(table, source) : 0;
        long changed = readChanged(mark, width);
        List<Long> rows = RangeChecksums.onBoth(source, target, db -> count(db, "select count(*) from " + name(db)));
        long extra = rows.get(1) - rows.get(0) + syncer.inserted();
        String since = "row versions since " + Instant.parse(mark.takenAt()).truncatedTo(ChronoUnit.SECONDS) + " ("
                + String.format("%,d changed row%s read", changed, changed == 1 ? "" : "s");
        if (extra < 0) {
            return Optional.of("the target holds fewer rows than the mark says, so every row was compared");
        }
        // with --no-delete the target's extra rows stay, counted unchanged
        syncer.addUnchanged(rows.get(0) - changed + (delete ? 0 : extra));
        if (!delete || extra == 0) {
            syncer.comparedBy(since + ")");
            return Optional.empty();
        }
        String deletes;
        if (integerKey) {
            Optional<List<KeyRange>> ranges = rangesWithExtra(width);
            if (ranges.isEmpty()) {
                return Optional.of("the target's rows per key range are not what the mark says, so every row was compared");
            }
            List<org.jooq.Table<?>> onSource = RangeChecksums.rowsInRanges(table, source, true, ranges.get());
            List<org.jooq.Table<?>> onTarget = RangeChecksums.rowsInRanges(table, target, false, ranges.get());
            for (int k = 0; k < onSource.size(); k++) {
                walkKeys(onSource.get(k), onTarget.get(k));
            }
            deletes = String.format("; deletes in %,d key range%s", ranges.get().size(), ranges.get().size() == 1 ? "" : "s");
        } else {
            walkKeys(null, null);
            deletes = "; every key read for deletes";
        }
        if (syncer.deleted() != extra) {
            return Optional.of("the target's keys are not what the mark says, so every row was compared");
        }
        syncer.comparedBy(since + deletes + ")");
        return Optional.empty();
    }

    /** The changed rows, read in key order and paired with the target's rows of their keys; returns how many. */
    private long readChanged(SyncMarks.Entry mark, long width) {
        Condition changed;
        try {
            changed = source.dialect().changedRows().changedSince(source.jdbc(), mark.mark());
        } catch (SQLException e) {
            throw failure("the source", e);
        }
        long count = 0;
        try (TableScan scan = opened(() -> TableScan.open(source, table.source(), table.source().columns(), changed, null), "the source")) {
            List<Object[]> chunk = new ArrayList<>(KEYS_PER_QUERY);
            for (Object[] row = scan.next(); ; row = scan.next()) {
                if (row != null) {
                    chunk.add(row);
                    count++;
                }
                if (chunk.size() == KEYS_PER_QUERY || row == null && !chunk.isEmpty()) {
                    pair(chunk, width);
                    chunk = new ArrayList<>(KEYS_PER_QUERY);
                }
                if (row == null) {
                    return count;
                }
            }
        }
    }

    /** Walks {@code chunk} against the target's rows of the same keys; a missing one is counted in its key's bucket. */
    private void pair(List<Object[]> chunk, long width) {
        try (TableScan actual = opened(() -> TableScan.open(target, table.target(), table.targetColumns(), keyIn(chunk), null), "the target")) {
            Iterator<Object[]> expected = chunk.iterator();
            syncer.walk(() -> expected.hasNext() ? expected.next() : null, () -> syncer.asExpected(actual.next()), false, row -> {
                if (width > 0) {
                    long key = ((Number) row[table.key()[0]]).longValue();
                    insertedPerBucket.merge(key / width, 1L, Long::sum);
                    if (insertedKept < INSERTED_KEYS_KEPT) {
                        if (insertedKept == insertedKeys.length) {
                            insertedKeys = java.util.Arrays.copyOf(insertedKeys, insertedKept * 2);
                        }
                        insertedKeys[insertedKept++] = key;
                    }
                }
            });
        }
    }

    /** The target's rows whose key is one of {@code rows}' keys. */
    private Condition keyIn(List<Object[]> rows) {
        int[] key = table.key();
        List<Field<Object>> fields = IntStream.of(key).mapToObj(k -> DSL.field(DSL.name(table.targetColumns().get(k).name()))).toList();
        if (key.length == 1) {
            return fields.get(0).in(rows.stream().map(r -> r[key[0]]).toList());
        }
        return DSL.row(fields).in(rows.stream().map(r -> DSL.row(IntStream.of(key).mapToObj(k -> r[k]).toArray())).toList());
    }

    /**
     * The key ranges where the target holds more rows than the source, less those found missing: where the deleted rows
     * are, counted per bucket of {@code width} and then, as the checksums do, again in buckets
     * {@link RangeChecksums#REFINE} times narrower within those (a deleted row then costs about 8 keys read per side,
     * not 128). Empty when a range holds fewer (the mark does not hold).
     */
    private Optional<List<KeyRange>> rangesWithExtra(long width) {
        Optional<List<KeyRange>> coarse = withExtra(null, width, insertedPerBucket);
        long narrow = width / RangeChecksums.REFINE;
        if (coarse.isEmpty() || narrow < 1 || width % RangeChecksums.REFINE != 0 || insertedKept < syncer.inserted()) {
            return coarse;
        }
        Map<Long, Long> inserted = new HashMap<>();
        for (int i = 0; i < insertedKept; i++) {
            inserted.merge(insertedKeys[i] / narrow, 1L, Long::sum);
        }
        return withExtra(coarse.get(), narrow, inserted);
    }

    /** Both sides' counts per bucket of {@code width} (within {@code ranges}, or all), the buckets with rows beyond the source's. */
    private Optional<List<KeyRange>> withExtra(List<KeyRange> ranges, long width, Map<Long, Long> inserted) {
        List<Map<Long, Long>> sides = RangeChecksums.onBoth(source, target, db -> bucketCounts(db, ranges, width));
        Map<Long, Long> extra = new HashMap<>(sides.get(1));
        sides.get(0).forEach((b, n) -> extra.merge(b, -n, Long::sum));
        // a key found missing is a source row: its bucket is counted there, unless it lies outside {@code ranges}
        inserted.forEach((b, n) -> extra.computeIfPresent(b, (k, v) -> v + n));
        List<KeyRange> found = new ArrayList<>();
        for (Map.Entry<Long, Long> e : extra.entrySet()) {
            if (e.getValue() < 0) {
                return Optional.empty();
            }
            if (e.getValue() > 0) {
                found.add(RangeChecksums.rangeOf(e.getKey(), width));
            }
        }
        return Optional.of(RangeChecksums.merged(found));
    }

    private Map<Long, Long> bucketCounts(DatabaseConnection db, List<KeyRange> within, long width) {
        boolean isSource = db == source;
        BucketChecksums sums = db.dialect().bucketChecksums();
        List<org.jooq.Table<?>> froms = within == null ? List.of(sums.table(isSource ? table.source().name() : table.name()))
                : RangeChecksums.rowsInRanges(table, db, isSource, within);
        Map<Long, Long> counts = new HashMap<>();
        for (org.jooq.Table<?> from : froms) {
            String sql = sums.counts(db.dialect().dsl(db.jdbc()), from, keyColumns(isSource).get(0).name(), width);
            try (PreparedStatement ps = db.jdbc().prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.merge(rs.getLong(1), rs.getLong(2), Long::sum);
                }
            } catch (SQLException e) {
                throw failure(isSource ? "the source" : "the target", e);
            }
        }
        return counts;
    }

    /** Walks the keys alone, of {@code fromSource} and {@code fromTarget} (null: the whole tables); a key only the target has is deleted. */
    private void walkKeys(org.jooq.Table<?> fromSource, org.jooq.Table<?> fromTarget) {
        List<Column> sourceKeys = keyColumns(true);
        List<Column> targetKeys = keyColumns(false);
        List<PortableType> types = IntStream.of(table.key()).mapToObj(k -> table.types().get(k)).toList();
        int[] key = IntStream.range(0, table.key().length).toArray();
        try (TableScan expected = fromSource == null ? TableScan.open(source, table.source(), sourceKeys, null, null)
                : TableScan.openFrom(source, table.source(), sourceKeys, fromSource);
             TableScan actual = fromTarget == null ? TableScan.open(target, table.target(), targetKeys, null, null)
                     : TableScan.openFrom(target, table.target(), targetKeys, fromTarget)) {
            new KeyOrderedWalk(table.name(), key, (e, a) -> new int[0], true).walk(expected::next, () -> {
                Object[] row = actual.next();
                return row == null ? null : Verifier.asExpected(row, targetKeys, types);
            }, new KeyOrderedWalk.Visitor() {
                @Override
                public void same(Object[] e, Object[] a) {
                }

                @Override
                public void changed(Object[] e, Object[] a, int[] columns) {
                }

                @Override
                public void missing(Object[] e) {
                    // found by its row version already
                }

                @Override
                public void extra(Object[] a) {
                    Object[] row = new Object[table.source().columns().size()];
                    for (int i = 0; i < key.length; i++) {
                        row[table.key()[i]] = a[i];
                    }
                    syncer.keepDelete(row);
                }
            });
        }
    }

    private List<Column> keyColumns(boolean ofSource) {
        List<Column> columns = ofSource ? table.source().columns() : table.targetColumns();
        return IntStream.of(table.key()).mapToObj(columns::get).toList();
    }

    private String name(DatabaseConnection db) {
        return db.dialect().dsl(db.jdbc()).render(DSL.name(db == source ? table.source().name() : table.name()));
    }

    private long count(DatabaseConnection db, String sql) {
        try (PreparedStatement ps = db.jdbc().prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure(db == source ? "the source" : "the target", e);
        }
    }

    /** A scan opened, its failure in sync's words (TableScan's own would name a --where condition sync has none of). */
    private TableScan opened(java.util.function.Supplier<TableScan> open, String side) {
        try {
            return open.get();
        } catch (DbferryException e) {
            throw failure(side, e.getCause() != null ? e.getCause() : e);
        }
    }

    private DbferryException failure(String side, Throwable e) {
        return new DbferryException(Kind.DATABASE, Where.table(table.name()), "Reading the rows of " + table.name() + " changed since the"
                + " last sync on " + side + " failed.", "Run 'sync --full' to compare every row instead.", e);
    }
}
