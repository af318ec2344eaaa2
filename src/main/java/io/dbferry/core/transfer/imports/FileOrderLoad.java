package io.dbferry.core.transfer.imports;

import io.dbferry.core.catalog.DependencyOrder;
import io.dbferry.core.progress.OperationCancelledException;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.ImportJournal.Entry;
import io.dbferry.core.transfer.TableState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Loads a group of tables in the order its {@link TableFeed} offers them (file order for a dump, parents
 * first for a copy) through one connection and one reader; a table whose parent
 * failed is skipped, and after Ctrl-C the rest waits for --retry-failed. The parents are the TARGET's
 * foreign keys, which the file's order need not know (its source may have had none): a table whose
 * parent comes later in the file waits for another pass over the file, so every key outside a cycle is
 * checked before its table commits, and the keys within a cycle once its last table has ({@link CycleCheck}),
 * before any table that depends on the cycle loads. With foreign-key checks off, each table's keys are checked before
 * its commit against the parents already final; {@link ImportRun#checkedAtCommit()} records which.
 */
final class FileOrderLoad {

    private static final Logger log = LoggerFactory.getLogger(FileOrderLoad.class);
    private static final String CANCELLED = OperationCancelledException.REASON;

    private final ImportRun run;
    private final DatabaseConnection db;
    private final DependencyOrder order;
    private final TableFeed feed;
    private final Set<String> broken = new LinkedHashSet<>();
    /** Tables of the group not loaded (or skipped) yet. */
    private final Set<String> pending;
    private final Map<String, Set<String>> cycles = new HashMap<>();

    private FileOrderLoad(ImportRun run, DatabaseConnection db, Set<String> tables, TableFeed feed) {
        this.run = run;
        this.feed = feed;
        this.db = db;
        this.order = run.plan().order();
        this.pending = new LinkedHashSet<>(tables);
    }

    static void load(ImportRun run, DatabaseConnection db, Set<String> tables, TableFeed feed) {
        FileOrderLoad load = new FileOrderLoad(run, db, tables, feed);
        int passes = 0;
        while (!load.pending.isEmpty()) {
            passes++;
            int before = load.pending.size();
            load.pass();
            if (load.pending.size() == before) {
                // cannot happen: a table whose pending parents all depend on it is always ready
                throw new IllegalStateException("no table of " + load.pending + " could be loaded");
            }
        }
        if (passes > 1) {
            log.info("{} passes over {}: it has tables before the target's parents of them", passes, run.options().file());
        }
    }

    /** One pass of the feed (one read of the file), loading every pending table whose parents are final. */
    private void pass() {
        feed.pass((name, rows) -> {
            TargetTable t = run.plan().matched().get(name);
            if (t != null && pending.contains(t.name()) && ready(t.name())) {
                pending.remove(t.name());
                loadOrSkip(t, rows);
                checkCycle(t.name());
            }
        });
    }

    /**
     * Every parent is final: loaded (with the whole cycle it may sit in, whose keys are checked only once
     * its last table has committed), or in a cycle with this table.
     */
    private boolean ready(String table) {
        Set<String> own = cycleOf(table);
        for (String parent : order.parentsOf(table)) {
            if (!own.contains(parent) && cycleOf(parent).stream().anyMatch(pending::contains)) {
                return false;
            }
        }
        return true;
    }

    private Set<String> cycleOf(String table) {
        return cycles.computeIfAbsent(table, t -> CycleCheck.cycleOf(order, t));
    }

    /** Once every table of {@code t}'s cycle has been tried, the keys between them (see {@link CycleCheck}). */
    private void checkCycle(String t) {
        Set<String> cycle = cycleOf(t);
        if (cycle.size() < 2 || !run.checksOff() || cycle.stream().anyMatch(pending::contains)) {
            return;
        }
        Set<String> loaded = new LinkedHashSet<>(cycle);
        loaded.removeAll(broken);
        loaded.retainAll(run.checkedAtCommit().keySet());
        broken.addAll(CycleCheck.check(run, db, cycle, loaded));
    }

    private void loadOrSkip(TargetTable t, RowOrigin rows) {
        long rowsInFile = run.plan().rowsInFile(t);
        String missingParent = order.parentsOf(t.name()).stream().filter(broken::contains).findFirst().orElse(null);
        if (run.progress().cancelled()) {
            run.journal().record(new Entry(t.name(), TableState.SKIPPED, rowsInFile, 0, null, CANCELLED, null, null));
            run.progress().tableFailed(t.name(), "skipped (" + CANCELLED + ")");
            return;
        }
        io.dbferry.core.encoding.LoadCheck.Table check = run.check() == null ? null
                : run.check().table(run.plan().contents().table(t.source().name()).orElseThrow().table());
        if (missingParent != null) {
            broken.add(t.name());
            // not written, but checked: one run lists the problems of every table
            String checked = check == null ? "" : CheckedRows.checkOnly(rows, check);
            run.journal().record(new Entry(t.name(), TableState.SKIPPED, rowsInFile, 0, null,
                    "needs " + missingParent + checked, null, null));
            run.progress().tableFailed(t.name(), "skipped (needs " + missingParent + ")");
            return;
        }
        Set<String> unloaded = run.checksOff() ? pending : null;
        // a copy's source rows can be read by key range (KeyRangePlan: such a copy checks its values first, RecordCopier);
        // a dump's are one stream
        Entry outcome = run.splits(t.name()) && rows instanceof SourceRows source
                ? KeyRangeLoad.load(run, db, t, unloaded, source)
                : new TableLoader(run, db, t, unloaded, check).load(check == null ? rows : new CheckedRows(rows, check));
        if (outcome.state() != TableState.DONE) {
            broken.add(t.name());
        } else if (run.checksOff()) {
            run.checkedAtCommit().put(t.name(), TableLoader.checkedParents(t, pending));
        }
    }
}
