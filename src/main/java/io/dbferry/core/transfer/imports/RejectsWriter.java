package io.dbferry.core.transfer.imports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.dbferry.core.dump.DumpColumn;
import io.dbferry.core.dump.DumpHeader;
import io.dbferry.core.dump.DumpReader;
import io.dbferry.core.dump.DumpTable;
import io.dbferry.core.dump.DumpWriter;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The rows an import with {@code --rejects} leaves out because the target cannot hold one of their values exactly,
 * written as a dump of their own ({@code FILE.rejects.json}: the source dump's header, each table's rows as the file had
 * them, its own row count and checksum), so the file imports once fixed. After each table's checksum a {@code reasons}
 * array, one entry per rejected row in order: its row there, its row in the source dump, the column and why
 * (readers skip the field).
 *
 * <p>Each table's rows go to a part file of their own beside it as they come, so tables loaded side by side
 * ({@code --jobs}) do not mix; {@link #committed} marks the rows of a table whose transaction committed (each chunk with
 * {@code --commit-every}), and only those reach the file: the rows of a load that was rolled back are rejected again
 * when it is retried. A retry ({@link #continuing}) keeps the earlier file's rows of the tables it does not load again
 * from the start. {@link #close} puts the parts together. Held in memory: one small reason per rejected row.
 */
public final class RejectsWriter implements Closeable {

    /** The field after each table's checksum. */
    public static final String REASONS = "reasons";

    private final Path file;
    private final DumpHeader header;
    /** Per dump table, in the order their first rows came. */
    private final Map<String, Part> parts = new LinkedHashMap<>();

    /** One table's rejected rows: written to {@code temp}, the first {@code kept} of them committed. */
    private static final class Part {
        final List<DumpColumn> columns;
        final Path temp;
        final DumpWriter writer;
        final List<Map<String, Object>> reasons = new ArrayList<>();
        long lastSourceRow;
        long kept;

        Part(String table, List<DumpColumn> columns, Path dir, DumpHeader header) throws IOException {
            this.columns = columns;
            this.temp = Files.createTempFile(dir, ".dbferry-rejects-", ".part.json");
            this.writer = DumpWriter.create(temp, header);
            writer.beginTable(table, columns);
        }
    }

    private RejectsWriter(Path file, DumpHeader header, boolean fresh) {
        this.file = file;
        this.header = header;
        if (!fresh) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("removing the earlier " + file + " failed: " + e.getMessage(), e);
        }
    }

    /** A first run: an earlier run's {@code file} is removed at once, so what is there afterwards is this run's. */
    public static RejectsWriter fresh(Path file, DumpHeader header) {
        return new RejectsWriter(file, header, true);
    }

    /**
     * A retry: the earlier file's rows of each table {@code keep} accepts (not loaded again, or resumed after its
     * committed chunks) stay and come first; those of the others are dropped, as their load starts over.
     */
    public static RejectsWriter continuing(Path file, DumpHeader header, Predicate<String> keep) {
        RejectsWriter writer = new RejectsWriter(file, header, false);
        if (!Files.exists(file)) {
            return writer;
        }
        try {
            Map<String, List<Map<String, Object>>> reasons = earlierReasons(file);
            try (DumpReader reader = DumpReader.open(file)) {
                DumpTable table;
                while ((table = reader.nextTable()) != null) {
                    if (!keep.test(table.name())) {
                        continue;
                    }
                    List<Map<String, Object>> why = reasons.getOrDefault(table.name(), List.of());
                    Object[] row;
                    int i = 0;
                    while ((row = reader.nextRow()) != null) {
                        Map<String, Object> reason = i < why.size() ? why.get(i) : Map.of();
                        i++;
                        long sourceRow = reason.get("sourceRow") instanceof Number n ? n.longValue() : 0L;
                        writer.write(table.name(), table.columns(), row, sourceRow, String.valueOf(reason.get("column")),
                                String.valueOf(reason.get("reason")));
                    }
                    writer.committed(table.name());
                }
            }
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the earlier " + file + " failed: " + e.getMessage(), e);
        }
        return writer;
    }

    /** Per table, the reasons array after its checksum, in row order. */
    private static Map<String, List<Map<String, Object>>> earlierReasons(Path file) throws IOException {
        Map<String, List<Map<String, Object>>> byTable = new HashMap<>();
        try (JsonParser json = io.dbferry.core.JsonMapping.reader().createParser(file.toFile())) {
            String table = null;
            while (json.nextToken() != null) {
                if (json.currentToken() != JsonToken.FIELD_NAME) {
                    continue;
                }
                String field = json.currentName();
                json.nextToken();
                if (field.equals("name") && json.currentToken() == JsonToken.VALUE_STRING && json.getParsingContext().getParent() != null
                        && json.getParsingContext().getParent().inArray()) {
                    table = json.getText();
                } else if (field.equals("rows") || field.equals("columns")) {
                    json.skipChildren();
                } else if (field.equals(REASONS) && table != null) {
                    List<Map<String, Object>> list = new ArrayList<>();
                    while (json.nextToken() == JsonToken.START_OBJECT) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> entry = json.readValueAs(Map.class);
                        list.add(entry);
                    }
                    byTable.put(table, list);
                }
            }
        }
        return byTable;
    }

    public Path file() {
        return file;
    }

    /** One row left out: {@code fileRow} as the dump holds it, {@code sourceRow} its number there. */
    public synchronized void reject(String tableName, List<DumpColumn> columns, Object[] fileRow, long sourceRow,
                                    String column, String reason) {
        try {
            write(tableName, columns, fileRow, sourceRow, column, reason);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file + " failed: " + e.getMessage(), e);
        }
    }

    private void write(String tableName, List<DumpColumn> columns, Object[] fileRow, long sourceRow, String column,
                       String reason) throws IOException {
        Part part = parts.get(tableName);
        if (part != null && sourceRow <= part.lastSourceRow) {
            return; // the same rows read again (the fast path refused, loading again row by row): written once
        }
        if (part == null) {
            part = new Part(tableName, columns, file.toAbsolutePath().getParent(), header);
            parts.put(tableName, part);
        }
        part.lastSourceRow = sourceRow;
        part.writer.writeRow(fileRow);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("sourceRow", sourceRow);
        entry.put("column", column);
        entry.put("reason", reason);
        part.reasons.add(entry);
    }

    /** The table's transaction (or chunk) committed: its rows rejected so far stay in the file. */
    public synchronized void committed(String tableName) {
        Part part = parts.get(tableName);
        if (part != null) {
            part.kept = part.reasons.size();
        }
    }

    /** Rows of the table in the file: those of committed loads, an earlier run's kept ones included. */
    public synchronized long rejected(String tableName) {
        Part part = parts.get(tableName);
        return part == null ? 0 : part.kept;
    }

    /** Puts the parts together, each table's committed rows; nothing is written where no row stays. */
    @Override
    public synchronized void close() throws IOException {
        DumpWriter out = null;
        try {
            for (Map.Entry<String, Part> e : parts.entrySet()) {
                Part part = e.getValue();
                part.writer.endTable();
                part.writer.close();
                if (part.kept == 0) {
                    continue;
                }
                if (out == null) {
                    out = DumpWriter.create(file, header);
                }
                out.beginTable(e.getKey(), part.columns);
                try (DumpReader reader = DumpReader.open(part.temp)) {
                    reader.nextTable();
                    for (long n = 0; n < part.kept; n++) {
                        out.writeRow(reader.nextRow());
                    }
                }
                List<Map<String, Object>> reasons = new ArrayList<>();
                for (int i = 0; i < part.kept; i++) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("row", i + 1L);
                    entry.putAll(part.reasons.get(i));
                    reasons.add(entry);
                }
                out.endTable(REASONS, reasons);
            }
        } finally {
            if (out != null) {
                out.close();
            }
            for (Part part : parts.values()) {
                Files.deleteIfExists(part.temp);
            }
        }
    }
}
