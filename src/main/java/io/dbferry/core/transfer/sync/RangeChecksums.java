package io.dbferry.core.transfer.sync;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.PortableType;
import io.dbferry.core.session.DatabaseConnection;
import org.jooq.Condition;
import org.jooq.Field;
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
 * ({@code Dialect#bucketChecksums}), both at once, and only the buckets whose count or sum differ are walked
 * row by row. Used only where it is exact: both sides the same engine, every column of the same declared type
 * on both, one integer key; otherwise {@link #whyNot} says why the whole table is walked. Two buckets with
 * different rows but equal sums would be taken as equal: the chance is about 2^-64 per differing bucket
 * (a 64-bit hash per row).
 */
final class RangeChecksums {

    /** About this many rows per bucket: a change re-reads its bucket's rows on both sides. */
    static final int ROWS_PER_BUCKET = 128;
    /** Set to {@code off} to walk every table whole (to measure the walk). */
    static final String PROPERTY = "dbferry.sync.checksums";

    /** Keys from {@code from} (inclusive) to {@code to} (exclusive), null for no bound. */
    record KeyRange(Long from, Long to) {
    }

    /** The ranges to walk, and how many rows the equal buckets hold (unchanged without being read). */
    record Plan(List<KeyRange> ranges, long equalRows, long buckets, long differingBuckets) {
    }

    private record Bucket(long bucket, long rows, String sum) {
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
        if (source.dialect().bucketChecksums(source.jdbc(), table.source().name(), keyName(table, true),
                table.source().columns(), 1).isEmpty()) {
            return Optional.of(source.dialect().engine().displayName() + " cannot hash these columns exactly");
        }
        return Optional.empty();
    }

    /** Both servers' bucket sums, read in parallel, compared: the key ranges whose rows differ. */
    static Plan plan(SyncTable table, DatabaseConnection source, DatabaseConnection target) {
        long width = width(table, source);
        CompletableFuture<List<Bucket>> onSource = CompletableFuture.supplyAsync(() -> buckets(table, source, true, width));
        List<Bucket> onTarget = buckets(table, target, false, width);
        List<Bucket> expected;
        try {
            expected = onSource.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        List<KeyRange> ranges = new ArrayList<>();
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
                add(ranges, rangeOf(bucket, width));
            }
            if (order <= 0) {
                i++;
            }
            if (order >= 0) {
                j++;
            }
        }
        return new Plan(ranges, equalRows, Math.max(expected.size(), onTarget.size()), differing);
    }

    /** The condition selecting {@code range} of the key on one side. */
    static Condition condition(SyncTable table, boolean source, KeyRange range) {
        Field<Long> key = DSL.field(DSL.name(keyName(table, source)), Long.class);
        Condition c = DSL.noCondition();
        if (range.from() != null) {
            c = c.and(key.ge(range.from()));
        }
        if (range.to() != null) {
            c = c.and(key.lt(range.to()));
        }
        return c;
    }

    /** Adjacent differing buckets are walked as one range. */
    private static void add(List<KeyRange> ranges, KeyRange range) {
        if (!ranges.isEmpty() && Objects.equals(ranges.get(ranges.size() - 1).to(), range.from())) {
            KeyRange last = ranges.remove(ranges.size() - 1);
            ranges.add(new KeyRange(last.from(), range.to()));
        } else {
            ranges.add(range);
        }
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
    private static long width(SyncTable table, DatabaseConnection source) {
        String key = source.dialect().dsl(source.jdbc()).render(DSL.name(keyName(table, true)));
        String sql = "select min(" + key + "), max(" + key + "), count(*) from "
                + source.dialect().dsl(source.jdbc()).render(DSL.name(table.source().name()));
        try (PreparedStatement ps = source.jdbc().prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            long rows = rs.getLong(3);
            if (rows == 0) {
                return 1L << 40;
            }
            // the span as a double: a key range near Long's limits must not overflow
            double span = (double) rs.getLong(2) - rs.getLong(1) + 1;
            return Math.max(1, (long) Math.min(1L << 40, Math.ceil(span * ROWS_PER_BUCKET / rows)));
        } catch (SQLException e) {
            throw failure(table, "the source", e);
        }
    }

    private static List<Bucket> buckets(SyncTable table, DatabaseConnection db, boolean source, long width) {
        String sql = db.dialect().bucketChecksums(db.jdbc(), source ? table.source().name() : table.name(), keyName(table, source),
                source ? table.source().columns() : table.targetColumns(), width).orElseThrow();
        List<Bucket> buckets = new ArrayList<>();
        try (PreparedStatement ps = db.jdbc().prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                buckets.add(new Bucket(rs.getLong(1), rs.getLong(2), rs.getString(3)));
            }
        } catch (SQLException e) {
            throw failure(table, source ? "the source" : "the target", e);
        }
        return buckets;
    }

    private static DbferryException failure(SyncTable table, String side, SQLException e) {
        return new DbferryException(Kind.DATABASE, Where.table(table.name()), "Summing the rows of " + table.name() + " on "
                + side + " per key range failed.", "Run the sync again with -D" + PROPERTY + "=off in DBFERRY_JAVA_OPTS to read every row instead.", e);
    }
}
