package io.dbferry.core.transfer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.dbferry.core.transfer.TransferSupport.*;
import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/dbferry running copy-records is killed with SIGKILL mid-table; copy-records --retry-failed finishes it
 * with every row once: from the table's first row without --commit-every (the killed transaction left nothing),
 * after the last committed key with it, and with --jobs 2 only the key ranges not committed.
 */
class CopyRecordsKillTest {

    private static final Path LAUNCHER = Path.of("bin", "dbferry").toAbsolutePath();
    private static final int ROWS = 300_000;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildTheJarIfStale() throws Exception {
        Process version = new ProcessBuilder(LAUNCHER.toString(), "--version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(version.waitFor(300, TimeUnit.SECONDS)).as("bin/dbferry --version (builds the jar)").isTrue();
    }

    private Process launch(Path script) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "--file", script.toString());
        pb.environment().put("DBFERRY_QUIET", "1");
        pb.environment().put("DBFERRY_BULK", "off"); // batched inserts of 5 rows: slow enough to be killed mid-table
        pb.redirectOutput(dir.resolve("stdout.txt").toFile());
        pb.redirectError(dir.resolve("stderr.txt").toFile());
        return pb.start();
    }

    private String output() throws Exception {
        return Files.readString(dir.resolve("stdout.txt")) + Files.readString(dir.resolve("stderr.txt"));
    }

    private String source() throws Exception {
        Path file = dir.resolve("kill-source.sqlite");
        try (Connection c = jdbc(sqliteUrl(file)); Statement s = c.createStatement()) {
            s.execute("create table config (id INTEGER PRIMARY KEY, v TEXT)");
            s.execute("insert into config values (1, 'one'), (2, 'two'), (3, 'three')");
            s.execute("create table measurement (id INTEGER PRIMARY KEY, label TEXT, amount REAL)");
            s.execute("with recursive n(i) as (select 1 union all select i + 1 from n where i < " + ROWS + ") "
                    + "insert into measurement select i, 'label ' || i || ' ' || hex(randomblob(4)), i * 0.25 from n");
        }
        return sqliteUrl(file);
    }

    /** Runs copy-records until {@code seen} holds for the journal, then SIGKILLs the JVM (bin/dbferry execs it). */
    private void killWhen(Path script, Path journal, String pattern) throws Exception {
        Process process = launch(script);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        boolean seen = false;
        while (!seen && process.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
            seen = Files.exists(journal) && Files.readString(journal).matches(pattern);
        }
        assertThat(seen).as("the journal before the process ends; output:\n%s", output()).isTrue();
        assertThat(process.isAlive()).as("still copying; output:\n%s", output()).isTrue();
        Runtime.getRuntime().exec(new String[] {"kill", "-9", String.valueOf(process.pid())}).waitFor();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    }

    @Test
    void copyKilledMidTableIsFinishedByRetryFailedFromItsStartOrAfterItsLastCommittedKey() throws Exception {
        String source = source();
        for (boolean chunked : List.of(false, true)) {
            String pg = freshPostgres("copy_t_kill");
            copySchema(source, pg, List.of(), Map.of());
            Path journal = dir.resolve("copy-" + chunked + ".journal.json");
            String options = " --journal " + journal + " --batch-size 5" + (chunked ? " --commit-every 20000" : "");
            Path script = dir.resolve("copy.txt");
            Files.writeString(script, "connect source " + source + "\nconnect target " + pg + "\ncopy-records" + options + "\n");
            killWhen(script, journal, chunked
                    ? "(?s).*\"table\" : \"measurement\",\\s*\"state\" : \"RUNNING\",\\s*\"rowsInFile\" : 300000,\\s*\"rowsImported\" : [1-9].*"
                    : "(?s).*\"table\" : \"measurement\",\\s*\"state\" : \"RUNNING\".*");
            if (!chunked) {
                Thread.sleep(700); // well inside the table's rows
            }
            ImportJournal.Entry killed = ImportJournal.readAt(journal).orElseThrow().entry("measurement").orElseThrow();
            assertThat(killed.state()).as("in flight when killed").isEqualTo(TableState.RUNNING);
            long committed = count(pg, "measurement");
            if (chunked) {
                assertThat(committed).as("the committed chunks stay").isEqualTo(killed.rowsImported()).isPositive();
                assertThat(committed % 20_000).isZero();
                assertThat(killed.lastKey()).containsExactly(String.valueOf(committed));
            } else {
                assertThat(committed).as("the killed transaction left nothing").isZero();
            }
            assertThat(count(pg, "config")).isEqualTo(3);

            Files.writeString(script, "connect source " + source + "\nconnect target " + pg + "\ncopy-records --retry-failed"
                    + options.replace(" --batch-size 5", "") + "\nverify\n");
            Process retry = launch(script);
            assertThat(retry.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(retry.exitValue()).as(output()).isZero();
            assertThat(output()).contains("measurement", "300,000", "done", "2 of 2 tables equal");
            if (chunked) {
                assertThat(output()).contains(String.format("resumed after %,d committed rows", committed));
            } else {
                assertThat(output()).doesNotContain("resumed after");
            }
            assertThat(value(pg, "select count(distinct id) from measurement")).isEqualTo((long) ROWS);
            assertThat(count(pg, "measurement")).isEqualTo(ROWS);
        }
    }

    /**
     * With --jobs 2 the table loads in key ranges of --commit-every rows side by side; killed after two ranges are
     * journaled, the retry loads only the ranges not committed (the committed ones keep the time the killed run committed
     * them), and the target ends equal, every row once. PostgreSQL and MariaDB.
     */
    @Test
    void copyKilledWhileKeyRangesLoadSideBySideIsFinishedByRetryFailedLoadingOnlyTheRangesNotCommitted() throws Exception {
        String source = source();
        int every = 20_000;
        for (String engine : List.of("postgres", "mariadb")) {
            String target = engine.equals("postgres") ? freshPostgres("copy_t_kill_ranges") : freshMaria("copy_t_kill_ranges");
            copySchema(source, target, List.of(), Map.of());
            Path journal = dir.resolve(engine + "-ranges.journal.json");
            String options = " --journal " + journal + " --jobs 2 --commit-every " + every;
            Path script = dir.resolve("copy.txt");
            Files.writeString(script, "connect source " + source + "\nconnect target " + target + "\ncopy-records" + options
                    + " --batch-size 5\n");
            killWhen(script, journal, "(?s).*\"rows\" : " + every + ".*\"rows\" : " + every + ".*");

            ImportJournal.Entry killed = ImportJournal.readAt(journal).orElseThrow().entry("measurement").orElseThrow();
            assertThat(killed.state()).as("in flight when killed").isEqualTo(TableState.RUNNING);
            assertThat(killed.ranges()).as(engine).hasSize(ROWS / every);
            List<ImportJournal.KeyRange> journaled = killed.ranges().stream().filter(ImportJournal.KeyRange::committed).toList();
            assertThat(journaled).hasSizeGreaterThanOrEqualTo(2);
            assertThat(killed.rowsImported()).isEqualTo((long) journaled.size() * every);
            long inTarget = count(target, "measurement");
            // the ranges in flight were rolled back; one may have committed in the instant before the journal said so
            assertThat(inTarget % every).as("%s: only whole ranges stay", engine).isZero();
            assertThat(inTarget).isGreaterThanOrEqualTo(killed.rowsImported());

            Files.writeString(script, "connect source " + source + "\nconnect target " + target + "\ncopy-records --retry-failed"
                    + options + "\nverify\n");
            Process retry = launch(script);
            assertThat(retry.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(retry.exitValue()).as(output()).isZero();
            assertThat(output()).contains("measurement", "300,000", "done", "2 of 2 tables equal",
                    String.format("resumed: %d of %d key ranges were committed", inTarget / every, ROWS / every));
            assertThat(value(target, "select count(distinct id) from measurement")).isEqualTo((long) ROWS);
            assertThat(count(target, "measurement")).isEqualTo(ROWS);
            ImportJournal.Entry done = ImportJournal.readAt(journal).orElseThrow().entry("measurement").orElseThrow();
            assertThat(done.state()).isEqualTo(TableState.DONE);
            assertThat(done.ranges()).allMatch(ImportJournal.KeyRange::committed);
            // the ranges the killed run committed were not loaded again: they keep its commit times
            assertThat(done.ranges()).containsAll(journaled);
        }
    }
}
