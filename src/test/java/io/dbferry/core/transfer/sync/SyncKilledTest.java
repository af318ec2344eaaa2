package io.dbferry.core.transfer.sync;

import io.dbferry.core.transfer.SyncMarks;
import io.dbferry.core.transfer.VerifyResult;
import io.dbferry.testing.BinDbferry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static io.dbferry.testing.BinDbferry.PROJECT;
import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;

/** kill -9 of bin/dbferry in the middle of a sync, then {@code sync --retry-failed}: the target ends equal (a SQLite source; a PostgreSQL one with a mark). */
class SyncKilledTest {

    @TempDir
    Path dir;

    @Test
    void aSyncKilledMidTableIsFinishedByRetryFailed() throws Exception {
        String src = sqliteUrl(dir.resolve("kill-source.sqlite3"));
        execute(src, "create table big (id INTEGER PRIMARY KEY, v TEXT NOT NULL)",
                "create table after_big (id INTEGER PRIMARY KEY, big_id INTEGER NOT NULL REFERENCES big(id))");
        try (Connection c = jdbc(src)) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("insert into big values (?, ?)")) {
                for (int i = 1; i <= 200_000; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "value number " + i + " of the big table");
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.createStatement().execute("insert into after_big select id, id from big where id <= 10");
            c.commit();
        }
        String dst = freshPostgres("dbferry_sync_killed");
        RowVersions.copySchema(src, dst, List.of("big", "after_big"));
        killAndRetry(src, dst, 0);
        assertThat(count(dst, "big")).isEqualTo(200_000);
    }

    /**
     * The same from a PostgreSQL source with the marks copy-records left: every row of big changed since, the sync
     * killed while it reads or writes them, then {@code --retry-failed} reads from the copy's mark again (the killed sync
     * left none newer for a table it did not finish) and ends equal.
     */
    @Test
    void aSyncFromAMarkKilledMidTableIsFinishedByRetryFailed() throws Exception {
        String src = freshPostgres("synctests_killed_src");
        execute(src, "create table big (id bigint primary key, v text not null)",
                "create table after_big (id bigint primary key, big_id bigint not null references big(id))",
                "insert into big select g, 'value number ' || g || ' of the big table' from generate_series(1, 200000) g",
                "insert into after_big select id, id from big where id <= 10");
        String dst = freshPostgres("synctests_killed_dst");
        RowVersions.copySchema(src, dst, List.of("big", "after_big"));
        RowVersions.copy(src, dst, dir);
        execute(src, "update big set v = v || ' changed'", "insert into after_big select id, id from big where id between 11 and 15");
        String retried = killAndRetry(src, dst, 10);
        assertThat(retried).as("the retry read from the copy's mark").contains("row versions");
        assertThat(strings(dst, "select v from big where id = 200000")).containsExactly("value number 200000 of the big table changed");
        assertThat(count(dst, "after_big")).isEqualTo(15);
    }

    /**
     * Syncs {@code src} into {@code dst} with bin/dbferry, kills it (SIGKILL) while table big is being synced (its
     * child after_big still holding {@code childRows}), then runs {@code sync --retry-failed}; the target ends equal.
     * Returns the retry's output.
     */
    private String killAndRetry(String src, String dst, long childRows) throws Exception {
        Path journal = dir.resolve("sync.journal.json");
        String connect = "connect source " + src + "\nconnect target " + dst + "\n";
        Path first = Files.writeString(dir.resolve("first.txt"), connect + "sync --quiet --journal " + journal + "\n");
        Process process = start(first, "first");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        Pattern bigRunning = Pattern.compile("\"table\"\\s*:\\s*\"big\",\\s*\"state\"\\s*:\\s*\"RUNNING\"");
        boolean running = false;
        while (!running && process.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
            running = Files.exists(journal) && bigRunning.matcher(Files.readString(journal)).find();
        }
        assertThat(running).as("table big syncing before the process ends").isTrue();
        Thread.sleep(700); // into the walk or the writing of its 200,000 rows
        process.destroyForcibly(); // SIGKILL: bin/dbferry execs java, so this is the JVM
        process.waitFor(30, TimeUnit.SECONDS);
        assertThat(Files.readString(journal)).as("the journal tells a table is not done").containsPattern("RUNNING|PENDING");
        assertThat(count(dst, "after_big")).as("the child table was not reached").isEqualTo(childRows);
        SyncMarks.read(SyncMarks.beside(journal)); // a kill leaves the marks file whole (rewritten atomically): it reads

        Path retry = Files.writeString(dir.resolve("retry.txt"), connect + "sync --quiet --retry-failed --journal " + journal + "\n");
        BinDbferry.Result second = BinDbferry.runIn(dir, dir.resolve("retry"), List.of("--file", retry.toString()), Map.of(), null, 180);
        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(second.stdout()).contains("big").contains("after_big");
        VerifyResult verified = RowVersions.verify(src, dst, List.of());
        assertThat(verified.allEqual()).as("%s", verified).isTrue();
        return second.stdout();
    }

    private Process start(Path script, String name) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name + "-home"));
        ProcessBuilder pb = new ProcessBuilder(PROJECT.resolve("bin/dbferry").toString(), "--file", script.toString())
                .directory(dir.toFile()).redirectOutput(dir.resolve(name + ".stdout").toFile()) // the marks: beside the journal, in dir
                .redirectError(dir.resolve(name + ".stderr").toFile()).redirectInput(new File("/dev/null"));
        pb.environment().put("HOME", home.toString());
        return pb.start();
    }
}
