package io.dbferry.core.transfer.imports;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.session.DatabaseConnection;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * --jobs: each group of tables loads in file order on a connection of its own, up to {@code jobs}
 * groups at a time. Groups share no foreign key, so each table's keys are still checked before its
 * commit against parents already final, and a failed table only skips tables of its own group.
 */
final class ParallelGroups {

    private ParallelGroups() {
    }

    /**
     * The load's threads: with several groups one per job, at most one per group unless tables load in key ranges
     * ({@code ranges}: their extra writers take the threads no group holds); with one group, which loads on the caller's
     * thread, {@code jobs - 1} for the range writers beside it, else none (null).
     */
    static ExecutorService pool(int jobs, int groups, boolean ranges) {
        int threads = groups > 1 ? (ranges ? jobs : Math.min(jobs, groups)) : (ranges ? jobs - 1 : 0);
        if (threads < 1) {
            return null;
        }
        java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
        return Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "dbferry-import-job-" + made.incrementAndGet()); // numbered: the log tells writers apart
            thread.setDaemon(true);
            return thread;
        });
    }

    /** {@code feeds} opens each job's own feed (a copy's: its own source connection and snapshot); {@code pool} from {@link #pool}. */
    static void load(ImportRun run, DatabaseConnection target, List<Set<String>> groups, java.util.function.Supplier<TableFeed> feeds,
                     ExecutorService pool) {
        List<Future<?>> running = new ArrayList<>();
        for (Set<String> group : groups) {
            running.add(pool.submit(() -> {
                try (DatabaseConnection own = target.openAnother(); TableFeed feed = feeds.get()) {
                    Importer.boundServerWait(own, run.options().serverTimeout());
                    if (run.checksOff()) {
                        own.dialect().setForeignKeyChecks(own.jdbc(), false);
                    }
                    FileOrderLoad.load(run, own, group, feed);
                }
                return null;
            }));
        }
        RuntimeException first = null;
        for (Future<?> job : running) {
            try {
                job.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (first == null) {
                    first = cause instanceof RuntimeException r ? r : new DbferryException(Kind.DATABASE, Where.NOWHERE,
                            "A parallel import job failed: " + cause.getMessage(), null, cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DbferryException(Kind.CANCELLED, Where.NOWHERE, "The import was interrupted.", null, e);
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
