package io.dbferry.core.dialect.mysql;

import io.dbferry.core.dialect.BucketChecksums;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.PortableType;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The per-bucket checksum query sync compares two MariaDB databases by ({@code Dialect#bucketChecksums}): the
 * row as {@code concat_ws(',', quote(c1), quote(c2), ...)} (QUOTE escapes the value and gives NULL unquoted, so
 * the text is unambiguous), hashed by CRC32 and CRC32C (MariaDB 10.8 and later) into 64 bits, summed exactly (a
 * DECIMAL). The row text is computed twice rather than kept in a user variable, whose order of evaluation
 * MariaDB does not define. Not for MySQL (no CRC32C) nor for a table with FLOAT or DOUBLE columns: their text is
 * rounded (FLOAT to 6 digits), so two values could read alike. The rows of a list of key ranges are the base
 * class's OR of the ranges (one range scan of the key's index).
 */
final class MySqlBucketChecksums extends BucketChecksums {

    private final boolean hasCrc32c;

    MySqlBucketChecksums(boolean hasCrc32c) {
        this.hasCrc32c = hasCrc32c;
    }

    /** InnoDB's estimate in the catalog (within a factor of about two: enough for a bucket's width). */
    @Override
    public Optional<String> estimatedRows(DSLContext dsl, String table) {
        return Optional.of("select table_rows from information_schema.tables where table_schema = database() and table_name = "
                + dsl.render(DSL.inline(table)));
    }

    @Override
    protected String bucket(String key, long width) {
        return key + " div " + width;
    }

    @Override
    public Optional<String> sql(DSLContext dsl, Table<?> from, String keyColumn, List<Column> columns, long width) {
        if (!hasCrc32c || columns.stream().anyMatch(c -> c.portableType() == PortableType.DOUBLE)) {
            return Optional.empty();
        }
        String row = "concat_ws(',', " + columns.stream().map(c -> "quote(" + dsl.render(DSL.name(c.name())) + ")")
                .collect(Collectors.joining(", ")) + ")";
        String key = dsl.render(DSL.name(keyColumn));
        return Optional.of(perBucket(dsl, from, bucket(key, width), "cast(sum(crc32(" + row + ") * 4294967296 + crc32c(" + row + ")) as char)"));
    }
}
