package io.dbferry.core.transfer.imports;

import io.dbferry.core.catalog.DependencyOrder;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.ImportJournal.Entry;
import io.dbferry.core.transfer.TableState;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The keys between the tables of a foreign-key cycle: the first of them commits before the others exist,
 * so its keys to them can only be checked once the last has committed. Then, before any table outside the
 * cycle that depends on it loads, they are; a violation empties every table of the cycle again (they were
 * empty before the load, with the engine's checks still off) and journals them FAILED, as a table whose
 * own keys fail is rolled back, so --retry-failed loads them again and verify does not find them equal.
 */
final class CycleCheck {

    private CycleCheck() {
    }

    /** The tables in a cycle with {@code table} (itself included; a self-reference alone is no cycle here). */
    static Set<String> cycleOf(DependencyOrder order, String table) {
        Set<String> cycle = new LinkedHashSet<>();
        cycle.add(table);
        Set<String> dependents = order.dependentsOf(table);
        for (String other : dependents) {
            if (order.dependentsOf(other).contains(table)) {
                cycle.add(other);
            }
        }
        return cycle;
    }

    /**
     * Checks the keys within {@code cycle} of its tables loaded (all of it has been tried); undoes them all on
     * a violation. Returns the tables undone.
     */
    static Set<String> check(ImportRun run, DatabaseConnection db, Set<String> cycle, Set<String> loaded) {
        List<String> violations = new ArrayList<>();
        for (String name : loaded) {
            TargetTable t = run.plan().loading().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            violations.addAll(ForeignKeyAudit.violationsOf(db, t.target(),
                    fk -> cycle.contains(fk.referencedTable()) && !fk.isSelfReference()));
        }
        if (violations.isEmpty()) {
            return Set.of();
        }
        String reason = "foreign key violated within the cycle " + cycle + ": " + String.join("; ", violations)
                + " (the cycle's tables were emptied again)";
        for (String name : loaded) {
            try {
                Transactions.deleteAllRows(db, name);
            } catch (SQLException | RuntimeException e) {
                reason += "; emptying " + name + " failed: " + e.getMessage();
            }
            Entry done = run.journal().entry(name).orElseThrow();
            run.journal().record(new Entry(name, TableState.FAILED, done.rowsInFile(), 0, done.seconds(), reason, null, null));
            run.progress().tableFailed(name, reason);
            run.checkedAtCommit().remove(name);
        }
        return loaded;
    }
}
