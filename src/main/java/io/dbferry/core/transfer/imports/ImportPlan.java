package io.dbferry.core.transfer.imports;

import io.dbferry.core.catalog.DependencyOrder;
import io.dbferry.core.dump.DumpContents;
import io.dbferry.core.transfer.ImportJournal;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an import will do, decided before anything is written: the checked dump, the tables to load
 * matched on the target, their foreign-key order, and the groups that may load side by side.
 *
 * @param contents the dump as read end to end, every trailer checked
 * @param earlier  the journal of the last import of this dump, if there is one
 * @param toLoad   the dump's names of the tables to load, in file order
 * @param matched  each table to load, by its dump name, matched to its target table
 * @param loading  the same tables in file order
 * @param order    parents before children, over every matched table
 * @param groups   tables (by target name) that share no foreign key with another group; one group unless --jobs
 */
public record ImportPlan(DumpContents contents, ImportJournal earlier, List<String> toLoad, Map<String, TargetTable> matched,
                         List<TargetTable> loading, DependencyOrder order, List<Set<String>> groups) {

    /** The row count the file's trailer gives for a table to load. */
    long rowsInFile(TargetTable table) {
        return contents.table(table.source().name()).orElseThrow().trailer().rowCount();
    }

    /** The dump's name of a table the journal knows by its target name. */
    String sourceName(String targetName) {
        return matched.values().stream().filter(t -> t.name().equals(targetName)).map(t -> t.source().name())
                .findFirst().orElse(targetName);
    }
}
