package io.dbferry.shell.commands;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.catalog.TableNames;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.core.config.DbferryConfig;
import io.dbferry.core.transfer.ExportOptions;
import io.dbferry.core.transfer.ExportResult;
import io.dbferry.core.transfer.Exporter;
import io.dbferry.core.transfer.ImportJournal;
import io.dbferry.core.transfer.ImportOptions;
import io.dbferry.core.transfer.ImportResult;
import io.dbferry.core.transfer.SyncMarks;
import io.dbferry.core.transfer.TablesRefused;
import io.dbferry.core.transfer.TargetConnectionLost;
import io.dbferry.core.transfer.TableState;
import io.dbferry.core.transfer.Verifier;
import io.dbferry.core.transfer.VerifyResult;
import io.dbferry.core.transfer.imports.Importer;
import io.dbferry.core.transfer.imports.TriggerHold;
import io.dbferry.shell.completion.DumpTableListValueProvider;
import io.dbferry.shell.completion.SourceTableListValueProvider;
import io.dbferry.shell.completion.TargetTableListValueProvider;
import io.dbferry.shell.completion.WhereValueProvider;
import io.dbferry.shell.completion.TableNameCache;
import io.dbferry.shell.process.RepeatedOptions;
import io.dbferry.shell.progress.OperationProgress;
import io.dbferry.shell.progress.ProgressViews;
import io.dbferry.shell.render.Json;
import io.dbferry.shell.render.OutputFormat;
import io.dbferry.shell.render.TextTable;
import io.dbferry.shell.render.output.RecordOutput;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** export-records, import-records, import-status, verify: moving the records through a dump file. */
@ShellComponent
public class RecordCommands {

    private static final String GROUP = "Records";

    private final Session session;
    private final TableNameCache tableNames;
    private final ProgressViews progressViews;
    private final DbferryConfig config;

    public RecordCommands(Session session, TableNameCache tableNames, ProgressViews progressViews, DbferryConfig config) {
        this.session = session;
        this.tableNames = tableNames;
        this.progressViews = progressViews;
        this.config = config;
    }

    @ShellMethod(key = "export-records", group = GROUP, value = """
            Export the source's records to a dump file (FILE.gz is gzip), in one read-only snapshot. \
            Example: export-records -f data.json.gz --tables 'part_*' --where "part_part:active = 1" --with-parents""")
    public String exportRecords(
            @ShellOption(value = {"-f", "--file"}, help = "the dump file to write") String file,
            @ShellOption(value = "--tables", defaultValue = ShellOption.NULL, help = "names and globs to export (default all)",
                    valueProvider = SourceTableListValueProvider.class) String tables,
            @ShellOption(value = "--exclude", defaultValue = ShellOption.NULL, help = "names and globs to leave out",
                    valueProvider = SourceTableListValueProvider.class) String exclude,
            @ShellOption(value = "--where", defaultValue = ShellOption.NULL,
                    help = "TABLE:CONDITION limiting a table's rows; may be repeated (two for one table both apply)",
                    valueProvider = WhereValueProvider.class) String where,
            @ShellOption(value = "--with-parents", help = "add the parent rows the chosen rows reference") boolean withParents,
            @ShellOption(value = "--overwrite", help = "replace an existing file") boolean overwrite,
            @ShellOption(value = "--quiet", help = "show no progress while it runs (the summary still prints)") boolean quiet,
            @ShellOption(value = "--format", defaultValue = "text", help = "text or json") String format) {
        OutputFormat output = OutputFormat.parse(format);
        ExportOptions options = new ExportOptions(Path.of(file), TableNames.split(tables), TableNames.split(exclude),
                parseWhere(where), withParents, overwrite);
        ExportResult result;
        try (OperationProgress progress = progressViews.open("export", "export-records → " + file, quiet, output)) {
            result = new Exporter(session.require(Side.SOURCE), progress).export(options);
        }
        if (output.json()) {
            return Json.write(RecordOutput.Export.of(result));
        }
        TextTable table = new TextTable("table", "rows", "s").alignRight(1, 2);
        result.tables().forEach(t -> table.row(t.table(), TextTable.number(t.rows()), seconds(t.elapsed().toMillis() / 1000.0)));
        table.footer(String.format("%,d rows in %s written to %s (%,d bytes) in %s s", result.totalRows(),
                ConnectionCommands.tableCount(result.tables().size()), result.file(), result.bytes(), seconds(result.elapsed().toMillis() / 1000.0)));
        return table.render() + CarriedReport.text(result);
    }

    /** The import's failure in dbferry's words; the summary table above it holds the driver's. */
    private static String importFailure(ImportResult result) {
        long failed = result.tables().stream().filter(t -> t.state() == TableState.FAILED).count();
        if (failed == 0) {
            return result.constraintViolations().isEmpty() ? "The import did not complete (the table above shows each table's state)."
                    : "The import did not complete: the target's foreign keys are violated (listed above).";
        }
        return "The import did not complete: " + failed + " of " + result.tables().size() + " tables failed, the first at "
                + result.firstFailure().describe() + " (the reason is in the table above).";
    }

    /** Each --where as TABLE -> CONDITION; two for one table both apply, joined by AND. */
    static Map<String, String> parseWhere(String where) {
        Map<String, String> conditions = new LinkedHashMap<>();
        for (String item : RepeatedOptions.values(where)) {
            int colon = item.indexOf(':');
            if (colon <= 0 || colon == item.length() - 1) {
                throw new DbferryException(Kind.USAGE, "--where '" + item + "' is not TABLE:CONDITION.",
                        "Write it as --where \"part_part:active = 1\".");
            }
            String condition = item.substring(colon + 1).trim();
            conditions.merge(item.substring(0, colon).trim(), condition, (a, b) -> "(" + a + ") AND (" + b + ")");
        }
        return conditions;
    }

    @ShellMethod(key = "import-records", group = GROUP, value = """
            Import a dump file into the target, table by table in foreign-key order; a failed table is rolled back \
            and can be retried alone. Example: import-records -f data.json.gz --retry-failed""")
    public String importRecords(
            @ShellOption(value = {"-f", "--file"}, help = "the dump file to read") String file,
            @ShellOption(value = "--tables", defaultValue = ShellOption.NULL, help = "names and globs of the file's tables to load",
                    valueProvider = DumpTableListValueProvider.class) String tables,
            @ShellOption(value = "--clear", help = "empty each table inside its own load's transaction (refused if it would orphan rows of a table not imported)") boolean clear,
            @ShellOption(value = "--retry-failed", help = "load again only the tables the journal says are not done") boolean retryFailed,
            @ShellOption(value = "--batch-size", defaultValue = "1000", help = "rows per batch") int batchSize,
            @ShellOption(value = "--allow-version-mismatch", help = "load although the schema versions differ") boolean allowVersionMismatch,
            @ShellOption(value = "--allow-triggers", help = "load although insert triggers on the target would fire") boolean allowTriggers,
            @ShellOption(value = "--disable-triggers", help = "hold the target's insert triggers off for each table's load; "
                    + "they are in place again afterwards") boolean disableTriggers,
            @ShellOption(value = "--skip-validation", help = "do not check the values against the target (each table is checked "
                    + "as it loads, or first with --check-first; see validate-encoding)") boolean skipValidation,
            @ShellOption(value = "--check-first", help = "read the whole file (checksums, every value against the target) before "
                    + "anything is written and load nothing while anything is wrong (default: each table checked as it loads, "
                    + "a table holding a problem rolled back, the others committed)") boolean checkFirst,
            @ShellOption(value = "--jobs", defaultValue = "1",
                    help = "load N groups of tables with no foreign key between them at once (not into SQLite)") int jobs,
            @ShellOption(value = "--no-bulk", help = "load with batched inserts, not the engine's fast path (COPY, LOAD DATA); "
                    + "DBFERRY_BULK=off makes this the default") boolean noBulk,
            @ShellOption(value = "--server-timeout", defaultValue = "600", help = "seconds to wait for the target server's answer "
                    + "before the import gives up and stops (0: no limit)") long serverTimeout,
            @ShellOption(value = "--commit-every", defaultValue = "0", help = "commit each table in chunks of N rows in file order, so a "
                    + "retry resumes after the last committed chunk (0: one transaction per table)") long commitEvery,
            @ShellOption(value = "--convert", defaultValue = ShellOption.NULL, help = "[TABLE.COLUMN=]RULE for values the target "
                    + "cannot hold exactly: zero-date-to-null, invalid-to-null, bytes-to-hex, text-to-number-or-null, "
                    + "epoch-to-timestamp, infinity-to-null, decimal-to-real, and fix-encoding's strategies repair-mojibake, "
                    + "strip-nul, transliterate, replace, truncate; may be repeated; each change is listed in FILE.changes.json") String convert,
            @ShellOption(value = "--rejects", help = "write the rows the target cannot take exactly to FILE.rejects.json "
                    + "(with each one's reason) and load the rest; exits 1 when any row went there") boolean rejects,
            @ShellOption(value = "--quiet", help = "show no progress while it runs (the summary still prints)") boolean quiet,
            @ShellOption(value = "--format", defaultValue = "text", help = "text or json") String format) {
        OutputFormat output = OutputFormat.parse(format);
        if (commitEvery < 0) {
            throw new DbferryException(Kind.USAGE, "--commit-every must be 0 or more rows, not " + commitEvery + ".",
                    "Give the rows per commit, e.g. --commit-every 100000, or 0 for one transaction per table.");
        }
        if (serverTimeout < 0) {
            throw new DbferryException(Kind.USAGE, "--server-timeout must be 0 or more seconds, not " + serverTimeout + ".",
                    "Give the seconds to wait for the server, e.g. --server-timeout 600, or 0 for no limit.");
        }
        if (jobs < 1) {
            throw new DbferryException(Kind.USAGE,
                    "--jobs must be 1 or more, not " + jobs + ".", "Give the number of tables to load at once, e.g. --jobs 2.");
        }
        ImportOptions options = new ImportOptions(Path.of(file), TableNames.split(tables), clear, retryFailed, batchSize,
                allowVersionMismatch, allowTriggers, skipValidation, jobs, !noBulk && ImportDefaults.BULK, Duration.ofSeconds(serverTimeout),
                RepeatedOptions.values(convert), commitEvery, disableTriggers, rejects, checkFirst);
        ImportResult result;
        boolean cancelled;
        try (OperationProgress progress = progressViews.open("import", "import-records ← " + file, quiet, output)) {
            result = new Importer(session.require(Side.TARGET), progress)
                    .forgettingMarks(SyncMarks.in(CopyCommands.stateFolder(config))).importFile(options);
            cancelled = progress.cancelled();
        } catch (TargetConnectionLost lost) {
            tableNames.invalidate();
            throw new FailedWithReport(Kind.CONNECTION, lost.where(), renderImport(lost.result(), output), lost.getMessage(),
                    "Once the server answers again, connect the target again and run 'import-records -f " + file
                            + " --retry-failed' to load only what is missing.");
        } catch (TablesRefused refused) {
            tableNames.invalidate();
            throw new FailedWithReport(Kind.ENCODING, refused.where(), renderImport(refused.result(), output), refused.getMessage(),
                    refused.nextStep());
        }
        tableNames.invalidate();
        String rendered = renderImport(result, output);
        if (!result.succeeded()) {
            if (!cancelled && result.rejectedRows() > 0 && result.constraintViolations().isEmpty()
                    && result.tables().stream().allMatch(t -> t.state() == TableState.DONE)) {
                throw new FailedWithReport(Kind.TARGET_MISMATCH, DbferryException.Where.NOWHERE, rendered, String.format(
                        "%,d rows the target cannot take exactly went to %s, each with its reason; the rest loaded.",
                        result.rejectedRows(), result.rejectsFile()), "Fix those rows (fix-encoding, --convert, or by hand), then run "
                        + "'import-records -f " + result.rejectsFile() + "' to append them.");
            }
            if (cancelled) {
                throw new FailedWithReport(Kind.CANCELLED, rendered, "The import was cancelled; the table in flight was rolled back.",
                        "Run 'import-records -f " + file + " --retry-failed' to finish it.");
            }
            throw new FailedWithReport(Kind.CONSTRAINT, result.firstFailure(), rendered, importFailure(result),
                    "Fix the cause, then run 'import-records -f " + file + " --retry-failed' to load only what is missing.");
        }
        return rendered;
    }

    private static String renderImport(ImportResult result, OutputFormat output) {
        return output.json() ? Json.write(RecordOutput.Import.of(result)) : renderImport(result);
    }

    /** The import's summary table; copy-records prints the same. */
    /** The rows a table will give, "-" where not counted beforehand (a copy's --with-parents tables: -1). */
    private static String rowsExpected(ImportJournal.Entry e) {
        return e.rowsInFile() < 0 ? "-" : TextTable.number(e.rowsInFile());
    }

    static String renderImport(ImportResult result) {
        boolean rejects = result.rejectsFile() != null; // a "rejected" column beside "imported"
        TextTable table = rejects ? new TextTable("table", "rows", "imported", "rejected", "state", "s", "rows/s", "").alignRight(1, 2, 3, 5, 6)
                : new TextTable("table", "rows", "imported", "state", "s", "rows/s", "").alignRight(1, 2, 4, 5);
        for (ImportJournal.Entry e : result.tables()) {
            boolean done = e.state() == TableState.DONE;
            java.util.List<Object> cells = new java.util.ArrayList<>(java.util.List.of(e.table(), rowsExpected(e),
                    TextTable.number(e.rowsImported())));
            if (rejects) {
                cells.add(TextTable.number(result.rowsRejected(e.table())));
            }
            cells.addAll(java.util.List.of(e.state().label(),
                    done && e.seconds() != null ? seconds(e.seconds()) : "-",
                    done && e.seconds() != null ? TextTable.number(Math.round(e.rowsImported() / Math.max(e.seconds(), 0.001))) : "-",
                    e.reason() == null ? "" : e.reason()));
            table.row(cells.toArray());
        }
        if (rejects) {
            table.footer(String.format("%,d rows rejected, each with its reason, in %s", result.rejectedRows(), result.rejectsFile()));
        }
        long done = result.tables().stream().filter(e -> e.state() == TableState.DONE).count();
        table.footer(String.format("%,d rows imported; %d of %d tables done in %s s", result.rowsImported(), done,
                result.tables().size(), seconds(result.elapsed().toMillis() / 1000.0)));
        result.constraintViolations().forEach(v -> table.footer("foreign key: " + v));
        result.triggersHeld().forEach((t, names) -> table.footer("triggers held off for the load of " + t + ", in place again: "
                + String.join(", ", names)));
        if (!result.triggersRestored().isEmpty()) {
            table.footer("put back, dropped by an import that did not finish: " + String.join(", ", result.triggersRestored()));
        }
        return table.render();
    }

    @ShellMethod(key = "import-status", group = GROUP, value = "Show the import journal of a dump file: each table's state. Example: import-status -f data.json.gz")
    public String importStatus(
            @ShellOption(value = {"-f", "--file"}, help = "the dump file") String file,
            @ShellOption(value = "--format", defaultValue = "text", help = "text or json") String format) {
        OutputFormat output = OutputFormat.parse(format);
        ImportJournal journal = ImportJournal.read(Path.of(file)).orElseThrow(() -> new DbferryException(Kind.USAGE,
                "No import of " + file + " has been recorded.", "Run 'import-records -f " + file + "'."));
        // triggers an unfinished import dropped for its load go back as soon as the target is at hand
        List<String> restored = journal.heldTriggers().isEmpty() ? List.of()
                : TriggerHold.putBackMissing(session.require(Side.TARGET), journal);
        if (output.json()) {
            return Json.write(RecordOutput.ImportStatus.of(journal, restored));
        }
        TextTable table = new TextTable("table", "rows", "imported", "state", "").alignRight(1, 2);
        journal.entries().forEach(e -> table.row(e.table(), rowsExpected(e), TextTable.number(e.rowsImported()),
                e.state().label(), e.reason() == null ? "" : e.reason()));
        table.footer("into " + journal.target());
        if (!restored.isEmpty()) {
            table.footer("put back, dropped by an import that did not finish: " + String.join(", ", restored));
        }
        return table.render();
    }

    @ShellMethod(key = "verify", group = GROUP, value = """
            Compare the target with the source (or with a dump file): row counts and content checksums per table, \
            and the first differing key; --diff lists every differing row. Example: verify --diff --limit 5""")
    public String verify(
            @ShellOption(value = {"-f", "--file"}, defaultValue = ShellOption.NULL, help = "compare with this dump instead of the source; rows in FILE.rejects.json and values in "
                    + "FILE.changes.json count as rejected and converted, not as differences") String file,
            @ShellOption(value = "--tables", defaultValue = ShellOption.NULL, help = "names and globs to compare",
                    valueProvider = TargetTableListValueProvider.class) String tables,
            @ShellOption(value = "--diff", help = "list the differing rows by key: missing, extra, changed (with both values)") boolean diff,
            @ShellOption(value = "--limit", defaultValue = "20", help = "with --diff, rows listed per table (JSON lists them all)") int limit,
            @ShellOption(value = "--quiet", help = "show no progress while it runs (the summary still prints)") boolean quiet,
            @ShellOption(value = "--format", defaultValue = "text", help = "text or json") String format) {
        OutputFormat output = OutputFormat.parse(format);
        if (limit < 0) {
            throw new DbferryException(Kind.USAGE, "--limit must be 0 or more, not " + limit + ".", "Give the rows to list per table, e.g. --limit 20.");
        }
        VerifyResult result;
        try (OperationProgress progress = progressViews.open("verify", "verify" + (file != null ? " against " + file : ""), quiet,
                output)) {
            Verifier verifier = new Verifier(session.require(Side.TARGET), progress);
            if (diff) {
                verifier.listingDifferences(output.json() ? Integer.MAX_VALUE : limit);
            }
            result = file != null ? verifier.againstFile(Path.of(file), TableNames.split(tables))
                    : verifier.againstSource(session.require(Side.SOURCE), TableNames.split(tables));
        }
        String rendered;
        if (output.json()) {
            rendered = Json.write(RecordOutput.Verify.of(result));
        } else {
            TextTable table = new TextTable("table", "expected", "target", "result", "").alignRight(1, 2);
            for (VerifyResult.TableComparison t : result.tables()) {
                String accounted = t.accounted().text();
                String note = t.firstDifference() == null ? accounted
                        : "first: " + t.firstDifference() + (accounted.isEmpty() ? "" : "; " + accounted);
                table.row(t.table(), TextTable.number(t.expectedRows()), TextTable.number(t.actualRows()),
                        t.equal() ? "equal" : t.firstDifference() == null && t.accounted().rejected() > 0 ? "INCOMPLETE" : "DIFFERENT", note);
            }
            table.footer(result.equalCount() + " of " + result.tables().size() + " tables equal (counts and checksums)");
            rendered = table.render() + (diff ? VerifyDiffText.render(result) : "");
        }
        if (!result.allEqual()) {
            throw new FailedWithReport(Kind.TARGET_MISMATCH, rendered, "The target differs from " + result.against() + ".",
                    file == null ? "Run 'sync --full' to write only the differences (a plain 'sync' reads only the rows the source changed since its "
                            + "mark), or copy the differing tables again with "
                            + "'copy-records --tables NAME --clear'."
                            : result.tables().stream().anyMatch(t -> t.accounted().rejected() > 0)
                            ? "Fix the rows in the rejects file and append them with 'import-records -f FILE.rejects.json'; "
                            + "re-import any other differing table with 'import-records -f FILE --tables NAME --clear'."
                            : "Re-import the differing tables with 'import-records -f FILE --tables NAME --clear'.");
        }
        return rendered;
    }

    static String seconds(double s) {
        return String.format("%.1f", s);
    }
}
