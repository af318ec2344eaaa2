package io.dbferry.core.dump;

import io.dbferry.core.DbferryException;
import io.dbferry.core.model.PortableType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** One read of the file for every visitor; a table no visitor reads is skipped; damage stops the pass where it is. */
class DumpPassTest {

    private static final DumpHeader HEADER = new DumpHeader(1, "0.1.0", Instant.parse("2024-05-01T10:15:30Z"),
            "SQLite", "3.45", "t.sqlite3", null);

    @TempDir
    Path dir;

    private Path dump() throws Exception {
        Path file = dir.resolve("two.json");
        try (DumpWriter writer = DumpWriter.create(file, HEADER)) {
            for (String table : List.of("first", "second")) {
                writer.beginTable(table, List.of(new DumpColumn("id", PortableType.INTEGER, "INTEGER", false, true),
                        new DumpColumn("name", PortableType.TEXT, "TEXT", true, false)));
                for (long i = 1; i <= 3; i++) {
                    writer.writeRow(new Object[]{i, table + " " + i});
                }
                writer.endTable();
            }
        }
        return file;
    }

    /** Records what it is handed; reads only the tables named. */
    private static final class Recorder implements DumpVisitor {
        final List<String> seen = new ArrayList<>();
        private final List<String> reads;

        Recorder(List<String> reads) {
            this.reads = reads;
        }

        @Override
        public void header(DumpHeader header) {
            seen.add("header " + header.sourceDatabase());
        }

        @Override
        public boolean table(DumpTable table) {
            seen.add("table " + table.name());
            return reads.contains(table.name());
        }

        @Override
        public void row(Object[] row, long rowNumber) {
            seen.add(rowNumber + ": " + row[1]);
        }

        @Override
        public void tableEnd(DumpTable table, TableTrailer trailer) {
            seen.add("end " + table.name() + " " + trailer.rowCount());
        }
    }

    @Test
    void everyVisitorSeesWhatItReadsInOnePass() throws Exception {
        Recorder both = new Recorder(List.of("first", "second"));
        Recorder second = new Recorder(List.of("second"));
        TrailerCheck trailers = new TrailerCheck();
        Path file = dump();
        DumpPass.run(file, List.of(both, second, trailers));

        assertThat(both.seen).containsExactly("header t.sqlite3", "table first", "1: first 1", "2: first 2", "3: first 3",
                "end first 3", "table second", "1: second 1", "2: second 2", "3: second 3", "end second 3");
        assertThat(second.seen).containsExactly("header t.sqlite3", "table first", "table second", "1: second 1",
                "2: second 2", "3: second 3", "end second 3");
        DumpContents contents = trailers.contents(file);
        assertThat(contents.tables()).extracting(DumpContents.Entry::name).containsExactly("first", "second");
        assertThat(contents.totalRows()).isEqualTo(6);
        assertThat(contents).isEqualTo(DumpContents.read(file));
    }

    @Test
    void damageStopsThePassAfterTheVisitorsSawWhatCameBefore() throws Exception {
        Path file = dump();
        Files.writeString(file, Files.readString(file).replace("\"second 2\"", "\"second 9\""));
        Recorder recorder = new Recorder(List.of("first", "second"));
        DumpFormatException e = catchThrowableOfType(() -> DumpPass.run(file, List.of(recorder)), DumpFormatException.class);
        assertThat(e.getTable()).isEqualTo("second");
        assertThat(e.getMessage()).contains("checksum");
        assertThat(recorder.seen).contains("end first 3", "3: second 3").doesNotContain("end second 3");
    }

    @Test
    void aMissingFileIsNamedAsAFileProblem() {
        DbferryException e = catchThrowableOfType(() -> DumpPass.run(dir.resolve("none.json"), List.of(new TrailerCheck())),
                DbferryException.class);
        assertThat(e.kind()).isEqualTo(DbferryException.Kind.FILE);
        assertThat(e.getMessage()).contains("none.json does not exist");
    }

    @Test
    void aFolderIsNamedAsAFolder() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("dumps"));
        DbferryException e = catchThrowableOfType(() -> DumpPass.run(folder, List.of(new TrailerCheck())), DbferryException.class);
        assertThat(e.kind()).isEqualTo(DbferryException.Kind.FILE);
        assertThat(e.paragraph()).isEqualTo("The dump file " + folder + " is a folder, not a dump file. Check the path given to -f.");
    }

    @Test
    void aDeviceIsNamedAsADeviceAndNeverRead() {
        Path zero = Path.of("/dev/zero");
        assertThat(zero).exists();
        // DumpReader.open is what verify -f and the import's load read through; it refuses before reading
        DbferryException e = catchThrowableOfType(() -> DumpReader.open(zero).close(), DbferryException.class);
        assertThat(e.kind()).isEqualTo(DbferryException.Kind.FILE);
        assertThat(e.paragraph()).isEqualTo("The dump file /dev/zero is a character device, not a regular file; "
                + "a dump is read only from a regular file. Check the path given to -f.");
    }
}
