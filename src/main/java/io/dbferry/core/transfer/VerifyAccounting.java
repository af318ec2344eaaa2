package io.dbferry.core.transfer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.dump.DumpReader;
import io.dbferry.core.dump.DumpTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an import of a dump recorded beside it, so {@code verify -f FILE} accounts for every row: the rows it left out
 * ({@code FILE.rejects.json}, as that file holds them now, fixed or not) and the values its {@code --convert} rules changed
 * ({@code FILE.changes.json}, and {@code FILE.rejects.json.changes.json} from appending the rejects). Only these are held
 * in memory: a few rows and cells, never a table.
 */
final class VerifyAccounting {

    static final VerifyAccounting NONE = new VerifyAccounting(null, Map.of(), Map.of());

    /** The rejects file, or null where there is none. */
    private final Path rejectsFile;
    /** Per table, the rejected rows by key (as {@code (id=3)}). */
    private final Map<String, Map<String, Object[]>> rejected;
    /** Per table, key and column: the value a rule put in ("after"), {@link #TO_NULL} for NULL. */
    private final Map<String, Map<String, String>> converted;

    static final String TO_NULL = "\0null";

    private VerifyAccounting(Path rejectsFile, Map<String, Map<String, Object[]>> rejected, Map<String, Map<String, String>> converted) {
        this.rejectsFile = rejectsFile;
        this.rejected = rejected;
        this.converted = converted;
    }

    /** What the imports of {@code file} left beside it (nothing when they left nothing). */
    static VerifyAccounting beside(Path file) {
        Path rejects = file.resolveSibling(file.getFileName() + ".rejects.json");
        Map<String, Map<String, Object[]>> rejected = new HashMap<>();
        Map<String, Map<String, String>> converted = new HashMap<>();
        readChanges(file.resolveSibling(file.getFileName() + ".changes.json"), converted);
        if (Files.exists(rejects)) {
            try (DumpReader reader = DumpReader.open(rejects)) {
                DumpTable table;
                while ((table = reader.nextTable()) != null) {
                    Map<String, Object[]> rows = rejected.computeIfAbsent(table.name(), t -> new HashMap<>());
                    Object[] row;
                    while ((row = reader.nextRow()) != null) {
                        rows.put(Verifier.key(row, table.columns()), row);
                    }
                }
            } catch (IOException e) {
                throw new DbferryException(Kind.FILE, Where.NOWHERE, "Cannot read the rejects file " + rejects + ": " + e.getMessage(),
                        "Check the file, or move it away to compare with " + file + " alone.", e);
            }
            readChanges(rejects.resolveSibling(rejects.getFileName() + ".changes.json"), converted);
        }
        return rejected.isEmpty() && converted.isEmpty() ? NONE
                : new VerifyAccounting(rejected.isEmpty() ? null : rejects, rejected, converted);
    }

    /** One changes report: an array of {table, key, column, ..., after}. */
    private static void readChanges(Path changes, Map<String, Map<String, String>> into) {
        if (!Files.exists(changes)) {
            return;
        }
        try (JsonParser json = new JsonFactory().createParser(changes.toFile())) {
            if (json.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("it is not a JSON array");
            }
            while (json.nextToken() == JsonToken.START_OBJECT) {
                String table = null;
                String key = null;
                String column = null;
                String after = TO_NULL;
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String field = json.currentName();
                    JsonToken value = json.nextToken();
                    String text = value == JsonToken.VALUE_NULL ? null : json.getValueAsString();
                    switch (field) {
                        case "table" -> table = text;
                        case "key" -> key = text;
                        case "column" -> column = text;
                        case "after" -> after = text == null ? TO_NULL : text;
                        default -> json.skipChildren();
                    }
                }
                if (table != null && key != null && column != null) {
                    into.computeIfAbsent(table, t -> new HashMap<>()).put(key + "\0" + column, after);
                }
            }
        } catch (IOException e) {
            throw new DbferryException(Kind.FILE, Where.NOWHERE, "Cannot read the changes report " + changes + ": " + e.getMessage(),
                    "Check the file, or move it away to compare without it.", e);
        }
    }

    Path rejectsFile() {
        return rejectsFile;
    }

    /** Whether any row of {@code table} was rejected: asked first, so a table without any builds no row keys. */
    boolean rejects(String table) {
        return rejected.containsKey(table);
    }

    /** The row as the rejects file holds it, where the row of this key was rejected. */
    Optional<Object[]> rejectedRow(String table, String key) {
        return Optional.ofNullable(rejected.getOrDefault(table, Map.of()).get(key));
    }

    /** The value a rule recorded for this cell ({@link #TO_NULL} for NULL), or null where none changed it. */
    String convertedTo(String table, String key, String column) {
        return converted.getOrDefault(table, Map.of()).get(key + "\0" + column);
    }

    boolean isEmpty() {
        return this == NONE;
    }
}
