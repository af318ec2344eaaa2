package io.dbferry.core.dialect.postgres;

import io.dbferry.core.model.Column;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The per-bucket checksum query sync compares two PostgreSQL databases by ({@code Dialect#bucketChecksums}):
 * each value as its {@code ::text} (exact for every type: numeric keeps its scale, float8 its shortest exact
 * digits, bytea its hex), prefixed by its length, NULL as {@code -}; the row's MD5, its first 15 hex digits as a
 * 60-bit integer, summed exactly as numeric.
 */
final class PostgresBucketChecksums {

    private PostgresBucketChecksums() {
    }

    static String sql(DSLContext dsl, String table, String keyColumn, List<Column> columns, long width) {
        String row = columns.stream().map(c -> {
            String text = dsl.render(DSL.name(c.name())) + "::text";
            return "coalesce(length(" + text + ") || ':' || " + text + ", '-')";
        }).collect(Collectors.joining(", "));
        String key = dsl.render(DSL.name(keyColumn));
        return "select " + key + " / " + width + " as bucket, count(*), sum(('x' || substr(md5(concat(" + row
                + ")), 1, 15))::bit(60)::bigint)::text from " + dsl.render(DSL.name(table)) + " group by 1 order by 1";
    }
}
