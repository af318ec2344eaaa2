package io.dbferry.core.dump;

import io.dbferry.core.model.PortableType;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Every way a dump can be damaged must end in a DumpFormatException that says where and what to do. */
class DumpReaderErrorTest {

    private static final List<DumpColumn> COLUMNS = List.of(
            new DumpColumn("id", PortableType.INTEGER, "integer", false, true),
            new DumpColumn("name", PortableType.TEXT, "varchar(50)", true, false),
            new DumpColumn("made", PortableType.DATE, "date", true, false));

    /** A dump with a table "first" of 2 rows, then "part" of 3 rows: Bolt, Nut, Washer. */
    private static byte[] validDump() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DumpWriter writer = DumpWriter.create(out, DumpRoundTripTest.HEADER)) {
            writer.beginTable("first", COLUMNS);
            writer.writeRow(new Object[]{1L, "a", null});
            writer.writeRow(new Object[]{2L, "b", null});
            writer.endTable();
            writer.beginTable("part", COLUMNS);
            writer.writeRow(new Object[]{1L, "Bolt", java.time.LocalDate.of(2024, 1, 1)});
            writer.writeRow(new Object[]{2L, "Nut", null});
            writer.writeRow(new Object[]{3L, "Washer", null});
            writer.endTable();
        }
        return out.toByteArray();
    }

    private static String validText() throws IOException {
        return new String(validDump(), StandardCharsets.UTF_8);
    }

    private static byte[] replace(String text, String from, String to) {
        assertThat(text).contains(from);
        return text.replace(from, to).getBytes(StandardCharsets.UTF_8);
    }

    /** Reads the whole dump, every table and every row. */
    private static void readAll(byte[] dump) throws IOException {
        try (DumpReader reader = DumpReader.open(new ByteArrayInputStream(dump), "data.json")) {
            while (reader.nextTable() != null) {
                while (reader.nextRow() != null) {
                    // read only
                }
            }
        }
    }

    private static DumpFormatException failure(ThrowingCallable read) {
        Throwable thrown = catchThrowable(read);
        assertThat(thrown).isInstanceOf(DumpFormatException.class);
        DumpFormatException e = (DumpFormatException) thrown;
        assertThat(e.getMessage()).contains("data.json").doesNotContain("\tat ").doesNotContain("com.fasterxml");
        assertThat(e.getFile()).contains("data.json");
        return e;
    }

    @Test
    void theValidDumpReadsWithoutError() throws IOException {
        readAll(validDump());
    }

    @Test
    void tamperedValueGivesChecksumMismatchNamingTheTable() throws IOException {
        DumpFormatException e = failure(() -> readAll(replace(validText(), "\"Nut\"", "\"Nub\"")));
        assertThat(e.getTable()).isEqualTo("part");
        assertThat(e.getRow()).isZero();
        assertThat(e.paragraph()).contains("table part").contains("the file says 3 rows with checksum")
                .contains("the rows read give 3 / ").contains("export it again");
    }

    @Test
    void wrongRowCountIsReported() throws IOException {
        DumpFormatException e = failure(() -> readAll(replace(validText(), "\"rowCount\":3", "\"rowCount\":4")));
        assertThat(e.getTable()).isEqualTo("part");
        assertThat(e.getMessage()).contains("the file says 4 rows").contains("the rows read give 3");
    }

    @Test
    void removedRowIsReported() throws IOException {
        DumpFormatException e = failure(() -> readAll(replace(validText(), "[2,\"Nut\",null],\n", "")));
        assertThat(e.getTable()).isEqualTo("part");
        assertThat(e.getMessage()).contains("the file says 3 rows").contains("the rows read give 2");
    }

    @Test
    void wrongCountIsDetectedEvenWhenTheTableIsSkipped() throws IOException {
        byte[] dump = replace(validText(), "\"rowCount\":2", "\"rowCount\":7");
        DumpFormatException e = failure(() -> {
            try (DumpReader reader = DumpReader.open(new ByteArrayInputStream(dump), "data.json")) {
                reader.nextTable();
                reader.nextTable();
            }
        });
        assertThat(e.getTable()).isEqualTo("first");
        assertThat(e.getMessage()).contains("the file says 7 rows").contains("the rows read give 2 rows");
    }

    @Test
    void truncatedFileIsReportedAsTruncated() throws IOException {
        String text = validText();
        int cut = text.indexOf("[2,\"Nut\"");
        DumpFormatException e = failure(() -> readAll(text.substring(0, cut).getBytes(StandardCharsets.UTF_8)));
        assertThat(e.getTable()).isEqualTo("part");
        assertThat(e.paragraph()).contains("ends unexpectedly").contains("truncated").endsWith("Export it again.");

        byte[] dump = validDump();
        for (int length : new int[]{0, 1, 30, dump.length / 2, dump.length - 3}) {
            DumpFormatException partial = failure(() -> readAll(Arrays.copyOf(dump, length)));
            assertThat(partial.getMessage()).as("cut at %d", length).containsAnyOf("ends unexpectedly", "does not start");
        }
    }

    @Test
    void truncatedMidValueNamesTableRowAndColumn() throws IOException {
        String text = validText();
        int cut = text.indexOf("Washer") + 3;
        DumpFormatException e = failure(() -> readAll(text.substring(0, cut).getBytes(StandardCharsets.UTF_8)));
        assertThat(e.getTable()).isEqualTo("part");
        assertThat(e.getRow()).isEqualTo(3);
        assertThat(e.getColumn()).isEqualTo("name");
        assertThat(e.getMessage()).contains("table part, row 3, column name: the file ends unexpectedly");
    }

    @Test
    void truncatedGzipFileIsReportedAsTruncated(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data.json.gz");
        try (DumpWriter writer = DumpWriter.create(file, DumpRoundTripTest.HEADER)) {
            writer.beginTable("big", COLUMNS);
            for (long i = 1; i <= 20_000; i++) {
                writer.writeRow(new Object[]{i, "row " + i * 7919 % 10007, null});
            }
            writer.endTable();
        }
        byte[] gz = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(gz, gz.length / 2));

        DumpFormatException e = failure(() -> {
            try (DumpReader reader = DumpReader.open(file)) {
                reader.nextTable();
                while (reader.nextRow() != null) {
                    // read until the damage
                }
            }
        });
        assertThat(e.getTable()).isEqualTo("big");
        assertThat(e.getRow()).isGreaterThan(1);
        assertThat(e.getMessage()).contains("ends unexpectedly");
    }

    @Test
    void corruptGzipDataIsReported(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data.json.gz");
        try (DumpWriter writer = DumpWriter.create(file, DumpRoundTripTest.HEADER)) {
            writer.beginTable("big", COLUMNS);
            for (long i = 1; i <= 5_000; i++) {
                writer.writeRow(new Object[]{i, "row " + i * 7919 % 10007, null});
            }
            writer.endTable();
        }
        byte[] gz = Files.readAllBytes(file);
        for (int i = gz.length / 2; i < gz.length / 2 + 64; i++) {
            gz[i] = (byte) ~gz[i];
        }
        Files.write(file, gz);

        DumpFormatException e = failure(() -> {
            try (DumpReader reader = DumpReader.open(file)) {
                reader.nextTable();
                while (reader.nextRow() != null) {
                    // read until the damage
                }
            }
        });
        assertThat(e.getTable()).isEqualTo("big");
        assertThat(e.paragraph()).contains("export it again");
    }

    @Test
    void aWriterClosedWithAnOpenTableLeavesAFileThatReadsAsTruncated() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DumpWriter writer = DumpWriter.create(out, DumpRoundTripTest.HEADER)) {
            writer.beginTable("part", COLUMNS);
            writer.writeRow(new Object[]{1L, "Bolt", null});
        }
        DumpFormatException e = failure(() -> readAll(out.toByteArray()));
        assertThat(e.getTable()).isEqualTo("part");
        assertThat(e.getMessage()).contains("ends unexpectedly");
    }

    @Test
    void invalidJsonIsReportedWithLineAndTable() throws IOException {
        DumpFormatException e = failure(() -> readAll(replace(validText(), "[2,\"Nut\",null]", "[2,\"Nut\" null]")));
        assertThat(e.getTable()).isEqualTo("part");
        assertThat(e.getRow()).isEqualTo(2);
        assertThat(e.paragraph()).contains("invalid JSON at line 8").contains("export it again");
    }

    @Test
    void invalidUtf8IsReported() throws IOException {
        byte[] dump = validDump();
        String text = new String(dump, StandardCharsets.UTF_8);
        int at = text.indexOf("Washer") + 1; // ASCII before this point, so char index == byte index
        dump[at] = (byte) 0xFF;
        DumpFormatException e = failure(() -> readAll(dump));
        assertThat(e.getTable()).isEqualTo("part");
        assertThat(e.getRow()).isEqualTo(3);
        assertThat(e.getMessage()).contains("not valid UTF-8");
    }

    @Test
    void wrongFormatIsRejectedOnOpen() throws IOException {
        DumpFormatException e = failure(() -> readAll(replace(validText(), "\"dbferry-dump\"", "\"other-tool\"")));
        assertThat(e.getTable()).isNull();
        assertThat(e.getMessage()).contains("not a dbferry dump").contains("other-tool");

        DumpFormatException array = failure(() -> readAll("[1,2]".getBytes(StandardCharsets.UTF_8)));
        assertThat(array.getMessage()).contains("not a dbferry dump");
    }

    @Test
    void unknownVersionIsRejectedOnOpenWithAdvice() throws IOException {
        DumpFormatException e = failure(() -> readAll(replace(validText(), "\"version\":1,", "\"version\":3,")));
        assertThat(e.paragraph()).contains("version 3").contains("reads format versions 1 to 2 only").contains("Use a newer dbferry");
    }

    @Test
    void rowWithWrongNumberOfValuesIsReported() throws IOException {
        DumpFormatException fewer = failure(() -> readAll(replace(validText(), "[2,\"Nut\",null]", "[2,\"Nut\"]")));
        assertThat(fewer.getTable()).isEqualTo("part");
        assertThat(fewer.getRow()).isEqualTo(2);
        assertThat(fewer.getColumn()).isNull();
        assertThat(fewer.getMessage()).contains("row 2").contains("has 2 values but the table has 3 columns");

        DumpFormatException more = failure(() -> readAll(replace(validText(), "[2,\"Nut\",null]", "[2,\"Nut\",null,[4],5]")));
        assertThat(more.getMessage()).contains("has 5 values but the table has 3 columns");
    }

    @Test
    void valueOfTheWrongKindNamesTableRowAndColumn() throws IOException {
        DumpFormatException e = failure(() -> readAll(replace(validText(), "[3,\"Washer\"", "[\"3\",\"Washer\"")));
        assertThat(e.getTable()).isEqualTo("part");
        assertThat(e.getRow()).isEqualTo(3);
        assertThat(e.getColumn()).isEqualTo("id");
        assertThat(e.getMessage()).contains("table part, row 3, column id: expected a whole JSON number (column type INTEGER) but found a string");

        DumpFormatException fraction = failure(() -> readAll(replace(validText(), "[3,\"Washer\"", "[3.5,\"Washer\"")));
        assertThat(fraction.getColumn()).isEqualTo("id");
    }

    @Test
    void unparsableValueIsReported() throws IOException {
        DumpFormatException e = failure(() -> readAll(replace(validText(), "\"2024-01-01\"", "\"2024-13-45\"")));
        assertThat(e.getRow()).isEqualTo(1);
        assertThat(e.getColumn()).isEqualTo("made");
        assertThat(e.getMessage()).contains("\"2024-13-45\" is not a valid DATE value");
    }

    @Test
    void unknownColumnTypeIsReported() throws IOException {
        DumpFormatException e = failure(() -> readAll(replace(validText(), "\"type\":\"DATE\"", "\"type\":\"GEOMETRY\"")));
        assertThat(e.paragraph()).contains("GEOMETRY").contains("newer dbferry");
    }

    @Test
    void contentAfterTheDocumentIsReported() throws IOException {
        DumpFormatException e = failure(() -> readAll((validText() + "{}").getBytes(StandardCharsets.UTF_8)));
        assertThat(e.getMessage()).contains("more content after the end");
    }

    @Test
    void gzNameOnAPlainFileIsReported(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data.json.gz");
        Files.write(file, validDump());
        DumpFormatException e = failure(() -> DumpReader.open(file).close());
        assertThat(e.paragraph()).contains("not gzip-compressed").contains("rename it without .gz");
    }
}
