package io.dbferry.core.transfer;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryVersion;
import io.dbferry.core.catalog.Catalog;
import io.dbferry.core.catalog.DependencyOrder;
import io.dbferry.core.dump.DumpColumn;
import io.dbferry.core.dump.DumpHeader;
import io.dbferry.core.dump.DumpWriter;
import io.dbferry.core.dump.TableTrailer;
import io.dbferry.core.model.ServerDescription;
import io.dbferry.core.model.Table;
import io.dbferry.core.progress.OperationCancelledException;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import org.jooq.Condition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the source's records to a dump file: choose the tables, order them parents first, read
 * them all in one read-only snapshot, and stream each table's rows in key order into the file. The
 * file appears under its name only when complete.
 */
public final class Exporter {

    private final DatabaseConnection source;
    private final ProgressListener progress;

    public Exporter(DatabaseConnection source, ProgressListener progress) {
        this.source = source;
        this.progress = progress;
    }

    public ExportResult export(ExportOptions options) {
        Instant started = Instant.now();
        Path file = options.file().toAbsolutePath();
        refuseExisting(file, options.overwrite());

        Catalog catalog = source.catalog();
        List<Table> tables = TableChoice.chosen(catalog, options.tables(), options.exclude(), "export");
        Map<String, Condition> conditions = TableChoice.conditions(catalog, tables, options.where(), "exported");
        Map<String, Table> byName = new LinkedHashMap<>();
        tables.forEach(t -> byName.put(t.name(), t));

        Connection jdbc = source.jdbc();
        // the partial file keeps the .gz ending, which is what tells the writer to compress
        String name = file.getFileName().toString();
        Path partial = file.resolveSibling("." + name + ".partial" + (name.endsWith(".gz") ? ".gz" : ""));
        List<ExportResult.TableExport> exported = new ArrayList<>();
        List<CarriedColumn> carried = new ArrayList<>();
        try {
            source.dialect().beginSnapshot(jdbc);
            RowSelection selection = RowSelection.of(tables, conditions);
            if (options.withParents()) {
                selection = selection.withParents(source, TableChoice.candidates(catalog, options.exclude()), tables);
                selection.tables().forEach(t -> byName.putIfAbsent(t.name(), t));
            }
            List<String> order = DependencyOrder.of(byName.values()).order();
            Files.createDirectories(file.getParent());
            progress.planned(order, Map.of());
            try (DumpWriter writer = DumpWriter.create(partial, header(catalog))) {
                for (String table : order) {
                    exported.add(exportTable(writer, byName.get(table), selection, carried));
                }
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new ExportResult(file, exported, Duration.between(started, Instant.now()), Files.size(file), List.copyOf(carried));
        } catch (IOException e) {
            throw new DbferryException(Kind.FILE, "Cannot write " + file + ": " + e.getMessage(),
                    "Check the free space and that the folder is writable.", e);
        } catch (SQLException e) {
            throw new DbferryException(Kind.DATABASE, "The export could not start its read-only snapshot.", null, e);
        } finally {
            source.dialect().endSnapshot(jdbc);
            deleteQuietly(partial);
        }
    }

    private ExportResult.TableExport exportTable(DumpWriter writer, Table table, RowSelection selection,
                                                 List<CarriedColumn> carried) throws IOException {
        Instant started = Instant.now();
        progress.tableStarted(table.name(), -1);
        List<DumpColumn> columns = table.columns().stream()
                .map(c -> new DumpColumn(c.name(), c.portableType(), c.declaredType(), c.nullable(),
                        table.primaryKey().contains(c.name())))
                .toList();
        writer.beginTable(table.name(), columns);
        long[] written = {0};
        CarriedTally tally = new CarriedTally(table);
        selection.scan(source, table, row -> {
            OperationCancelledException.check(progress, "The export was cancelled; no file was written.", null);
            writer.writeRow(row);
            tally.row(row);
            if (++written[0] % 10_000 == 0) {
                progress.rowsDone(table.name(), written[0]);
            }
        });
        TableTrailer trailer = writer.endTable();
        carried.addAll(tally.columns());
        progress.tableFinished(table.name(), trailer.rowCount());
        return new ExportResult.TableExport(table.name(), trailer.rowCount(), trailer.sha256(),
                Duration.between(started, Instant.now()));
    }

    private DumpHeader header(Catalog catalog) {
        ServerDescription server = source.server();
        return new DumpHeader(DumpHeader.CURRENT_VERSION, DbferryVersion.get(), Instant.now(),
                server.engine().displayName(), server.version(), server.database(), catalog.schemaVersion().orElse(null));
    }

    private static void refuseExisting(Path file, boolean overwrite) {
        if (Files.exists(file) && !overwrite) {
            throw new DbferryException(Kind.FILE, "The file " + file + " already exists.",
                    "Choose another name, or add --overwrite to replace it.");
        }
        if (Files.isDirectory(file)) {
            throw new DbferryException(Kind.FILE, file + " is a folder.", "Give a file name, for example data.json.gz.");
        }
    }

    private static void deleteQuietly(Path partial) {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException ignored) {
            // a leftover partial file never looks like a finished dump
        }
    }
}
