package io.dbferry.core.dump;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The names of a dump's tables, for Tab completion. The header does not list them, so the file is read
 * table by table (rows skipped) until its end or until {@code bound} has passed: a large dump yields the
 * names found so far instead of keeping a core busy for minutes. A damaged file yields what came before
 * the damage; completion has nothing to report.
 */
public final class DumpTableNames {

    private DumpTableNames() {
    }

    public static List<String> read(Path file, Duration bound) {
        List<String> names = new ArrayList<>();
        long deadline = System.nanoTime() + bound.toNanos();
        try (InputStream raw = new Deadline(new BufferedInputStream(Files.newInputStream(file), DumpJson.BUFFER_SIZE), deadline);
             InputStream in = DumpJson.isGzip(file) ? new GZIPInputStream(raw, DumpJson.BUFFER_SIZE) : raw;
             DumpReader reader = DumpReader.open(in, file.toString())) {
            DumpTable table;
            while ((table = reader.nextTable()) != null) {
                names.add(table.name());
            }
        } catch (IOException | RuntimeException e) {
            // out of time, or not a readable dump: the names read so far are all there is
        }
        return List.copyOf(names);
    }

    /** Fails the next read once the deadline has passed, which ends the reader's skipping of rows. */
    private static final class Deadline extends FilterInputStream {
        private final long deadline;

        Deadline(InputStream in, long deadline) {
            super(in);
            this.deadline = deadline;
        }

        private void check() throws IOException {
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("time bound reached");
            }
        }

        @Override
        public int read() throws IOException {
            check();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            check();
            return super.read(b, off, len);
        }
    }
}
