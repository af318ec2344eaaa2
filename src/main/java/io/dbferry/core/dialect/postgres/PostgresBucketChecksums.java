package io.dbferry.core.dialect.postgres;

import io.dbferry.core.dialect.BucketChecksums;
import io.dbferry.core.model.Column;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Row2;
import org.jooq.Table;
import org.jooq.impl.DSL;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The per-bucket checksum query sync compares two PostgreSQL databases by ({@code Dialect#bucketChecksums}):
 * the row as the text of {@code row(c1, c2, ...)} in the source's column order (a record's text round-trips:
 * fields are quoted where needed, NULL is an empty unquoted field; each value as its own exact text: numeric with
 * its scale, float8 with its shortest exact digits as the driver sets extra_float_digits, bytea as hex),
 * hashed by {@code hashtextextended} (64 bits, stable across versions: hash partitions rely on it), summed
 * exactly as numeric. MD5 of the same text measured 4.9 s against 1.8 s for 1M rows.
 */
final class PostgresBucketChecksums extends BucketChecksums {

    /** Names the ranges' derived table and its columns by, which a table's own are unlikely to have. */
    private static final String RANGES = "dbferry_key_ranges";
    private static final String FROM = "dbferry_from";
    private static final String TO = "dbferry_to";

    @Override
    public Optional<String> sql(DSLContext dsl, Table<?> from, String keyColumn, List<Column> columns, long width) {
        String row = columns.stream().map(c -> dsl.render(DSL.name(c.name()))).collect(Collectors.joining(", "));
        String key = dsl.render(DSL.name(keyColumn));
        return Optional.of(perBucket(dsl, from, bucket(key, width), "sum(hashtextextended(row(" + row + ")::text, 0))::text"));
    }

    /** {@code pg_class.reltuples}, as the last VACUUM or ANALYZE left it (-1 before either: then sync counts). */
    @Override
    public Optional<String> estimatedRows(DSLContext dsl, String table) {
        return Optional.of("select reltuples::bigint from pg_class where oid = to_regclass(" + dsl.render(DSL.inline(dsl.render(DSL.name(table)))) + ")");
    }

    /**
     * The ranges first, each joined to an index scan of its keys (a LATERAL subquery; OFFSET 0 keeps the planner from
     * flattening it): a plain join let PostgreSQL walk the whole key index in order and test every range per row
     * (35 s for 334 ranges of a 1M-row table, against 0.1 s this way, the rows sorted by key after), and an OR of the
     * ranges made it scan the whole table.
     */
    @Override
    public Table<?> rowsInRanges(String table, String keyColumn, List<KeyRange> ranges) {
        Table<?> r = ranges(ranges);
        Field<Long> key = DSL.field(DSL.name(table, keyColumn), Long.class);
        return r.crossJoin(DSL.lateral(DSL.select(DSL.asterisk()).from(DSL.table(DSL.name(table)))
                .where(key.ge(r.field(FROM, Long.class)).and(key.lt(r.field(TO, Long.class)))).offset(DSL.inline(0))).as(table));
    }

    /** The ranges as a derived table of two columns, the bounds inlined (numbers only, so nothing to bind). */
    @SuppressWarnings("unchecked")
    private static Table<?> ranges(List<KeyRange> ranges) {
        Row2<Long, Long>[] rows = ranges.stream().map(k -> DSL.row(DSL.inline(k.from()), DSL.inline(k.to()))).toArray(Row2[]::new);
        return DSL.values(rows).as(RANGES, FROM, TO);
    }
}
