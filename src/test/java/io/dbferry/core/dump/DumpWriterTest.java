package io.dbferry.core.dump;

import io.dbferry.core.model.PortableType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DumpWriterTest {

    private static final List<DumpColumn> COLUMNS = List.of(
            new DumpColumn("id", PortableType.INTEGER, null, false, true),
            new DumpColumn("price", PortableType.DECIMAL, null, true, false));

    @Test
    void valueOfTheWrongClassIsRejectedNamingTableRowAndColumn() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DumpWriter writer = DumpWriter.create(out, DumpRoundTripTest.HEADER)) {
            writer.beginTable("part", COLUMNS);
            writer.writeRow(new Object[]{1L, null});
            assertThatThrownBy(() -> writer.writeRow(new Object[]{2L, 1.5d}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("table part, row 2, column price")
                    .hasMessageContaining("java.lang.Double");
            assertThatThrownBy(() -> writer.writeRow(new Object[]{"3", null}))
                    .hasMessageContaining("column id");
            assertThatThrownBy(() -> writer.writeRow(new Object[]{3L}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1 values given for 2 columns");
            TableTrailer trailer = writer.endTable();
            assertThat(trailer.rowCount()).isEqualTo(1);
        }
        // rejected rows left nothing behind: the file is valid and holds the one good row
        try (DumpReader reader = DumpReader.open(new java.io.ByteArrayInputStream(out.toByteArray()), "mem")) {
            reader.nextTable();
            assertThat(reader.nextRow()).containsExactly(1L, null);
            assertThat(reader.nextRow()).isNull();
        }
    }

    @Test
    void callsOutOfOrderAreRejected() throws Exception {
        DumpWriter writer = DumpWriter.create(new ByteArrayOutputStream(), DumpRoundTripTest.HEADER);
        assertThatThrownBy(() -> writer.writeRow(new Object[]{1L, null})).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(writer::endTable).isInstanceOf(IllegalStateException.class);
        writer.beginTable("a", COLUMNS);
        assertThatThrownBy(() -> writer.beginTable("b", COLUMNS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("table a is still open");
        writer.endTable();
        writer.close();
        assertThatThrownBy(() -> writer.beginTable("c", COLUMNS)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyKnownFormatVersionsCanBeWritten() {
        DumpHeader future = new DumpHeader(3, "9.9", Instant.EPOCH, "SQLite", "3", "db", null);
        assertThatThrownBy(() -> DumpWriter.create(new ByteArrayOutputStream(), future))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 3");
    }
}
