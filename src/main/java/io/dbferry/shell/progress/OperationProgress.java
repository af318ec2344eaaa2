package io.dbferry.shell.progress;

import io.dbferry.core.progress.ForwardingProgressListener;
import io.dbferry.core.progress.ProgressListener;
import org.jline.utils.Signals;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One operation's progress: passes the events on to a view (Lanterna, plain lines or nothing) and
 * turns Ctrl-C into {@link #cancelled()} for as long as it is open. The first Ctrl-C asks the
 * operation to stop at its next row (the core rolls back the table in flight and records it); a second
 * one falls back to the handler that was there before (Spring Shell's, which interrupts the command
 * thread), for an operation stuck in a statement that does not return.
 */
public final class OperationProgress extends ForwardingProgressListener implements AutoCloseable {

    private final ProgressListener view;
    private final AutoCloseable closeView;
    private final AtomicInteger interrupts = new AtomicInteger();
    private final Object previousInt;
    private final Thread worker = Thread.currentThread();
    private volatile boolean cancelled;

    OperationProgress(ProgressListener view, AutoCloseable closeView, boolean trapInterrupt) {
        super(view);
        this.view = view;
        this.closeView = closeView;
        this.previousInt = trapInterrupt ? Signals.register("INT", this::interrupt) : null;
    }

    /** A listener that only counts nothing and cancels nothing: for tests and other programs. */
    public static OperationProgress none() {
        return new OperationProgress(ProgressListener.NONE, null, false);
    }

    /** Also what the Ctrl-C handler calls. */
    public void cancel() {
        cancelled = true;
        if (view instanceof LanternaProgressView lanterna) {
            lanterna.board().cancelling();
        }
    }

    private void interrupt() {
        if (interrupts.incrementAndGet() == 1) {
            cancel();
        } else {
            worker.interrupt();
        }
    }

    @Override
    public boolean cancelled() {
        return cancelled;
    }

    /** Restores the screen and the previous Ctrl-C handler. */
    @Override
    public void close() {
        try {
            if (closeView != null) {
                closeView.close();
            }
        } catch (Exception ignored) {
            // the views close quietly themselves
        } finally {
            if (previousInt != null) {
                Signals.unregister("INT", previousInt);
            }
        }
    }
}
