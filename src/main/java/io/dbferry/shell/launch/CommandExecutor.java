package io.dbferry.shell.launch;

import io.dbferry.core.DbferryException;
import io.dbferry.core.catalog.TableNames;
import io.dbferry.core.session.ConnectionUrls;
import io.dbferry.shell.commands.FailedWithReport;
import io.dbferry.shell.process.ExitCodes;
import io.dbferry.shell.render.ErrorDocument;
import io.dbferry.shell.render.OutputFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.shell.CommandNotFound;
import org.springframework.shell.ExitRequest;
import org.springframework.shell.Input;
import org.springframework.shell.Shell;
import org.springframework.shell.ShellEvaluator;
import org.springframework.shell.command.CommandCatalog;
import org.springframework.shell.command.CommandExecution.CommandParserExceptionsException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs one command line through Spring Shell and turns whatever it ended with into an {@link Outcome}:
 * the printed result, or a one-paragraph error with its exit code. Full details go to the log only.
 */
@Component
public class CommandExecutor {

    private static final Logger log = LoggerFactory.getLogger(CommandExecutor.class);

    private final ShellEvaluator evaluator;
    private final CommandCatalog catalog;
    private final String logFile;

    public CommandExecutor(Shell shell, CommandCatalog catalog, @Value("${logging.file.name:}") String logFile) {
        // Spring Shell's resolvers would print parser errors themselves (in red, on stdout) and report success;
        // without them every failure comes back from evaluate() and is classified here, exit code included.
        shell.setExceptionResolvers(List.of());
        this.evaluator = new ShellEvaluator(shell);
        this.catalog = catalog;
        this.logFile = ErrorText.shown(logFile);
    }

    /** What one command line came to. */
    public sealed interface Outcome {
    }

    public record Printed(String text) implements Outcome {
    }

    /** {@code report}: output the command produced before failing (a summary table), or null. */
    public record Failed(int exitCode, String message, String report) implements Outcome {
        Failed(int exitCode, String message) {
            this(exitCode, message, null);
        }
    }

    public record Exit() implements Outcome {
    }

    public Outcome execute(List<String> words) {
        List<String> clean = io.dbferry.shell.process.RepeatedOptions.gathered(words.stream().filter(w -> !w.isEmpty()).toList());
        Input input = new Input() {
            @Override
            public String rawText() {
                return String.join(" ", clean);
            }

            @Override
            public List<String> words() {
                return clean;
            }
        };
        Object result;
        try {
            result = evaluator.evaluate(input);
        } catch (ExitRequest e) {
            return new Exit();
        }
        Outcome outcome = classify(clean, result);
        return OutputFormat.requestedBy(clean).json() ? asJson(outcome, result) : outcome;
    }

    /** Under --format json a failure is also one JSON document on stdout; the paragraph still goes to stderr. */
    private static Outcome asJson(Outcome outcome, Object result) {
        if (!(outcome instanceof Failed failed)) {
            return outcome;
        }
        DbferryException operatorError = result instanceof Throwable t ? ErrorText.operatorError(t) : null;
        ErrorDocument.Error error = operatorError != null ? ErrorDocument.Error.of(operatorError)
                : ErrorDocument.Error.other(failed.exitCode() == ExitCodes.USAGE, failed.message());
        return new Failed(failed.exitCode(), failed.message(), ErrorDocument.render(error, failed.report()));
    }

    private Outcome classify(List<String> words, Object result) {
        if (result instanceof ExitRequest) {
            return new Exit();
        }
        if (result instanceof CommandNotFound) {
            return usage(unknownCommand(words.isEmpty() ? "" : words.get(0)));
        }
        if (result instanceof CommandParserExceptionsException e) {
            String problems = e.getParserExceptions().stream()
                    .map(p -> ErrorText.parserProblem(p.getMessage(), words))
                    .distinct().collect(Collectors.joining("; "));
            return usage(problems + ". Run 'help " + words.get(0) + "' to see its options.");
        }
        if (result instanceof Throwable t) {
            DbferryException operatorError = ErrorText.operatorError(t);
            if (operatorError != null) {
                // the message, not the command line: a line may hold a password that the command refused
                log.info("{} failed ({}): {}\n{}", command(words), operatorError.kind(), ConnectionUrls.redact(operatorError.getMessage()),
                        ErrorText.maskedStackTrace(t));
                return new Failed(ExitCodes.FAILED, operatorError.paragraph(),
                        operatorError instanceof FailedWithReport r ? r.report() : null);
            }
            if (t instanceof IllegalArgumentException || t.getClass().getName().contains("ConversionFailed")) {
                return usage(DbferryException.rootMessage(t) + ". Run 'help " + words.get(0) + "' to see its options.");
            }
            log.error("{} failed unexpectedly\n{}", command(words), ErrorText.maskedStackTrace(t));
            return new Failed(ExitCodes.FAILED, ErrorText.unexpected(t, logFile));
        }
        return new Printed(result == null ? null : result.toString());
    }

    /** Spring Shell's complaints quote the words they refused, which may hold a password: masked for stderr and JSON. */
    private static Failed usage(String message) {
        return new Failed(ExitCodes.USAGE, ConnectionUrls.redact(message));
    }

    private static String command(List<String> words) {
        return words.isEmpty() ? "(empty line)" : ConnectionUrls.redact(words.get(0));
    }

    private String unknownCommand(String word) {
        List<String> names = new ArrayList<>(catalog.getRegistrations().keySet());
        List<String> close = TableNames.closest(word, names, 3);
        String hint = close.isEmpty() ? "" : " Did you mean " + TableNames.quoteList(close) + "?";
        return "Unknown command '" + word + "'." + hint + " Run 'help' to list the commands.";
    }
}
