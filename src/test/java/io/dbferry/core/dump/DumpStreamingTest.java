package io.dbferry.core.dump;

import io.dbferry.core.model.PortableType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A million rows written and read back one at a time; nothing here keeps them, so neither may the dump classes. */
class DumpStreamingTest {

    private static final int ROWS = 1_000_000;
    private static final LocalDateTime START = LocalDateTime.of(2024, 1, 1, 0, 0);

    private static Object[] row(long i) {
        return new Object[]{i, "item " + i + " Łódź", BigDecimal.valueOf(i, 2), i / 3.0, START.plusSeconds(i)};
    }

    @Test
    void millionRowsStreamThroughAGzipFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("big.json.gz");
        List<DumpColumn> columns = List.of(
                new DumpColumn("id", PortableType.INTEGER, "bigint", false, true),
                new DumpColumn("name", PortableType.TEXT, "text", true, false),
                new DumpColumn("price", PortableType.DECIMAL, "numeric(12,2)", true, false),
                new DumpColumn("ratio", PortableType.DOUBLE, "double", true, false),
                new DumpColumn("at", PortableType.TIMESTAMP, "timestamp", true, false));

        TableTrailer written;
        try (DumpWriter writer = DumpWriter.create(file, DumpRoundTripTest.HEADER)) {
            writer.beginTable("big", columns);
            for (long i = 1; i <= ROWS; i++) {
                writer.writeRow(row(i));
            }
            written = writer.endTable();
        }
        assertThat(written.rowCount()).isEqualTo(ROWS);

        try (DumpReader reader = DumpReader.open(file)) {
            assertThat(reader.nextTable().columns()).isEqualTo(columns);
            Object[] read;
            long expected = 0;
            while ((read = reader.nextRow()) != null) {
                expected++;
                assertThat(reader.rowNumber()).isEqualTo(expected);
                assertThat(read[0]).isEqualTo(expected);
                if (expected % 99_991 == 1) { // spot-check whole rows; every row is covered by the checksum
                    assertThat(read).containsExactly(row(expected));
                }
            }
            assertThat(expected).isEqualTo(ROWS);
            assertThat(reader.trailer()).isEqualTo(written);
            assertThat(reader.nextTable()).isNull();
        }
    }
}
