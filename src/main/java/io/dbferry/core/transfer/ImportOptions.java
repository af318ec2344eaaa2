package io.dbferry.core.transfer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What to import.
 *
 * @param tables               names and globs of the file's tables to load; empty means all
 * @param clear                empty the tables being loaded first (children before parents)
 * @param retryFailed          load again only what the journal says is not done
 * @param batchSize            rows per batch sent to the server
 * @param allowVersionMismatch load although the dump's schema version differs from the target's
 * @param allowTriggers        load although insert triggers on the target would fire and may rewrite values
 * @param skipValidation       do not run the encoding check (validate-encoding) before writing
 * @param jobs                 how many groups of tables (tables that share no foreign key with one another)
 *                             may load at once, each on a connection of its own; 1 loads one table at a time
 * @param bulk                 load through the engine's fast path (COPY, LOAD DATA) where it has one; false loads
 *                             with batched inserts from the start (for comparisons and for trouble)
 * @param serverTimeout        how long one call may wait for the target server's answer before the import
 *                             gives the connection up and stops ({@link Duration#ZERO}: forever)
 * @param convert              the operator's ways through for values the target cannot hold exactly
 *                             ({@code TABLE.COLUMN=RULE} or {@code RULE}); each change goes to {@link #changesFile()}
 * @param commitEvery          commit each table in chunks of this many rows in key order, the journal recording the
 *                             last committed key so a retry resumes after it; 0 keeps one transaction per table
 * @param disableTriggers      hold the target's insert triggers on each table off for its load, and put them back
 *                             afterwards (instead of refusing to load while they would fire)
 * @param rejects              rows the target cannot take exactly go to {@link #rejectsFile()} with their reasons; the rest loads
 * @param checkFirst           check the whole dump (trailers, every value against the target) in a pass of its own before
 *                             anything is written, refusing the import whole; without it each table is checked as it
 *                             loads and a table holding a problem is rolled back before its commit, the others going on
 */
public record ImportOptions(Path file, List<String> tables, boolean clear, boolean retryFailed, int batchSize,
                            boolean allowVersionMismatch, boolean allowTriggers, boolean skipValidation, int jobs,
                            boolean bulk, Duration serverTimeout, List<String> convert, long commitEvery,
                            boolean disableTriggers, boolean rejects, boolean checkFirst) {

    public static final int DEFAULT_BATCH_SIZE = 1000;
    /** Generous: a table's whole LOAD DATA or COPY, or a key check over a large table, is one call. */
    public static final Duration DEFAULT_SERVER_TIMEOUT = Duration.ofMinutes(10);

    /** Without --convert rules. */
    public ImportOptions(Path file, List<String> tables, boolean clear, boolean retryFailed, int batchSize,
                         boolean allowVersionMismatch, boolean allowTriggers, boolean skipValidation, int jobs,
                         boolean bulk, Duration serverTimeout) {
        this(file, tables, clear, retryFailed, batchSize, allowVersionMismatch, allowTriggers, skipValidation, jobs, bulk,
                serverTimeout, List.of(), 0);
    }

    /** With the triggers refused, not held off. */
    public ImportOptions(Path file, List<String> tables, boolean clear, boolean retryFailed, int batchSize,
                         boolean allowVersionMismatch, boolean allowTriggers, boolean skipValidation, int jobs,
                         boolean bulk, Duration serverTimeout, List<String> convert, long commitEvery) {
        this(file, tables, clear, retryFailed, batchSize, allowVersionMismatch, allowTriggers, skipValidation, jobs, bulk,
                serverTimeout, convert, commitEvery, false);
    }

    /** Without --rejects: a row the target cannot take exactly refuses the import. */
    public ImportOptions(Path file, List<String> tables, boolean clear, boolean retryFailed, int batchSize,
                         boolean allowVersionMismatch, boolean allowTriggers, boolean skipValidation, int jobs,
                         boolean bulk, Duration serverTimeout, List<String> convert, long commitEvery, boolean disableTriggers) {
        this(file, tables, clear, retryFailed, batchSize, allowVersionMismatch, allowTriggers, skipValidation, jobs, bulk,
                serverTimeout, convert, commitEvery, disableTriggers, false);
    }

    /** Each table checked as it loads (no --check-first). */
    public ImportOptions(Path file, List<String> tables, boolean clear, boolean retryFailed, int batchSize,
                         boolean allowVersionMismatch, boolean allowTriggers, boolean skipValidation, int jobs,
                         boolean bulk, Duration serverTimeout, List<String> convert, long commitEvery, boolean disableTriggers,
                         boolean rejects) {
        this(file, tables, clear, retryFailed, batchSize, allowVersionMismatch, allowTriggers, skipValidation, jobs, bulk,
                serverTimeout, convert, commitEvery, disableTriggers, rejects, false);
    }

    /** With the default server timeout. */
    public ImportOptions(Path file, List<String> tables, boolean clear, boolean retryFailed, int batchSize,
                         boolean allowVersionMismatch, boolean allowTriggers, boolean skipValidation, int jobs, boolean bulk) {
        this(file, tables, clear, retryFailed, batchSize, allowVersionMismatch, allowTriggers, skipValidation, jobs, bulk,
                DEFAULT_SERVER_TIMEOUT);
    }

    /** With the trigger and encoding checks on, one table at a time, through the fast path. */
    public ImportOptions(Path file, List<String> tables, boolean clear, boolean retryFailed, int batchSize,
                         boolean allowVersionMismatch) {
        this(file, tables, clear, retryFailed, batchSize, allowVersionMismatch, false, false, 1, true);
    }

    /** Through the fast path. */
    public ImportOptions(Path file, List<String> tables, boolean clear, boolean retryFailed, int batchSize,
                         boolean allowVersionMismatch, boolean allowTriggers, boolean skipValidation, int jobs) {
        this(file, tables, clear, retryFailed, batchSize, allowVersionMismatch, allowTriggers, skipValidation, jobs, true);
    }

    public static ImportOptions all(Path file) {
        return new ImportOptions(file, List.of(), false, false, DEFAULT_BATCH_SIZE, false);
    }

    public ImportOptions withSkipValidation(boolean skip) {
        return new ImportOptions(file, tables, clear, retryFailed, batchSize, allowVersionMismatch, allowTriggers, skip, jobs, bulk, serverTimeout, convert, commitEvery, disableTriggers, rejects, checkFirst);
    }

    /** --retry-failed: only the tables the journal lists as failed or missing, resumed after their committed chunks. */
    public ImportOptions withRetryFailed(boolean on) {
        return new ImportOptions(file, tables, clear, on, batchSize, allowVersionMismatch, allowTriggers, skipValidation, jobs, bulk, serverTimeout, convert, commitEvery, disableTriggers, rejects, checkFirst);
    }

    public ImportOptions withJobs(int n) {
        return new ImportOptions(file, tables, clear, retryFailed, batchSize, allowVersionMismatch, allowTriggers, skipValidation, n, bulk, serverTimeout, convert, commitEvery, disableTriggers, rejects, checkFirst);
    }

    public ImportOptions withBulk(boolean on) {
        return new ImportOptions(file, tables, clear, retryFailed, batchSize, allowVersionMismatch, allowTriggers, skipValidation, jobs, on, serverTimeout, convert, commitEvery, disableTriggers, rejects, checkFirst);
    }

    public ImportOptions withServerTimeout(Duration timeout) {
        return new ImportOptions(file, tables, clear, retryFailed, batchSize, allowVersionMismatch, allowTriggers, skipValidation, jobs,
                bulk, timeout, convert, commitEvery, disableTriggers, rejects, checkFirst);
    }

    /** With the operator's --convert rules ({@code TABLE.COLUMN=RULE} or {@code RULE}), each change reported. */
    public ImportOptions withConvert(List<String> rules) {
        return new ImportOptions(file, tables, clear, retryFailed, batchSize, allowVersionMismatch, allowTriggers, skipValidation, jobs,
                bulk, serverTimeout, List.copyOf(rules), commitEvery, disableTriggers, rejects, checkFirst);
    }

    public ImportOptions withCommitEvery(long rows) {
        return new ImportOptions(file, tables, clear, retryFailed, batchSize, allowVersionMismatch, allowTriggers, skipValidation, jobs,
                bulk, serverTimeout, convert, rows, disableTriggers, rejects, checkFirst);
    }

    public ImportOptions withDisableTriggers(boolean on) {
        return new ImportOptions(file, tables, clear, retryFailed, batchSize, allowVersionMismatch, allowTriggers, skipValidation, jobs,
                bulk, serverTimeout, convert, commitEvery, on, rejects, checkFirst);
    }

    /** With --rejects: rows the target cannot take exactly go to {@link #rejectsFile()}, the rest loads. */
    public ImportOptions withRejects(boolean on) {
        return new ImportOptions(file, tables, clear, retryFailed, batchSize, allowVersionMismatch, allowTriggers, skipValidation, jobs,
                bulk, serverTimeout, convert, commitEvery, disableTriggers, on, checkFirst);
    }

    /** --check-first: the whole file checked before anything is written (see {@link #checkFirst()}). */
    public ImportOptions withCheckFirst(boolean on) {
        return new ImportOptions(file, tables, clear, retryFailed, batchSize, allowVersionMismatch, allowTriggers, skipValidation, jobs,
                bulk, serverTimeout, convert, commitEvery, disableTriggers, rejects, on);
    }

    /**
     * Whether the whole file is checked before the load: with --check-first, and for a retry with --convert rules, whose
     * {@link #changesFile()} must list the changes of every table again (the tables committed before included).
     */
    public boolean checksFirst() {
        return checkFirst || retryFailed && !convert.isEmpty();
    }

    /** Beside the dump: the rows the target could not take (FILE.rejects.json). */
    public Path rejectsFile() {
        return file.resolveSibling(file.getFileName() + ".rejects.json");
    }

    /** Whether this file is one an import with --rejects wrote: its rows are appended to tables that hold the rest. */
    public boolean isRejectsFile() {
        String name = file.getFileName().toString();
        return name.endsWith(".rejects.json") || name.endsWith(".rejects.json.gz");
    }

    /** Beside the dump: every value a --convert rule changed (FILE.changes.json). */
    public Path changesFile() {
        return file.resolveSibling(file.getFileName() + ".changes.json");
    }
}
