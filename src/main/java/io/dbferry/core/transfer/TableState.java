package io.dbferry.core.transfer;

/** A table's state in an import. {@code RUNNING} after a crash means the load was interrupted mid-table. */
public enum TableState {
    PENDING, RUNNING, DONE, FAILED, SKIPPED;

    /** Whether {@code --retry-failed} loads this table again. */
    public boolean needsRetry() {
        return this != DONE;
    }

    public String label() {
        return name().toLowerCase();
    }
}
