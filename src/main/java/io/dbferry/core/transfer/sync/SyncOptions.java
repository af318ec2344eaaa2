package io.dbferry.core.transfer.sync;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code sync} does: which tables ({@code tables} empty: all the source's), whether it only counts
 * ({@code dryRun}), whether rows only on the target are deleted, and the journal that lets
 * {@code retryFailed} sync again only the tables not done; {@code full} compares every row even where a mark of an
 * earlier copy or sync would let it read only the rows changed since.
 */
public record SyncOptions(List<String> tables, List<String> exclude, boolean dryRun, boolean delete, boolean retryFailed,
                          int batchSize, Path journal, boolean full) {

    public static final int DEFAULT_BATCH_SIZE = 1000;
    public static final Path DEFAULT_JOURNAL = Path.of("dbferry-sync.journal.json");
    /** How many keys of each kind a result names (a dry run prints them). */
    public static final int KEYS_SHOWN = 5;

    public SyncOptions {
        tables = List.copyOf(tables);
        exclude = List.copyOf(exclude);
    }

    /** Using the marks of earlier copies and syncs where there are some. */
    public SyncOptions(List<String> tables, List<String> exclude, boolean dryRun, boolean delete, boolean retryFailed,
                       int batchSize, Path journal) {
        this(tables, exclude, dryRun, delete, retryFailed, batchSize, journal, false);
    }

    public static SyncOptions all() {
        return new SyncOptions(List.of(), List.of(), false, true, false, DEFAULT_BATCH_SIZE, DEFAULT_JOURNAL);
    }

    public SyncOptions dryRun(boolean dryRun) {
        return new SyncOptions(tables, exclude, dryRun, delete, retryFailed, batchSize, journal, full);
    }

    public SyncOptions journal(Path journal) {
        return new SyncOptions(tables, exclude, dryRun, delete, retryFailed, batchSize, journal, full);
    }

    public SyncOptions retryFailed(boolean retryFailed) {
        return new SyncOptions(tables, exclude, dryRun, delete, retryFailed, batchSize, journal, full);
    }

    public SyncOptions withExclude(List<String> exclude) {
        return new SyncOptions(tables, exclude, dryRun, delete, retryFailed, batchSize, journal, full);
    }

    public SyncOptions full(boolean full) {
        return new SyncOptions(tables, exclude, dryRun, delete, retryFailed, batchSize, journal, full);
    }

    public SyncOptions tables(List<String> tables) {
        return new SyncOptions(tables, exclude, dryRun, delete, retryFailed, batchSize, journal, full);
    }
}
