package io.dbferry.core.encoding;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What fix-encoding wrote: the corrected dump, the file listing every changed value, and per table,
 * column and strategy how many values changed, with the first changes.
 */
public record FixResult(Path output, Path changesFile, long valuesChanged, List<ColumnChanges> columns,
                        List<Change> firstChanges, Duration elapsed) {

    public record ColumnChanges(String table, String column, String strategy, long values) {
    }

    /** One value changed: where, by which strategies, before and after. */
    public record Change(String table, String key, String column, String strategies, String before, String after) {
    }
}
