package io.dbferry.core.transfer.sync;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code sync} does: which tables ({@code tables} empty: all the source's), whether it only counts
 * ({@code dryRun}), whether rows only on the target are deleted, and the journal that lets
 * {@code retryFailed} sync again only the tables not done.
 */
public record SyncOptions(List<String> tables, List<String> exclude, boolean dryRun, boolean delete, boolean retryFailed,
                          int batchSize, Path journal) {

    public static final int DEFAULT_BATCH_SIZE = 1000;
    public static final Path DEFAULT_JOURNAL = Path.of("dbferry-sync.journal.json");
    /** How many keys of each kind a result names (a dry run prints them). */
    public static final int KEYS_SHOWN = 5;

    public SyncOptions {
        tables = List.copyOf(tables);
        exclude = List.copyOf(exclude);
    }

    public static SyncOptions all() {
        return new SyncOptions(List.of(), List.of(), false, true, false, DEFAULT_BATCH_SIZE, DEFAULT_JOURNAL);
    }

    public SyncOptions dryRun(boolean dryRun) {
        return new SyncOptions(tables, exclude, dryRun, delete, retryFailed, batchSize, journal);
    }

    public SyncOptions journal(Path journal) {
        return new SyncOptions(tables, exclude, dryRun, delete, retryFailed, batchSize, journal);
    }

    public SyncOptions retryFailed(boolean retryFailed) {
        return new SyncOptions(tables, exclude, dryRun, delete, retryFailed, batchSize, journal);
    }

    public SyncOptions withExclude(List<String> exclude) {
        return new SyncOptions(tables, exclude, dryRun, delete, retryFailed, batchSize, journal);
    }

    public SyncOptions tables(List<String> tables) {
        return new SyncOptions(tables, exclude, dryRun, delete, retryFailed, batchSize, journal);
    }
}
