package io.dbferry.shell.launch;

import io.dbferry.core.DbferryException;
import io.dbferry.core.session.ConnectionUrls;
import io.dbferry.core.session.Session;
import io.dbferry.shell.completion.HomePaths;
import io.dbferry.shell.launch.CommandExecutor.Exit;
import io.dbferry.shell.launch.CommandExecutor.Failed;
import io.dbferry.shell.launch.CommandExecutor.Outcome;
import io.dbferry.shell.launch.CommandExecutor.Printed;
import io.dbferry.shell.process.ExitCodes;
import io.dbferry.shell.process.LaunchOptions;
import io.dbferry.shell.render.OutputFormat;
import io.dbferry.shell.terminal.TerminalPasswordPrompt;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.Parser;
import org.jline.reader.UserInterruptException;
import org.springframework.core.annotation.Order;
import org.springframework.shell.ShellRunner;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.util.List;

/**
 * dbferry's one runner for all three modes: the interactive shell, a single command from the
 * command line, and a {@code --file} script. It prints results to stdout, errors to stderr, and sets
 * the exit code (0 success, 1 failure, 2 usage error).
 */
@Component
@Order(-100)
public class DbferryRunner implements ShellRunner {

    static final String PROMPT = "dbferry> ";

    private final CommandExecutor executor;
    private final LineReader lineReader;
    private final Parser parser;
    private final Session session;
    private final ExitCodes exitCodes;
    private final LaunchOptions options;
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    public DbferryRunner(CommandExecutor executor, LineReader lineReader, Parser parser, Session session, ExitCodes exitCodes,
                         LaunchOptions options) {
        this.options = options;
        this.executor = executor;
        this.lineReader = lineReader;
        this.parser = parser;
        this.session = session;
        this.exitCodes = exitCodes;
    }

    /** {@code args} were parsed once, into the {@link LaunchOptions} this runner was given. */
    @Override
    public boolean run(String[] args) {
        try {
            if (options.help()) {
                out.println(LaunchOptions.USAGE);
                out.println();
                exitCodes.set(runOne(List.of("help")));
            } else if (options.file() != null) {
                exitCodes.set(runScript(options));
            } else if (!options.command().isEmpty()) {
                exitCodes.set(runOne(options.command()));
            } else {
                runInteractive();
            }
        } finally {
            session.close();
        }
        return true;
    }

    private int runOne(List<String> words) {
        return report(executor.execute(words), null);
    }

    private int runScript(LaunchOptions options) {
        List<BatchScript.Line> lines;
        try {
            lines = BatchScript.read(options.file());
        } catch (DbferryException e) {
            err.println("dbferry: " + e.paragraph());
            return ExitCodes.FAILED;
        }
        int worst = ExitCodes.SUCCESS;
        for (BatchScript.Line line : lines) {
            // the line as typed may hold a password its command refuses: every repetition of it is masked
            String shown = ConnectionUrls.redact(line.text());
            List<String> words;
            try {
                words = HomePaths.expand(parser.parse(line.text(), line.text().length()).words());
            } catch (RuntimeException e) {
                out.println(PROMPT + shown);
                err.println(options.file() + ":" + line.number() + ": cannot read the line: " + ConnectionUrls.redact(e.getMessage()));
                return ExitCodes.USAGE;
            }
            // a --format json line keeps stdout for its document: a script of such lines prints a stream of JSON
            (OutputFormat.requestedBy(words).json() ? err : out).println(PROMPT + shown);
            Outcome outcome = executor.execute(words);
            if (outcome instanceof Exit) {
                break;
            }
            int code = report(outcome, options.file() + " line " + line.number() + " (" + shown + ")");
            if (code != ExitCodes.SUCCESS) {
                worst = Math.max(worst, ExitCodes.FAILED);
                if (!options.continueOnError()) {
                    err.println("dbferry: stopped at " + options.file() + " line " + line.number() + ".");
                    return code;
                }
            }
        }
        return worst;
    }

    private void runInteractive() {
        session.setPasswordPrompt(new TerminalPasswordPrompt(lineReader.getTerminal()));
        while (true) {
            String line;
            try {
                line = lineReader.readLine(PROMPT);
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                return;
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            Outcome outcome = executor.execute(HomePaths.expand(lineReader.getParsedLine().words()));
            if (outcome instanceof Exit) {
                return;
            }
            report(outcome, null);
        }
    }

    /** Prints an outcome; returns its exit code. {@code where} names the script line in batch mode. */
    private int report(Outcome outcome, String where) {
        if (outcome instanceof Printed printed) {
            if (printed.text() != null && !printed.text().isEmpty()) {
                out.println(printed.text().stripTrailing());
            }
            out.flush();
            return ExitCodes.SUCCESS;
        }
        if (outcome instanceof Failed failed) {
            if (failed.report() != null) {
                out.println(failed.report().stripTrailing());
            }
            out.flush();
            // a parser's complaint may quote the value it refused, which may be a password
            err.println((where == null ? "Error: " : "Error at " + where + ": ") + ConnectionUrls.redact(failed.message()));
            err.flush();
            return failed.exitCode();
        }
        return ExitCodes.SUCCESS;
    }
}
