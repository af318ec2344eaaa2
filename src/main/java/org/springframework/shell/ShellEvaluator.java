package org.springframework.shell;

/**
 * Gives dbferry's runner {@link Shell#evaluate(Input)}, which is protected. {@link Shell#run} throws on
 * the first failure in non-interactive mode and keeps that failure in a field across lines, so the
 * runner evaluates line by line itself and decides exit codes, continue-on-error and error output.
 */
public final class ShellEvaluator {

    private final Shell shell;

    public ShellEvaluator(Shell shell) {
        this.shell = shell;
    }

    /** The command's result, or the exception it ended with (returned, not thrown). */
    public Object evaluate(Input input) {
        return shell.evaluate(input);
    }
}
