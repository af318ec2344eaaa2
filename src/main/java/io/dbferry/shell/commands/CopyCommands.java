package io.dbferry.shell.commands;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.catalog.TableNames;
import io.dbferry.core.config.DbferryConfig;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.core.transfer.CopyOptions;
import io.dbferry.core.transfer.ImportResult;
import io.dbferry.core.transfer.SyncMarks;
import io.dbferry.core.transfer.TableState;
import io.dbferry.core.transfer.TablesRefused;
import io.dbferry.core.transfer.TargetConnectionLost;
import io.dbferry.core.transfer.imports.RecordCopier;
import io.dbferry.shell.completion.SourceTableListValueProvider;
import io.dbferry.shell.completion.TableNameCache;
import io.dbferry.shell.completion.WhereValueProvider;
import io.dbferry.shell.progress.OperationProgress;
import io.dbferry.shell.progress.ProgressViews;
import io.dbferry.shell.render.Json;
import io.dbferry.shell.render.OutputFormat;
import io.dbferry.shell.render.output.RecordOutput;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

import java.nio.file.Path;
import java.time.Duration;

/** copy-records: the source's records straight into the target, with no file between them. */
@ShellComponent
public class CopyCommands {

    private static final String GROUP = "Records";

    private final Session session;
    private final TableNameCache tableNames;
    private final ProgressViews progressViews;
    private final DbferryConfig config;

    public CopyCommands(Session session, TableNameCache tableNames, ProgressViews progressViews, DbferryConfig config) {
        this.session = session;
        this.tableNames = tableNames;
        this.progressViews = progressViews;
        this.config = config;
    }

    @ShellMethod(key = "copy-records", group = GROUP, value = """
            Copy the source's records straight into the target, in one read-only snapshot of the source, table by table \
            in foreign-key order, as import-records loads a dump; a failed table is rolled back and --retry-failed finishes \
            the copy. From a PostgreSQL source each table copied whole gets a mark, so a later sync reads only the rows \
            changed since. Example: copy-records --exclude 'django_*' --commit-every 100000""")
    public String copyRecords(
            @ShellOption(value = "--tables", defaultValue = ShellOption.NULL, help = "names and globs of the source's tables to copy (default all)",
                    valueProvider = SourceTableListValueProvider.class) String tables,
            @ShellOption(value = "--exclude", defaultValue = ShellOption.NULL, help = "names and globs to leave out",
                    valueProvider = SourceTableListValueProvider.class) String exclude,
            @ShellOption(value = "--where", defaultValue = ShellOption.NULL,
                    help = "TABLE:CONDITION limiting a table's rows; may be repeated (two for one table both apply)",
                    valueProvider = WhereValueProvider.class) String where,
            @ShellOption(value = "--with-parents", help = "add the parent rows the chosen rows reference") boolean withParents,
            @ShellOption(value = "--clear", help = "empty the target's tables being copied into first") boolean clear,
            @ShellOption(value = "--retry-failed", help = "copy only what the journal says is not done, resuming after committed chunks") boolean retryFailed,
            @ShellOption(value = "--jobs", defaultValue = "1", help = "copy N groups of tables with no foreign key between them at once "
                    + "(not into SQLite); each job reads the source on its own connection, in the copy's snapshot on PostgreSQL, "
                    + "on MySQL/MariaDB in snapshots begun together while commits to the source's tables are held back "
                    + "(LOCK TABLES ... READ, for an instant), on SQLite in a snapshot of its own; with --commit-every M, a table "
                    + "of more than M rows with one integer key is cut into key ranges of M rows that N writers load side by side "
                    + "(one after another into SQLite), each range committed and journaled") int jobs,
            @ShellOption(value = "--batch-size", defaultValue = "1000", help = "rows per batch") int batchSize,
            @ShellOption(value = "--commit-every", defaultValue = "0", help = "commit each table in chunks of N rows in key order, so a "
                    + "retry resumes after the last committed chunk, or with --jobs in key ranges of N rows, so a retry loads only "
                    + "the ranges not committed (0: one transaction per table)") long commitEvery,
            @ShellOption(value = "--journal", defaultValue = ShellOption.NULL, help = "the journal file (default "
                    + "dbferry-copy.journal.json beside the configuration file, as the sync marks)") String journal,
            @ShellOption(value = "--allow-version-mismatch", help = "copy although the schema versions differ") boolean allowVersionMismatch,
            @ShellOption(value = "--allow-triggers", help = "copy although insert triggers on the target would fire") boolean allowTriggers,
            @ShellOption(value = "--disable-triggers", help = "hold the target's insert triggers off for each table's copy; "
                    + "they are in place again afterwards") boolean disableTriggers,
            @ShellOption(value = "--skip-validation", help = "do not check the source's values against the target (each table "
                    + "is checked as it is copied, or first with --check-first)") boolean skipValidation,
            @ShellOption(value = "--check-first", help = "read every chosen table's text before anything is written and copy "
                    + "nothing while anything is wrong (default: each table checked as it is copied, a table holding a problem "
                    + "rolled back, the others committed)") boolean checkFirst,
            @ShellOption(value = "--no-bulk", help = "write with batched inserts, not the engine's fast path (COPY, LOAD DATA); "
                    + "DBFERRY_BULK=off makes this the default") boolean noBulk,
            @ShellOption(value = "--server-timeout", defaultValue = "600", help = "seconds to wait for the target server's answer "
                    + "before the copy gives up and stops (0: no limit)") long serverTimeout,
            @ShellOption(value = "--quiet", help = "show no progress while it runs (the summary still prints)") boolean quiet,
            @ShellOption(value = "--format", defaultValue = "text", help = "text or json") String format) {
        OutputFormat output = OutputFormat.parse(format);
        if (jobs < 1) {
            throw new DbferryException(Kind.USAGE, "--jobs must be 1 or more, not " + jobs + ".", "Give the number of tables to copy at once, e.g. --jobs 2.");
        }
        if (commitEvery < 0) {
            throw new DbferryException(Kind.USAGE, "--commit-every must be 0 or more rows, not " + commitEvery + ".",
                    "Give the rows per commit, e.g. --commit-every 100000, or 0 for one transaction per table.");
        }
        if (serverTimeout < 0) {
            throw new DbferryException(Kind.USAGE, "--server-timeout must be 0 or more seconds, not " + serverTimeout + ".",
                    "Give the seconds to wait for the server, e.g. --server-timeout 600, or 0 for no limit.");
        }
        Path journalFile = journalFile(journal, config);
        CopyOptions options = new CopyOptions(TableNames.split(tables), TableNames.split(exclude), RecordCommands.parseWhere(where),
                withParents, clear, retryFailed, jobs, batchSize, commitEvery, journalFile, allowVersionMismatch, allowTriggers,
                skipValidation, !noBulk && ImportDefaults.BULK, Duration.ofSeconds(serverTimeout), disableTriggers, checkFirst);
        DatabaseConnection source = session.require(Side.SOURCE);
        DatabaseConnection target = session.require(Side.TARGET);
        String retry = "copy-records --retry-failed" + (journal != null ? " --journal " + journal : "");
        ImportResult result;
        boolean cancelled;
        try (OperationProgress progress = progressViews.open("copy", "copy-records " + source.spec().display() + " → "
                + target.spec().display(), quiet, output)) {
            result = new RecordCopier(source, target, progress).keepingMarks(SyncMarks.in(stateFolder(config))).copy(options);
            cancelled = progress.cancelled();
        } catch (TargetConnectionLost lost) {
            tableNames.invalidate();
            throw new FailedWithReport(Kind.CONNECTION, lost.where(), render(source, target, lost.result(), output), lost.getMessage(),
                    "Once the server answers again, connect the target again and run '" + retry + "' to copy only what is missing.");
        } catch (TablesRefused refused) {
            tableNames.invalidate();
            throw new FailedWithReport(Kind.ENCODING, refused.where(), render(source, target, refused.result(), output),
                    refused.getMessage(), TablesRefused.nextStep(retry, "copy-records --check-first", false));
        }
        tableNames.invalidate();
        String rendered = render(source, target, result, output);
        if (!result.succeeded()) {
            if (cancelled) {
                throw new FailedWithReport(Kind.CANCELLED, rendered, "The copy was cancelled; the table in flight was rolled back"
                        + (commitEvery > 0 ? " to its last committed chunk." : "."), "Run '" + retry + "' to finish it.");
            }
            long failed = result.tables().stream().filter(t -> t.state() == TableState.FAILED).count();
            String what = failed == 0 ? (result.constraintViolations().isEmpty() ? "The copy did not complete (the table above shows each table's state)."
                    : "The copy did not complete: the target's foreign keys are violated (listed above).")
                    : "The copy did not complete: " + failed + " of " + result.tables().size() + " tables failed, the first at "
                    + result.firstFailure().describe() + " (the reason is in the table above).";
            throw new FailedWithReport(Kind.CONSTRAINT, result.firstFailure(), rendered, what,
                    "Fix the cause, then run '" + retry + "' to copy only what is missing.");
        }
        return rendered;
    }

    private static String render(DatabaseConnection source, DatabaseConnection target, ImportResult result, OutputFormat output) {
        if (output.json()) {
            return Json.write(RecordOutput.Copy.of(source.spec().display(), target.spec().display(), result));
        }
        return RecordCommands.renderImport(result).replace(" rows imported; ", " rows copied; ");
    }

    /** {@code --journal}, else beside the session's dbferry.yml, else (started without one) in the current folder. */
    static Path journalFile(String journal, DbferryConfig config) {
        return journal != null ? Path.of(journal) : RecordCopier.defaultJournal(stateFolder(config));
    }

    /** Where the journals and the sync marks are kept by default: beside the session's dbferry.yml, else the current folder. */
    static Path stateFolder(DbferryConfig config) {
        return config.file() == null ? Path.of("").toAbsolutePath() : config.file().toAbsolutePath().getParent();
    }
}
