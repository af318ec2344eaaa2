package io.dbferry.core.transfer.imports;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.dump.DumpReader;
import io.dbferry.core.dump.DumpTable;
import io.dbferry.core.progress.OperationCancelledException;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.ImportJournal.Entry;
import io.dbferry.core.transfer.TableState;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Loads a group of tables in file order (the export wrote them parents first) through one connection
 * and one reader; a table whose parent failed is skipped, and after Ctrl-C the rest waits for
 * --retry-failed. With foreign-key checks off, each table's keys are checked before its commit against
 * the parents already final; {@link ImportRun#checkedAtCommit()} records which.
 */
final class FileOrderLoad {

    private static final String CANCELLED = OperationCancelledException.REASON;

    private FileOrderLoad() {
    }

    static void load(ImportRun run, DatabaseConnection db, Set<String> tables) {
        Set<String> broken = new LinkedHashSet<>();
        Set<String> pending = new LinkedHashSet<>(tables);
        try (DumpReader reader = DumpReader.open(run.options().file())) {
            DumpTable table;
            while ((table = reader.nextTable()) != null) {
                TargetTable t = run.plan().matched().get(table.name());
                if (t == null || !tables.contains(t.name())) {
                    continue;
                }
                pending.remove(t.name());
                long rowsInFile = run.plan().rowsInFile(t);
                String missingParent = run.plan().order().parentsOf(t.name()).stream().filter(broken::contains).findFirst().orElse(null);
                if (run.progress().cancelled()) {
                    run.journal().record(new Entry(t.name(), TableState.SKIPPED, rowsInFile, 0, null, CANCELLED, null, null));
                    run.progress().tableFailed(t.name(), "skipped (" + CANCELLED + ")");
                    continue;
                }
                if (missingParent != null) {
                    broken.add(t.name());
                    run.journal().record(new Entry(t.name(), TableState.SKIPPED, rowsInFile, 0, null,
                            "needs " + missingParent, null, null));
                    run.progress().tableFailed(t.name(), "skipped (needs " + missingParent + ")");
                    continue;
                }
                Entry outcome = new TableLoader(run, db, t, run.checksOff() ? pending : null).load(reader);
                if (outcome.state() != TableState.DONE) {
                    broken.add(t.name());
                } else if (run.checksOff()) {
                    run.checkedAtCommit().put(t.name(), TableLoader.checkedParents(t, pending));
                }
            }
        } catch (IOException e) {
            throw new DbferryException(Kind.FILE, Where.NOWHERE, "Cannot read " + run.options().file() + ": " + e.getMessage(),
                    null, e);
        }
    }
}
