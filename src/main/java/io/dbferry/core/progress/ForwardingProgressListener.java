package io.dbferry.core.progress;

import java.util.List;
import java.util.Map;

/** Passes every event on to another listener; subclasses add what they do besides (a screen, Ctrl-C). */
public abstract class ForwardingProgressListener implements ProgressListener {

    private final ProgressListener delegate;

    protected ForwardingProgressListener(ProgressListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void planned(List<String> tables, Map<String, Long> expectedRows) {
        delegate.planned(tables, expectedRows);
    }

    @Override
    public void tableStarted(String table, long expectedRows) {
        delegate.tableStarted(table, expectedRows);
    }

    @Override
    public void rowsDone(String table, long rows) {
        delegate.rowsDone(table, rows);
    }

    @Override
    public void tableFinished(String table, long rows) {
        delegate.tableFinished(table, rows);
    }

    @Override
    public void tableFailed(String table, String reason) {
        delegate.tableFailed(table, reason);
    }

    @Override
    public boolean cancelled() {
        return delegate.cancelled();
    }
}
