package io.dbferry.core.dialect.mysql;

import io.dbferry.core.model.Column;
import io.dbferry.core.model.PortableType;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The per-bucket checksum query sync compares two MySQL/MariaDB databases by ({@code Dialect#bucketChecksums}):
 * each value as the server's text in utf8mb4 (binary columns as hex), prefixed by its length, NULL as {@code -};
 * the row's MD5, its first 15 hex digits as a 60-bit unsigned integer, summed exactly (a DECIMAL). Not for a
 * table with FLOAT or DOUBLE columns: their text is rounded (FLOAT to 6 digits), so two values could read alike.
 */
final class MySqlBucketChecksums {

    private MySqlBucketChecksums() {
    }

    static Optional<String> sql(DSLContext dsl, String table, String keyColumn, List<Column> columns, long width) {
        if (columns.stream().anyMatch(c -> c.portableType() == PortableType.DOUBLE)) {
            return Optional.empty();
        }
        String row = columns.stream().map(c -> {
            String name = dsl.render(DSL.name(c.name()));
            String text = c.portableType() == PortableType.BINARY ? "hex(" + name + ")" : "convert(" + name + " using utf8mb4)";
            return "coalesce(concat(char_length(" + text + "), ':', " + text + "), '-')";
        }).collect(Collectors.joining(", "));
        String key = dsl.render(DSL.name(keyColumn));
        return Optional.of("select " + key + " div " + width + " as bucket, count(*), cast(sum(cast(conv(substr(md5(concat(" + row
                + ")), 1, 15), 16, 10) as unsigned)) as char) from " + dsl.render(DSL.name(table)) + " group by 1 order by 1");
    }
}
