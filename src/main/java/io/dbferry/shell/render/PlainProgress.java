package io.dbferry.shell.render;

import io.dbferry.core.progress.ProgressListener;

import java.io.PrintStream;

/**
 * Progress as plain lines on stderr, at most one a second, so long runs show they are alive without
 * flooding a log or a pipe. Short tables that finish within the second print nothing.
 */
public final class PlainProgress implements ProgressListener {

    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final PrintStream out;
    private long lastPrinted = System.nanoTime();
    private long expected = -1;
    private long started;
    private boolean printedAny;

    public PlainProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void tableStarted(String table, long expectedRows) {
        expected = expectedRows;
        started = System.nanoTime();
        if (!printedAny) {
            lastPrinted = started;
        }
    }

    @Override
    public void rowsDone(String table, long rows) {
        long now = System.nanoTime();
        if (now - lastPrinted < INTERVAL_NANOS) {
            return;
        }
        lastPrinted = now;
        printedAny = true;
        double seconds = (now - started) / 1e9;
        String of = expected > 0 ? " of " + TextTable.number(expected) : "";
        String rate = seconds > 0 ? String.format(" (%,.0f rows/s)", rows / seconds) : "";
        out.println("  " + table + ": " + TextTable.number(rows) + of + " rows" + rate);
        out.flush();
    }

    @Override
    public void tableFailed(String table, String reason) {
        out.println("  " + table + ": failed: " + reason);
        out.flush();
    }
}
