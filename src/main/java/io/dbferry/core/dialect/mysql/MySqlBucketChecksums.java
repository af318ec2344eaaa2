package io.dbferry.core.dialect.mysql;

import io.dbferry.core.model.Column;
import io.dbferry.core.model.PortableType;
import org.jooq.DSLContext;
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
 * rounded (FLOAT to 6 digits), so two values could read alike.
 */
final class MySqlBucketChecksums {

    private MySqlBucketChecksums() {
    }

    static Optional<String> sql(DSLContext dsl, String table, String keyColumn, List<Column> columns, long width) {
        if (columns.stream().anyMatch(c -> c.portableType() == PortableType.DOUBLE)) {
            return Optional.empty();
        }
        String row = "concat_ws(',', " + columns.stream().map(c -> "quote(" + dsl.render(DSL.name(c.name())) + ")")
                .collect(Collectors.joining(", ")) + ")";
        String key = dsl.render(DSL.name(keyColumn));
        return Optional.of("select " + key + " div " + width + " as bucket, count(*), cast(sum(crc32(" + row + ") * 4294967296 + crc32c("
                + row + ")) as char) from " + dsl.render(DSL.name(table)) + " group by 1 order by 1");
    }
}
