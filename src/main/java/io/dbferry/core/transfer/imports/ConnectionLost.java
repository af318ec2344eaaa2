package io.dbferry.core.transfer.imports;

import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.transfer.ImportResult;
import io.dbferry.core.transfer.TableState;
import io.dbferry.core.transfer.TargetConnectionLost;

import java.time.Duration;

/**
 * The target's connection is gone (the server went away or stopped answering) while a table loaded: that
 * table is recorded as failed, and the import stops, since no later table could load either.
 */
final class ConnectionLost extends RuntimeException {

    final String table;
    final boolean timedOut;

    ConnectionLost(String table, boolean timedOut, Throwable cause) {
        super(cause);
        this.table = table;
        this.timedOut = timedOut;
    }

    /**
     * What the operator is told, for import and copy alike: what was done ({@code result}), the table rolled back,
     * how many did not start, and the {@code retry} command to run once the server answers.
     */
    TargetConnectionLost report(ImportResult result, Duration serverTimeout, String run, String doing, String retry) {
        long notStarted = result.tables().stream().filter(e -> e.state() == TableState.PENDING).count();
        String what = timedOut ? "did not answer for " + serverTimeout.toSeconds() + " s (the " + run + "'s server timeout)"
                : "went away";
        return new TargetConnectionLost(Where.table(table), "The target server " + what + " while table " + table
                + " was " + doing + "; that table was rolled back" + (notStarted > 0 ? " and " + notStarted + " more did not start" : "")
                + ".", "Once the server answers again, connect the target again and " + retry + " to load only what is missing.",
                result, getCause());
    }
}
