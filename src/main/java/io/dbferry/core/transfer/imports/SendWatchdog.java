package io.dbferry.core.transfer.imports;

import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends a fast load whose rows stopped going out: the driver's socket timeout bounds a wait for the server's
 * answer, not a write the server no longer reads (a frozen server under a large LOAD DATA or COPY), which
 * would block forever. While rows are being sent, no row taken for the server timeout aborts the connection;
 * the load then fails as a server timeout, with the summary and advice of every lost connection.
 */
final class SendWatchdog implements AutoCloseable {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "dbferry-send-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final Connection connection;
    private final long timeoutNanos;
    private final ScheduledFuture<?> check;
    private volatile long lastRow = System.nanoTime();
    private volatile boolean sending = true;
    private volatile boolean fired;

    /** {@link Duration#ZERO}: no bound, as for the server timeout. */
    SendWatchdog(Connection connection, Duration timeout) {
        this.connection = connection;
        this.timeoutNanos = timeout.toNanos();
        long every = Math.max(50, timeout.toMillis() / 4);
        this.check = timeout.isZero() ? null : TIMER.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
    }

    /** A row was taken for sending. */
    void rowTaken() {
        lastRow = System.nanoTime();
    }

    /** Every row is out: from here the wait is for the server's answer, which the socket timeout bounds. */
    void allSent() {
        sending = false;
    }

    boolean fired() {
        return fired;
    }

    /** The failure a load ended by the watchdog reports: a lost connection that timed out. */
    SQLException timedOut(Throwable what) {
        SQLException e = new SQLException("no row could be sent to the server for " + timeoutNanos / 1_000_000_000 + " s", "08S01",
                new SocketTimeoutException("the server stopped reading"));
        e.addSuppressed(what);
        return e;
    }

    private void check() {
        if (!sending || fired || System.nanoTime() - lastRow < timeoutNanos) {
            return;
        }
        fired = true;
        try {
            // abort closes the socket under the blocked write, which then fails
            connection.abort(task -> new Thread(task, "dbferry-abort").start());
        } catch (SQLException | RuntimeException ignored) {
            // the connection is already going; the blocked call ends with it
        }
        check.cancel(false);
    }

    @Override
    public void close() {
        if (check != null) {
            check.cancel(false);
        }
    }
}
