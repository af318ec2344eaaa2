package io.dbferry.shell.commands;

import io.dbferry.core.DbferryException;

/**
 * A command that ran to the end but found a failure: its report (the summary table) goes to stdout
 * like any result, the paragraph to stderr, and the exit code is 1.
 */
public class FailedWithReport extends DbferryException {

    private final String report;

    public FailedWithReport(Kind kind, String report, String message, String nextStep) {
        this(kind, Where.NOWHERE, report, message, nextStep);
    }

    public FailedWithReport(Kind kind, Where where, String report, String message, String nextStep) {
        super(kind, where, message, nextStep);
        this.report = report;
    }

    public String report() {
        return report;
    }
}
