package io.dbferry.core.transfer.sync;

import io.dbferry.core.transfer.TableState;

import java.time.Duration;
import java.util.List;

/** What a sync did (or, for a dry run, would do), table by table in foreign-key order. */
public record SyncResult(String source, String target, boolean dryRun, List<TableSync> tables, Duration elapsed) {

    /**
     * One table: rows inserted, updated and deleted (for a dry run: to insert, update, delete), rows already
     * equal, and the first keys of each kind ({@code (id=3)}). {@code reason}: why it failed, when it did.
     * {@code comparedBy}: how the differences were found: the walk of every row (and why), or the servers' checksums
     * per key range (how many ranges differed, and how many of the narrower ranges they were split into were read).
     */
    public record TableSync(String table, TableState state, long inserted, long updated, long deleted, long unchanged,
                            Double seconds, List<String> insertedKeys, List<String> updatedKeys, List<String> deletedKeys,
                            String reason, String comparedBy) {

        public TableSync {
            insertedKeys = List.copyOf(insertedKeys);
            updatedKeys = List.copyOf(updatedKeys);
            deletedKeys = List.copyOf(deletedKeys);
        }
    }

    public boolean succeeded() {
        return tables.stream().allMatch(t -> t.state() == TableState.DONE);
    }

    public long inserted() {
        return tables.stream().mapToLong(TableSync::inserted).sum();
    }

    public long updated() {
        return tables.stream().mapToLong(TableSync::updated).sum();
    }

    public long deleted() {
        return tables.stream().mapToLong(TableSync::deleted).sum();
    }

    public long unchanged() {
        return tables.stream().mapToLong(TableSync::unchanged).sum();
    }
}
