package io.dbferry.core.transfer;

import io.dbferry.core.DbferryException;

/**
 * The import stopped because the target server went away or did not answer within the import's server
 * timeout (kind {@link Kind#CONNECTION}); {@link #result()} holds what was done up to then, the table in
 * flight rolled back and failed, those after it still pending, so a retry loads exactly what is missing.
 */
public class TargetConnectionLost extends DbferryException {

    private final transient ImportResult result;

    public TargetConnectionLost(Where where, String message, String nextStep, ImportResult result, Throwable cause) {
        super(Kind.CONNECTION, where, message, nextStep, cause);
        this.result = result;
    }

    public ImportResult result() {
        return result;
    }
}
