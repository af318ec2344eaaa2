package io.dbferry.core.transfer.imports;

import io.dbferry.core.dump.DumpColumn;
import io.dbferry.core.dump.DumpHeader;
import io.dbferry.core.dump.DumpWriter;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows an import with {@code --rejects} leaves out because the target cannot hold one of their values exactly,
 * written as a dump of their own ({@code FILE.rejects.json}: the source dump's header, each table's rows as the file had
 * them, its own row count and checksum), so the file imports once fixed. After each table's checksum a {@code reasons}
 * array, one entry per rejected row in order: its row there, its row in the source dump, the column and why
 * (readers skip the field). Tables must come one after another, as in a dump; only the open table's reasons are held.
 */
public final class RejectsWriter implements Closeable {

    /** The field after each table's checksum. */
    public static final String REASONS = "reasons";

    private final Path file;
    private final DumpHeader header;
    private DumpWriter writer;
    private String table;
    private final List<Map<String, Object>> reasons = new ArrayList<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, Long> lastRow = new LinkedHashMap<>();

    /** An earlier run's {@code file} is removed at once, so what is there afterwards is this run's. */
    public RejectsWriter(Path file, DumpHeader header) {
        this.file = file;
        this.header = header;
        try {
            java.nio.file.Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("removing the earlier " + file + " failed: " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** One row left out: {@code fileRow} as the dump holds it, {@code sourceRow} its number there. */
    public synchronized void reject(String tableName, List<DumpColumn> columns, Object[] fileRow, long sourceRow,
                                    String column, String reason) {
        if (sourceRow <= lastRow.getOrDefault(tableName, 0L)) {
            return; // the same rows read again (the fast path refused, loading again row by row): written once
        }
        lastRow.put(tableName, sourceRow);
        try {
            if (writer == null) {
                writer = DumpWriter.create(file, header);
            }
            if (!tableName.equals(table)) {
                if (counts.containsKey(tableName)) {
                    throw new IllegalStateException("the rejects of " + tableName + " must come together");
                }
                endTable();
                writer.beginTable(tableName, columns);
                table = tableName;
            }
            writer.writeRow(fileRow);
            long n = counts.merge(tableName, 1L, Long::sum);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("row", n);
            entry.put("sourceRow", sourceRow);
            entry.put("column", column);
            entry.put("reason", reason);
            reasons.add(entry);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file + " failed: " + e.getMessage(), e);
        }
    }

    /** Rows written per table, in the order the tables came. */
    public synchronized Map<String, Long> counts() {
        return Map.copyOf(counts);
    }

    public synchronized long rejected(String tableName) {
        return counts.getOrDefault(tableName, 0L);
    }

    private void endTable() throws IOException {
        if (table != null) {
            writer.endTable(REASONS, List.copyOf(reasons));
            reasons.clear();
            table = null;
        }
    }

    /** Ends the last table and the file; nothing is written where no row was rejected. */
    @Override
    public synchronized void close() throws IOException {
        if (writer != null) {
            endTable();
            writer.close();
            writer = null;
        }
    }
}
