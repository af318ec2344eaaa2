package io.dbferry.shell.commands;

import io.dbferry.core.DbferryException;

/**
 * A command that ran to the end but found a failure: its report (the summary table) goes to stdout
 * like any result, the paragraph to stderr, and the exit code is 1.
 */
public class FailedWithReport extends DbferryException {

    private final String report;

    public FailedWithReport(String report, String message, String nextStep) {
        super(message, nextStep);
        this.report = report;
    }

    public String report() {
        return report;
    }
}
