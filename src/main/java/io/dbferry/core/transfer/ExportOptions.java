package io.dbferry.core.transfer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to export.
 *
 * @param tables      names and globs to include; empty means every table
 * @param exclude     names and globs to leave out
 * @param where       per table, an SQL condition limiting its rows
 * @param withParents add, transitively, the parent rows that the chosen rows reference
 */
public record ExportOptions(Path file, List<String> tables, List<String> exclude, Map<String, String> where,
                            boolean withParents, boolean overwrite) {

    public static ExportOptions all(Path file) {
        return new ExportOptions(file, List.of(), List.of(), Map.of(), false, false);
    }
}
