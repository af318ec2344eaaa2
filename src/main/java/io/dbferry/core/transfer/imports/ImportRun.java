package io.dbferry.core.transfer.imports;

import io.dbferry.core.encoding.LoadCheck;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.transfer.ImportJournal;
import io.dbferry.core.transfer.ImportOptions;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every part of one import's loading shares: the options, the plan, the journal, the progress,
 * and, with the engine's foreign-key checks off for the load, which parents each committed table's
 * keys were checked against before its commit (written by parallel groups at once).
 *
 * @param checksOff       the engine's foreign-key checks are off for the load, so keys are checked by dbferry
 * @param checkedAtCommit per committed table, the parents its keys were checked against before the commit
 * @param clear           with --clear (or a retry) and checks off: empties each table inside its load's transaction; else null
 * @param triggersHeld    per table, the triggers held off for its load ({@code --disable-triggers})
 * @param rejects         with --rejects, where the rows the target cannot take exactly go; else null
 * @param command         the command loading ({@code import-records}, {@code copy-records}), for the next step an error names
 * @param keyRanges       a copy's tables loaded in key ranges side by side, and the threads their extra writers run on; else null
 * @param check           each table's values checked against the target as the load reads them; null with --check-first
 *                        (checked before the load) or --skip-validation
 */
record ImportRun(ImportOptions options, ImportPlan plan, ImportJournal journal, ProgressListener progress,
                 boolean checksOff, Map<String, Set<String>> checkedAtCommit, TableClear clear,
                 Map<String, List<String>> triggersHeld, RejectsWriter rejects, String command, KeyRangeWriters keyRanges,
                 LoadCheck check) {

    /**
     * The tables split in key ranges and the pool that extra range writers run on (with several groups the groups' own
     * pool, so groups and ranges share {@code --jobs} threads; null where no writer may run beside the table's job).
     */
    record KeyRangeWriters(KeyRangePlan plan, java.util.concurrent.ExecutorService helpers) {
    }

    /** No table split in key ranges. */
    ImportRun(ImportOptions options, ImportPlan plan, ImportJournal journal, ProgressListener progress,
              boolean checksOff, Map<String, Set<String>> checkedAtCommit, TableClear clear,
              Map<String, List<String>> triggersHeld, RejectsWriter rejects, String command) {
        this(options, plan, journal, progress, checksOff, checkedAtCommit, clear, triggersHeld, rejects, command, null, null);
    }

    /** Whether {@code table} (a target name) loads in key ranges. */
    boolean splits(String table) {
        return keyRanges != null && keyRanges.plan().splits(table);
    }

    /** By import-records. */
    ImportRun(ImportOptions options, ImportPlan plan, ImportJournal journal, ProgressListener progress, boolean checksOff,
              Map<String, Set<String>> checkedAtCommit, TableClear clear, Map<String, List<String>> triggersHeld,
              RejectsWriter rejects) {
        this(options, plan, journal, progress, checksOff, checkedAtCommit, clear, triggersHeld, rejects, "import-records");
    }

    /** Without --rejects. */
    ImportRun(ImportOptions options, ImportPlan plan, ImportJournal journal, ProgressListener progress, boolean checksOff,
              Map<String, Set<String>> checkedAtCommit, TableClear clear, Map<String, List<String>> triggersHeld) {
        this(options, plan, journal, progress, checksOff, checkedAtCommit, clear, triggersHeld, null);
    }

    /** Without a record of held triggers (a load that holds none off, or whose caller does not report them). */
    ImportRun(ImportOptions options, ImportPlan plan, ImportJournal journal, ProgressListener progress, boolean checksOff,
              Map<String, Set<String>> checkedAtCommit, TableClear clear) {
        this(options, plan, journal, progress, checksOff, checkedAtCommit, clear, new java.util.concurrent.ConcurrentHashMap<>());
    }
}
