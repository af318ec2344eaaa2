package io.dbferry.core.transfer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What an export wrote: per table the rows and checksum, and the file. */
public record ExportResult(Path file, List<TableExport> tables, Duration elapsed, long bytes) {

    public record TableExport(String table, long rows, String sha256, Duration elapsed) {
    }

    public long totalRows() {
        return tables.stream().mapToLong(TableExport::rows).sum();
    }
}
