package io.dbferry.shell.progress;

import io.dbferry.core.progress.ProgressListener;
import io.dbferry.shell.process.LaunchOptions;
import io.dbferry.shell.process.LaunchOptions.Progress;
import io.dbferry.shell.render.OutputFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * Chooses how a long operation shows its progress. Commands call {@link #open} around the core call:
 * <ul>
 *   <li>interactive or single-command mode on a real terminal: the Lanterna view;</li>
 *   <li>otherwise (piped, CI, {@code --file}): plain lines on stderr, at most one a second;</li>
 *   <li>{@code --quiet} (or {@code DBFERRY_QUIET} set): nothing;</li>
 *   <li>{@code --format json}: plain lines on stderr even on a terminal, so stdout holds the one document.</li>
 * </ul>
 * What the terminal and the environment allow is decided once at start-up, in {@link LaunchOptions}.
 * In every case Ctrl-C cancels the operation cleanly for as long as the returned handle is open. The
 * summary table is the command's result and goes to stdout after the view has closed.
 */
@Component
public class ProgressViews {

    private static final Logger log = LoggerFactory.getLogger(ProgressViews.class);

    private final Progress launched;

    public ProgressViews(LaunchOptions options) {
        this.launched = options.progress();
    }

    /** How an operation shows progress: as decided at start-up, or nothing with the command's own {@code --quiet}. */
    public Progress mode(boolean quiet) {
        return quiet ? Progress.QUIET : launched;
    }

    /** Progress for one operation ({@code title} such as "import data.json.gz"); close it when the operation ends. */
    public OperationProgress open(String operation, String title, boolean quiet) {
        return open(operation, title, quiet, OutputFormat.TEXT);
    }

    /** As {@link #open(String, String, boolean)}; under --format json never the live view, which would draw over the document. */
    public OperationProgress open(String operation, String title, boolean quiet, OutputFormat format) {
        Progress mode = mode(quiet);
        if (mode == Progress.LIVE && format.json()) {
            mode = Progress.PLAIN;
        }
        if (mode == Progress.LIVE) {
            try {
                LanternaProgressView view = LanternaProgressView.open(title, "import".equals(operation)
                        ? "Ctrl-C cancels: the table in flight is rolled back; --retry-failed finishes later."
                        : "Ctrl-C cancels.");
                return new OperationProgress(view, view, true);
            } catch (IOException | RuntimeException e) {
                log.info("no live progress view ({}); plain progress lines instead", e.toString());
                mode = Progress.PLAIN;
            }
        }
        ProgressListener view = mode == Progress.PLAIN ? new PlainProgress(operation, System.err) : ProgressListener.NONE;
        return new OperationProgress(view, null, true);
    }
}
