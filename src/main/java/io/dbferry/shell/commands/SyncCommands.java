package io.dbferry.shell.commands;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.catalog.TableNames;
import io.dbferry.core.config.DbferryConfig;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.core.transfer.SyncMarks;
import io.dbferry.core.transfer.TableState;
import io.dbferry.core.transfer.sync.SyncOptions;
import io.dbferry.core.transfer.sync.SyncResult;
import io.dbferry.core.transfer.sync.Synchronizer;
import io.dbferry.shell.completion.SourceTableListValueProvider;
import io.dbferry.shell.completion.TableNameCache;
import io.dbferry.shell.progress.OperationProgress;
import io.dbferry.shell.progress.ProgressViews;
import io.dbferry.shell.render.Json;
import io.dbferry.shell.render.OutputFormat;
import io.dbferry.shell.render.TextTable;
import io.dbferry.shell.render.output.SyncOutput;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** sync: makes the target equal to the open source, writing only the differences. */
@ShellComponent
public class SyncCommands {

    private final Session session;
    private final TableNameCache tableNames;
    private final ProgressViews progressViews;
    private final DbferryConfig config;

    public SyncCommands(Session session, TableNameCache tableNames, ProgressViews progressViews, DbferryConfig config) {
        this.config = config;
        this.session = session;
        this.tableNames = tableNames;
        this.progressViews = progressViews;
    }

    @ShellMethod(key = "sync", group = "Records", value = """
            Make the target equal to the source by writing only the differences: insert missing rows, update changed ones, \
            delete extra ones, table by table in foreign-key order. From a PostgreSQL source, after a copy-records or sync \
            into this target, only the rows changed since are read (--full: every row). Example: sync --dry-run""")
    public String sync(
            @ShellOption(value = "--tables", defaultValue = ShellOption.NULL, help = "names and globs of the source's tables to sync (default all)",
                    valueProvider = SourceTableListValueProvider.class) String tables,
            @ShellOption(value = "--exclude", defaultValue = ShellOption.NULL, help = "names and globs to leave out",
                    valueProvider = SourceTableListValueProvider.class) String exclude,
            @ShellOption(value = "--dry-run", help = "count the differences and show the first keys; write nothing") boolean dryRun,
            @ShellOption(value = "--delete", help = "delete the rows only the target has (the default)") boolean delete,
            @ShellOption(value = "--no-delete", help = "keep the rows only the target has") boolean noDelete,
            @ShellOption(value = "--retry-failed", help = "sync again only the tables the journal says are not done") boolean retryFailed,
            @ShellOption(value = "--full", help = "compare every row, even where an earlier copy or sync left a mark to read only the rows changed since")
            boolean full,
            @ShellOption(value = "--batch-size", defaultValue = "1000", help = "rows per JDBC batch") int batchSize,
            @ShellOption(value = "--journal", defaultValue = ShellOption.NULL, help = "the journal file of each table's state (default "
                    + "dbferry-sync.journal.json beside the configuration file, as the sync marks)")
            String journal,
            @ShellOption(value = "--quiet", help = "show no progress while it runs (the summary still prints)") boolean quiet,
            @ShellOption(value = "--format", defaultValue = "text", help = "text or json") String format) {
        OutputFormat output = OutputFormat.parse(format);
        if (delete && noDelete) {
            throw new DbferryException(Kind.USAGE, "--delete and --no-delete contradict each other.", "Give one of them.");
        }
        if (batchSize < 1) {
            throw new DbferryException(Kind.USAGE, "--batch-size must be 1 or more, not " + batchSize + ".", "Give e.g. --batch-size 1000.");
        }
        SyncOptions options = new SyncOptions(TableNames.split(tables), TableNames.split(exclude), dryRun, !noDelete, retryFailed,
                batchSize, journalFile(journal), full);
        SyncResult result;
        try (OperationProgress progress = progressViews.open("sync", "sync " + (dryRun ? "(dry run) " : "") + "→ target", quiet, output)) {
            result = new Synchronizer(session.require(Side.SOURCE), session.require(Side.TARGET), progress)
                    .keepingMarks(SyncMarks.in(CopyCommands.stateFolder(config))).sync(options);
        }
        if (!dryRun) {
            tableNames.invalidate();
        }
        String rendered = output.json() ? Json.write(SyncOutput.Sync.of(result)) : render(result);
        if (!result.succeeded()) {
            SyncResult.TableSync failed = result.tables().stream().filter(t -> t.state() == TableState.FAILED).findFirst().orElseThrow();
            throw new FailedWithReport(Kind.CONSTRAINT, Where.table(failed.table()), rendered, "The sync did not complete: table "
                    + failed.table() + " failed and was rolled back (the reason is in the table above).",
                    "Fix the cause, then run 'sync --retry-failed' to sync only the tables not done.");
        }
        return rendered;
    }

    /**
     * {@code --journal}, else beside dbferry.yml (else in the current folder); a sync --retry-failed finds there the
     * journal an earlier version left in the current folder.
     */
    private Path journalFile(String journal) {
        if (journal != null) {
            return Path.of(journal);
        }
        Path beside = CopyCommands.stateFolder(config).resolve(SyncOptions.DEFAULT_JOURNAL);
        Path here = SyncOptions.DEFAULT_JOURNAL.toAbsolutePath();
        return !java.nio.file.Files.exists(beside) && java.nio.file.Files.exists(here) ? here : beside;
    }

    static String render(SyncResult result) {
        boolean dry = result.dryRun();
        TextTable table = new TextTable("table", dry ? "to insert" : "inserted", dry ? "to update" : "updated",
                dry ? "to delete" : "deleted", "unchanged", "s", "compared by", "").alignRight(1, 2, 3, 4, 5);
        for (SyncResult.TableSync t : result.tables()) {
            table.row(t.table(), TextTable.number(t.inserted()), TextTable.number(t.updated()), TextTable.number(t.deleted()),
                    TextTable.number(t.unchanged()), t.seconds() == null ? "-" : String.format("%.1f", t.seconds()),
                    t.comparedBy(), t.state() == TableState.FAILED ? "failed: " + t.reason() : dry ? firstKeys(t) : "");
        }
        String counts = String.format(dry ? "dry run, nothing written: %,d to insert, %,d to update, %,d to delete"
                : "%,d inserted, %,d updated, %,d deleted", result.inserted(), result.updated(), result.deleted());
        table.footer(String.format("%s, %,d unchanged in %.1f s%s", counts, result.unchanged(), result.elapsed().toMillis() / 1000.0,
                dry ? "" : " (" + result.source() + " → " + result.target() + ")"));
        return table.render();
    }

    private static String firstKeys(SyncResult.TableSync t) {
        List<String> parts = new ArrayList<>();
        if (!t.insertedKeys().isEmpty()) {
            parts.add("insert " + String.join(" ", t.insertedKeys()) + (t.inserted() > t.insertedKeys().size() ? " …" : ""));
        }
        if (!t.updatedKeys().isEmpty()) {
            parts.add("update " + String.join(" ", t.updatedKeys()) + (t.updated() > t.updatedKeys().size() ? " …" : ""));
        }
        if (!t.deletedKeys().isEmpty()) {
            parts.add("delete " + String.join(" ", t.deletedKeys()) + (t.deleted() > t.deletedKeys().size() ? " …" : ""));
        }
        return String.join("; ", parts);
    }
}
