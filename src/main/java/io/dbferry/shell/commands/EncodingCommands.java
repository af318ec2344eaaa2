package io.dbferry.shell.commands;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.catalog.TableNames;
import io.dbferry.core.encoding.EncodingFixer;
import io.dbferry.core.encoding.EncodingReport;
import io.dbferry.core.encoding.EncodingValidator;
import io.dbferry.core.encoding.FixOptions;
import io.dbferry.core.encoding.FixResult;
import io.dbferry.core.encoding.FixStrategy;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.shell.completion.DumpTableListValueProvider;
import io.dbferry.shell.progress.OperationProgress;
import io.dbferry.shell.progress.ProgressViews;
import io.dbferry.shell.render.Json;
import io.dbferry.shell.render.OutputFormat;
import io.dbferry.shell.render.TextTable;
import io.dbferry.shell.render.output.EncodingOutput;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** validate-encoding and fix-encoding: find, before importing, every string the target would reject or alter, and repair it. */
@ShellComponent
public class EncodingCommands {

    private static final String GROUP = "Encoding";

    private final Session session;
    private final ProgressViews progressViews;

    public EncodingCommands(Session session, ProgressViews progressViews) {
        this.session = session;
        this.progressViews = progressViews;
    }

    @ShellMethod(key = "validate-encoding", group = GROUP, value = """
            Check every text value of a dump file (or of the source) for invalid UTF-8, unpaired surrogates and NUL, and with \
            --against target for characters the target's columns cannot hold and values longer than they allow. Exit 1 when \
            the import would fail or change a value. Example: validate-encoding -f data.json.gz --against target""")
    public String validateEncoding(
            @ShellOption(value = {"-f", "--file"}, defaultValue = ShellOption.NULL, help = "the dump file to check") String file,
            @ShellOption(value = "--on", defaultValue = ShellOption.NULL, help = "check a connection's tables instead: source") String on,
            @ShellOption(value = "--against", defaultValue = ShellOption.NULL, help = "check against this side's columns: target") String against,
            @ShellOption(value = "--tables", defaultValue = ShellOption.NULL, help = "names and globs to check (default all)",
                    valueProvider = DumpTableListValueProvider.class) String tables,
            @ShellOption(value = "--format", defaultValue = "text", help = "text or json") String format) {
        OutputFormat output = OutputFormat.parse(format);
        if ((file == null) == (on == null)) {
            throw new DbferryException(Kind.USAGE,
                    "Give either -f FILE or --on source.", "Example: validate-encoding -f data.json.gz --against target.");
        }
        DatabaseConnection target = against == null ? null : session.require(side(against, "--against"));
        Predicate<String> include = include(tables);
        EncodingReport report;
        try (OperationProgress progress = progressViews.open("validate", "validate-encoding", false, output)) {
            EncodingValidator validator = new EncodingValidator(progress);
            report = file != null ? validator.validateFile(Path.of(file), target, include)
                    : validator.validateSource(session.require(side(on, "--on")), target, include);
        }
        String rendered = output.json() ? Json.write(EncodingOutput.Validation.of(report)) : render(report);
        if (report.hasErrors()) {
            throw new FailedWithReport(Kind.ENCODING, rendered, String.format("%,d values would be rejected or changed by %s.", report.errorValues(),
                    target == null ? "any target" : "the target"),
                    "Repair them with 'fix-encoding -f FILE -o FIXED --strategy ...' (strategies are named above), or widen the "
                            + "target with the DDL shown; then validate again.");
        }
        return rendered;
    }

    static String render(EncodingReport report) {
        TextTable table = new TextTable("table.column", "", "problem", "values", "first examples").alignRight(3);
        for (EncodingReport.Finding f : report.findings()) {
            List<EncodingReport.Example> examples = f.examples();
            String first = examples.isEmpty() ? "" : example(examples.get(0));
            table.row(f.table() + "." + f.column(), f.severity() == EncodingReport.Severity.ERROR ? "error" : "warning",
                    f.detail(), TextTable.number(f.count()), first);
            for (int i = 1; i < examples.size(); i++) {
                table.row("", "", "", "", example(examples.get(i)));
            }
            if (f.fix() != null) {
                table.row("", "", "", "", "fix: " + f.fix());
            }
        }
        table.footer(String.format("%,d text values in %d tables of %s checked%s in %.1f s: %d errors, %d warnings%s",
                report.textValues(), report.tables(), report.checked(),
                report.against() == null ? "" : " against " + report.against(), report.elapsed().toMillis() / 1000.0,
                report.errors().size(), report.warnings().size(),
                report.stoppedEarly() ? " (stopped early: the file cannot be read past its invalid UTF-8)" : ""));
        return table.render();
    }

    private static String example(EncodingReport.Example e) {
        StringBuilder s = new StringBuilder(e.key()).append(" \"").append(e.excerpt()).append('"');
        if (e.character() != null) {
            s.append(' ').append(e.character());
        }
        if (e.utf8() != null) {
            s.append(" (").append(e.utf8()).append(')');
        }
        if (e.note() != null) {
            s.append(" - ").append(e.note());
        }
        return s.toString();
    }

    @ShellMethod(key = "fix-encoding", group = GROUP, value = """
            Write a corrected copy of a dump and list every changed value in OUT.changes.json. Strategies: repair-mojibake, \
            strip-nul, transliterate, replace, truncate (transliterate, replace and truncate fit the connected target's columns); \
            each is also a --convert rule of import-records, which changes the text on its way in. \
            Example: fix-encoding -f data.json.gz -o fixed.json.gz --strategy repair-mojibake,strip-nul""")
    public String fixEncoding(
            @ShellOption(value = {"-f", "--file"}, help = "the dump file to read") String file,
            @ShellOption(value = {"-o", "--output"}, help = "the corrected dump file to write") String output,
            @ShellOption(value = "--strategy", help = "one or more, comma-separated") String strategy,
            @ShellOption(value = "--tables", defaultValue = ShellOption.NULL, help = "names and globs of the tables to fix (default all)",
                    valueProvider = DumpTableListValueProvider.class) String tables,
            @ShellOption(value = "--replacement", defaultValue = FixOptions.DEFAULT_REPLACEMENT, help = "what replace puts instead of a character") String replacement,
            @ShellOption(value = "--charset", defaultValue = ShellOption.NULL, help = "the character set to fit when no target is connected (latin1, utf8mb3, ...)") String charset,
            @ShellOption(value = "--format", defaultValue = "text", help = "text or json") String format) {
        OutputFormat shown = OutputFormat.parse(format);
        DatabaseConnection target = session.get(Side.TARGET).orElse(null);
        if (target == null && charset == null && session.configured(Side.TARGET).isPresent()) {
            target = session.require(Side.TARGET);
        }
        FixOptions options = new FixOptions(Path.of(file), Path.of(output), FixStrategy.parse(strategy), TableNames.split(tables),
                replacement, target, charset);
        FixResult result = new EncodingFixer().fix(options);
        if (shown.json()) {
            return Json.write(EncodingOutput.Fix.of(result));
        }
        TextTable table = new TextTable("table.column", "strategy", "values").alignRight(2);
        result.columns().forEach(c -> table.row(c.table() + "." + c.column(), c.strategy(), TextTable.number(c.values())));
        for (FixResult.Change c : result.firstChanges().subList(0, Math.min(5, result.firstChanges().size()))) {
            table.footer(c.table() + "." + c.column() + " " + c.key() + ": \"" + abbreviate(c.before()) + "\" -> \"" + abbreviate(c.after()) + "\"");
        }
        table.footer(String.format("%,d values changed; wrote %s; every change is listed in %s", result.valuesChanged(),
                result.output(), result.changesFile()));
        return table.render();
    }

    private static String abbreviate(String s) {
        String shown = s.replace("\0", "\\0").replace("\n", "\\n");
        return shown.length() > 40 ? shown.substring(0, 39) + "…" : shown;
    }

    private static Predicate<String> include(String tables) {
        return TableNames.filter(TableNames.split(tables));
    }

    private static Side side(String text, String option) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "source" -> Side.SOURCE;
            case "target" -> Side.TARGET;
            default -> throw new DbferryException(Kind.USAGE,
                    option + " '" + text + "' is not a side.", "Use " + option + " source or " + option + " target.");
        };
    }
}
