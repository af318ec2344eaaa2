package io.dbferry.core.transfer.sync;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.dialect.BucketChecksums;
import io.dbferry.core.dialect.BucketChecksums.KeyRange;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.PortableType;
import io.dbferry.core.session.DatabaseConnection;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The engines' help for a sync: each side's server sums a hash of every row per bucket of the key
 * ({@link BucketChecksums}), both at once; the buckets whose count or sum differ, where both sides hold rows (and
 * at most one bucket in {@link #NARROWED_AT_MOST} differs), are summed again in buckets {@link #REFINE} times
 * narrower (the second query reads only those buckets' rows), and only
 * the narrow buckets that still differ (and the buckets only one side holds) are walked row by row. Used only where
 * it is exact: both sides the same engine, every column of the same declared type on both, one integer key;
 * otherwise {@link #whyNot} says why the whole table is walked. Two buckets with different rows but equal sums would
 * be taken as equal: the chance is about 2^-64 per differing bucket (a 64-bit hash per row).
 */
final class RangeChecksums {

    /** About this many rows per bucket of the first pass. */
    static final int ROWS_PER_BUCKET = 128;
    /** The second pass's buckets are this many times narrower (about 8 rows): a change re-reads its bucket's rows on both sides. */
    static final int REFINE = 16;
    /** Ranges are summed again narrower only when at most one in this many differ. */
    static final int NARROWED_AT_MOST = 2;
    /** At most this many key ranges in one query (the statement's text grows with them). */
    static final int RANGES_PER_QUERY = 1_000;
    /** {@code off}: walk every table whole; {@code coarse}: no second pass (both to measure). */
    static final String PROPERTY = "dbferry.sync.checksums";

    /** The ranges to walk, and how many rows the equal buckets hold (unchanged without being read). */
    record Plan(List<KeyRange> ranges, long equalRows, long buckets, long differingBuckets, long fineBuckets, long differingFine) {

        /** As the summary's "compared by" says it. */
        String describe() {
            return "checksums (" + differingBuckets + " of " + buckets + " key ranges "
                    + (fineBuckets > 0 ? "differ, " + differingFine + " of " + fineBuckets + " narrower ones read)" : "read)");
        }
    }

    private record Bucket(long bucket, long rows, String sum) {
    }

    /** The comparison of one pass: the buckets to read, those to sum again narrower, the rows found equal. */
    private record Compared(List<KeyRange> read, List<KeyRange> refine, long equalRows, long buckets, long differing) {
    }

    private RangeChecksums() {
    }

    /** Why the table must be walked whole, or empty when the servers' checksums can be used. */
    static Optional<String> whyNot(SyncTable table, DatabaseConnection source, DatabaseConnection target) {
        if ("off".equalsIgnoreCase(System.getProperty(PROPERTY, ""))) {
            return Optional.of("checksums off (-D" + PROPERTY + "=off)");
        }
        if (source.dialect().engine() != target.dialect().engine()) {
            return Optional.of("engines differ");
        }
        if (table.key().length != 1 || table.source().columns().get(table.key()[0]).portableType() != PortableType.INTEGER) {
            return Optional.of("key not one integer column");
        }
        for (int i = 0; i < table.targetColumns().size(); i++) {
            Column s = table.source().columns().get(i);
            Column t = table.targetColumns().get(i);
            if (!s.typeName().equalsIgnoreCase(t.typeName()) || s.size() != t.size() || s.scale() != t.scale()) {
                return Optional.of("column " + s.name() + " typed differently");
            }
        }
        BucketChecksums sums = source.dialect().bucketChecksums();
        if (sums.sql(source.dialect().dsl(source.jdbc()), sums.table(table.source().name()), keyName(table, true),
                table.source().columns(), 1).isEmpty()) {
            return Optional.of(source.dialect().engine().displayName() + " cannot hash these columns exactly");
        }
        return Optional.empty();
    }

    /** Both servers' bucket sums, read in parallel, compared, then the differing buckets again, narrower: the key ranges whose rows differ. */
    static Plan plan(SyncTable table, DatabaseConnection source, DatabaseConnection target) {
        long width = width(table, source);
        Compared coarse = compare(sides(table, source, target, null, width), width);
        // where many ranges differ, their rows are read in long runs (one index scan each), cheaper than summing them
        // again: one row in 64 changed (every range differing) took 4.4-5.5 s read whole, 7.3-8.5 s narrowed first
        if (coarse.refine().isEmpty() || coarse.refine().size() > coarse.buckets() / NARROWED_AT_MOST
                || "coarse".equalsIgnoreCase(System.getProperty(PROPERTY, ""))) {
            List<KeyRange> all = new ArrayList<>(coarse.read());
            all.addAll(coarse.refine());
            return new Plan(merged(all), coarse.equalRows(), coarse.buckets(), coarse.differing(), 0, 0);
        }
        Compared fine = compare(sides(table, source, target, merged(coarse.refine()), width / REFINE), width / REFINE);
        List<KeyRange> all = new ArrayList<>(coarse.read());
        all.addAll(fine.read());
        all.addAll(fine.refine());
        return new Plan(merged(all), coarse.equalRows() + fine.equalRows(), coarse.buckets(), coarse.differing(), fine.buckets(), fine.differing());
    }

    /** Both sides' buckets of {@code width}, over the whole table or only {@code within}, each side on its own thread. */
    private static List<List<Bucket>> sides(SyncTable table, DatabaseConnection source, DatabaseConnection target,
                                            List<KeyRange> within, long width) {
        return onBoth(source, target, db -> buckets(table, db, db == source, within, width));
    }

    /**
     * {@code query} on both sides at once, the source's on another thread, source's result first. When the target's
     * fails the source's is waited for, so nothing still runs on the source connection when the caller goes on.
     */
    static <T> List<T> onBoth(DatabaseConnection source, DatabaseConnection target, java.util.function.Function<DatabaseConnection, T> query) {
        CompletableFuture<T> onSource = CompletableFuture.supplyAsync(() -> query.apply(source));
        T onTarget;
        try {
            onTarget = query.apply(target);
        } catch (RuntimeException e) {
            onSource.handle((r, x) -> null).join();
            throw e;
        }
        try {
            return List.of(onSource.join(), onTarget);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Buckets on both sides with the same count and sum are equal; one held by both but differing is to be summed again narrower. */
    private static Compared compare(List<List<Bucket>> sides, long width) {
        List<Bucket> expected = sides.get(0);
        List<Bucket> onTarget = sides.get(1);
        List<KeyRange> read = new ArrayList<>();
        List<KeyRange> refine = new ArrayList<>();
        long equalRows = 0;
        long differing = 0;
        int i = 0;
        int j = 0;
        while (i < expected.size() || j < onTarget.size()) {
            Bucket e = i < expected.size() ? expected.get(i) : null;
            Bucket a = j < onTarget.size() ? onTarget.get(j) : null;
            int order = e == null ? 1 : a == null ? -1 : Long.compare(e.bucket(), a.bucket());
            long bucket = order <= 0 ? e.bucket() : a.bucket();
            if (order == 0 && e.rows() == a.rows() && Objects.equals(e.sum(), a.sum())) {
                equalRows += e.rows();
            } else {
                differing++;
                // a bucket only one side holds: every row of it differs, nothing to narrow down
                (order == 0 && width >= REFINE ? refine : read).add(rangeOf(bucket, width));
            }
            if (order <= 0) {
                i++;
            }
            if (order >= 0) {
                j++;
            }
        }
        return new Compared(read, refine, equalRows, Math.max(expected.size(), onTarget.size()), differing);
    }

    /** In key order, adjacent ranges joined into one. */
    static List<KeyRange> merged(List<KeyRange> ranges) {
        List<KeyRange> sorted = new ArrayList<>(ranges);
        sorted.sort(java.util.Comparator.comparingLong(KeyRange::from));
        List<KeyRange> merged = new ArrayList<>();
        for (KeyRange range : sorted) {
            if (!merged.isEmpty() && merged.get(merged.size() - 1).to() == range.from()) {
                merged.set(merged.size() - 1, new KeyRange(merged.get(merged.size() - 1).from(), range.to()));
            } else {
                merged.add(range);
            }
        }
        return merged;
    }

    /** The rows of {@code ranges} on one side, as FROMs of at most {@link #RANGES_PER_QUERY} ranges each, in key order. */
    static List<org.jooq.Table<?>> rowsInRanges(SyncTable table, DatabaseConnection db, boolean source, List<KeyRange> ranges) {
        List<org.jooq.Table<?>> froms = new ArrayList<>();
        String name = source ? table.source().name() : table.name();
        for (int k = 0; k < ranges.size(); k += RANGES_PER_QUERY) {
            froms.add(db.dialect().bucketChecksums().rowsInRanges(name, keyName(table, source),
                    ranges.subList(k, Math.min(ranges.size(), k + RANGES_PER_QUERY))));
        }
        return froms;
    }

    /** The keys of bucket {@code b} under truncating division: bucket 0 holds -width+1 .. width-1. */
    static KeyRange rangeOf(long b, long width) {
        if (b > 0) {
            return new KeyRange(b * width, (b + 1) * width);
        }
        if (b < 0) {
            return new KeyRange((b - 1) * width + 1, b * width + 1);
        }
        return new KeyRange(-width + 1, width);
    }

    private static String keyName(SyncTable table, boolean source) {
        return (source ? table.source().columns() : table.targetColumns()).get(table.key()[0]).name();
    }

    /** A bucket width giving about {@link #ROWS_PER_BUCKET} rows each, from the source's key span and count. */
    static long width(SyncTable table, DatabaseConnection source) {
        DSLContext dsl = source.dialect().dsl(source.jdbc());
        String name = dsl.render(DSL.name(table.source().name()));
        String key = dsl.render(DSL.name(keyName(table, true)));
        // the server's estimate of the row count where it keeps one (the width needs no more; a count read every row)
        Optional<String> estimate = source.dialect().bucketChecksums().estimatedRows(dsl, table.source().name());
        try {
            long[] span = numbers(source, "select min(" + key + "), max(" + key + "), " + estimate.map(e -> "(" + e + ")")
                    .orElse("count(*)") + " from " + name);
            long rows = span[2] <= 0 && estimate.isPresent() ? numbers(source, "select count(*) from " + name)[0] : span[2];
            if (rows <= 0) {
                return 1L << 40;
            }
            // the span as a double: a key range near Long's limits must not overflow
            double keys = (double) span[1] - span[0] + 1;
            long width = Math.max(1, (long) Math.min(1L << 40, Math.ceil(keys * ROWS_PER_BUCKET / rows)));
            // a multiple of REFINE, so the narrower buckets of the second pass nest in the first's
            return width < REFINE ? width : (width + REFINE - 1) / REFINE * REFINE;
        } catch (SQLException e) {
            throw failure(table, "the source", e);
        }
    }

    /** The one row of {@code sql}, its columns as numbers (NULL as 0). */
    private static long[] numbers(DatabaseConnection db, String sql) throws SQLException {
        try (PreparedStatement ps = db.jdbc().prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            long[] values = new long[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = rs.getLong(i + 1);
            }
            return values;
        }
    }

    private static List<Bucket> buckets(SyncTable table, DatabaseConnection db, boolean source, List<KeyRange> within, long width) {
        BucketChecksums sums = db.dialect().bucketChecksums();
        List<org.jooq.Table<?>> froms = within == null ? List.of(sums.table(source ? table.source().name() : table.name()))
                : rowsInRanges(table, db, source, within);
        List<Bucket> buckets = new ArrayList<>();
        for (org.jooq.Table<?> from : froms) {
            String sql = sums.sql(db.dialect().dsl(db.jdbc()), from, keyName(table, source),
                    source ? table.source().columns() : table.targetColumns(), width).orElseThrow();
            try (PreparedStatement ps = db.jdbc().prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    buckets.add(new Bucket(rs.getLong(1), rs.getLong(2), rs.getString(3)));
                }
            } catch (SQLException e) {
                throw failure(table, source ? "the source" : "the target", e);
            }
        }
        return buckets;
    }

    private static DbferryException failure(SyncTable table, String side, SQLException e) {
        return new DbferryException(Kind.DATABASE, Where.table(table.name()), "Summing the rows of " + table.name() + " on "
                + side + " per key range failed.", "Run the sync again with -D" + PROPERTY + "=off in DBFERRY_JAVA_OPTS to read every row instead.", e);
    }
}
