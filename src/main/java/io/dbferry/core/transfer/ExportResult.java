package io.dbferry.core.transfer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What an export wrote: per table the rows and checksum, and the file; {@code carried} lists the columns
 * whose values went in an unusual form (each with its own kind), in table order.
 */
public record ExportResult(Path file, List<TableExport> tables, Duration elapsed, long bytes, List<CarriedColumn> carried) {

    public ExportResult(Path file, List<TableExport> tables, Duration elapsed, long bytes) {
        this(file, tables, elapsed, bytes, List.of());
    }

    public record TableExport(String table, long rows, String sha256, Duration elapsed) {
    }

    public long totalRows() {
        return tables.stream().mapToLong(TableExport::rows).sum();
    }

    public long totalCarried() {
        return carried.stream().mapToLong(CarriedColumn::count).sum();
    }
}
