package io.dbferry.core.transfer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What to copy from the open source into the open target.
 *
 * @param tables               names and globs of the source's tables; empty means all
 * @param exclude              names and globs to leave out
 * @param where                per source table, an SQL condition limiting its rows
 * @param withParents          add, transitively, the parent rows that the chosen rows reference
 * @param clear                empty the target's tables being copied into first
 * @param retryFailed          copy again only what the journal says is not done, resuming after committed chunks
 * @param jobs                 groups of tables with no foreign key between them copied at once, each on its own
 *                             connections (and its own snapshot where the source engine cannot share one)
 * @param batchSize            rows per batch sent to the server
 * @param commitEvery          commit in chunks of this many rows in key order (0: one transaction per table)
 * @param journal              the journal file
 * @param allowVersionMismatch copy although the source's schema version differs from the target's
 * @param allowTriggers        copy although insert triggers on the target would fire
 * @param skipValidation       do not check the source's text values against the target first
 * @param bulk                 write through the target engine's fast path (COPY, LOAD DATA) where it has one
 * @param serverTimeout        how long one call may wait for the target server ({@link Duration#ZERO}: forever)
 * @param disableTriggers      hold the target's insert triggers on each table off for its load, and put them back
 *                             afterwards (instead of refusing to copy while they would fire)
 * @param checkFirst           read every chosen table's text once before anything is written and refuse the copy whole on
 *                             a problem; without it each table is checked as it is copied and rolled back before its commit
 */
public record CopyOptions(List<String> tables, List<String> exclude, Map<String, String> where, boolean withParents,
                          boolean clear, boolean retryFailed, int jobs, int batchSize, long commitEvery, Path journal,
                          boolean allowVersionMismatch, boolean allowTriggers, boolean skipValidation, boolean bulk,
                          Duration serverTimeout, boolean disableTriggers, boolean checkFirst) {

    /** With the triggers refused, not held off. */
    public CopyOptions(List<String> tables, List<String> exclude, Map<String, String> where, boolean withParents,
                       boolean clear, boolean retryFailed, int jobs, int batchSize, long commitEvery, Path journal,
                       boolean allowVersionMismatch, boolean allowTriggers, boolean skipValidation, boolean bulk,
                       Duration serverTimeout) {
        this(tables, exclude, where, withParents, clear, retryFailed, jobs, batchSize, commitEvery, journal,
                allowVersionMismatch, allowTriggers, skipValidation, bulk, serverTimeout, false);
    }

    /** Each table checked as it is copied (no --check-first). */
    public CopyOptions(List<String> tables, List<String> exclude, Map<String, String> where, boolean withParents,
                       boolean clear, boolean retryFailed, int jobs, int batchSize, long commitEvery, Path journal,
                       boolean allowVersionMismatch, boolean allowTriggers, boolean skipValidation, boolean bulk,
                       Duration serverTimeout, boolean disableTriggers) {
        this(tables, exclude, where, withParents, clear, retryFailed, jobs, batchSize, commitEvery, journal,
                allowVersionMismatch, allowTriggers, skipValidation, bulk, serverTimeout, disableTriggers, false);
    }

    /** Every table, one at a time, one transaction each, journal at {@code journal}. */
    public static CopyOptions all(Path journal) {
        return new CopyOptions(List.of(), List.of(), Map.of(), false, false, false, 1, ImportOptions.DEFAULT_BATCH_SIZE, 0,
                journal, false, false, false, true, ImportOptions.DEFAULT_SERVER_TIMEOUT);
    }

    public CopyOptions withRetryFailed(boolean retry) {
        return new CopyOptions(tables, exclude, where, withParents, clear, retry, jobs, batchSize, commitEvery, journal,
                allowVersionMismatch, allowTriggers, skipValidation, bulk, serverTimeout, disableTriggers, checkFirst);
    }

    public CopyOptions withTables(List<String> names) {
        return new CopyOptions(names, exclude, where, withParents, clear, retryFailed, jobs, batchSize, commitEvery, journal,
                allowVersionMismatch, allowTriggers, skipValidation, bulk, serverTimeout, disableTriggers, checkFirst);
    }

    public CopyOptions withJobs(int n) {
        return new CopyOptions(tables, exclude, where, withParents, clear, retryFailed, n, batchSize, commitEvery, journal,
                allowVersionMismatch, allowTriggers, skipValidation, bulk, serverTimeout, disableTriggers, checkFirst);
    }

    public CopyOptions withCommitEvery(long rows) {
        return new CopyOptions(tables, exclude, where, withParents, clear, retryFailed, jobs, batchSize, rows, journal,
                allowVersionMismatch, allowTriggers, skipValidation, bulk, serverTimeout, disableTriggers, checkFirst);
    }

    public CopyOptions withDisableTriggers(boolean on) {
        return new CopyOptions(tables, exclude, where, withParents, clear, retryFailed, jobs, batchSize, commitEvery, journal,
                allowVersionMismatch, allowTriggers, skipValidation, bulk, serverTimeout, on, checkFirst);
    }

    public CopyOptions withCheckFirst(boolean on) {
        return new CopyOptions(tables, exclude, where, withParents, clear, retryFailed, jobs, batchSize, commitEvery, journal,
                allowVersionMismatch, allowTriggers, skipValidation, bulk, serverTimeout, disableTriggers, on);
    }

    /** The options the shared load reads; its "file" is the journal, which the result names. */
    public ImportOptions asLoad() {
        return new ImportOptions(journal, tables, clear, retryFailed, batchSize, allowVersionMismatch, allowTriggers, skipValidation,
                jobs, bulk, serverTimeout, List.of(), commitEvery, disableTriggers, false, checkFirst);
    }
}
