package io.dbferry.shell.progress;

import io.dbferry.core.progress.ProgressListener;

import java.io.PrintStream;

/**
 * Progress as plain lines on stderr, at most one a second, for runs whose output is not a terminal
 * (scripts, CI, logs). Short operations print nothing: the summary on stdout says it all.
 */
public final class PlainProgress implements ProgressListener {

    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final String operation;
    private final PrintStream out;
    private final long started = System.nanoTime();
    private long lastPrinted = System.nanoTime();
    private final java.util.Map<String, Long> expected = new java.util.HashMap<>(); // per table: tables may load in parallel

    public PlainProgress(String operation, PrintStream out) {
        this.operation = operation;
        this.out = out;
    }

    @Override
    public synchronized void tableStarted(String table, long expectedRows) {
        expected.put(table, expectedRows);
    }

    @Override
    public synchronized void rowsDone(String table, long rows) {
        long now = System.nanoTime();
        if (now - lastPrinted >= INTERVAL_NANOS) {
            lastPrinted = now;
            double seconds = (now - started) / 1e9;
            long of = expected.getOrDefault(table, -1L);
            out.printf("%s: %s %,d%s rows (%.0f s)%n", operation, table, rows,
                    of >= 0 ? " of " + String.format("%,d", of) : "", seconds);
        }
    }

    @Override
    public synchronized void tableFailed(String table, String reason) {
        out.printf("%s: %s failed: %s%n", operation, table, reason);
    }
}
