package io.dbferry.core.transfer;

import io.dbferry.core.transfer.ImportJournal.KeyRange;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.dbferry.core.transfer.TransferSupport.*;
import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/dbferry running {@code copy-records --jobs 2 --commit-every 20000} is killed with SIGKILL while a table loads in
 * key ranges side by side; {@code --retry-failed} loads only the ranges not committed (the committed ones keep the
 * time the killed run committed them), and the target ends equal to the source, every row once. PostgreSQL and MariaDB.
 */
class KeyRangeKillTest {

    private static final Path LAUNCHER = Path.of("bin", "dbferry").toAbsolutePath();
    private static final int ROWS = 200_000;
    private static final int EVERY = 20_000;

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
        Path file = dir.resolve("kill-ranges.sqlite");
        try (Connection c = jdbc(sqliteUrl(file)); Statement s = c.createStatement()) {
            s.execute("create table config (id INTEGER PRIMARY KEY, v TEXT)");
            s.execute("insert into config values (1, 'one'), (2, 'two'), (3, 'three')");
            s.execute("create table measurement (id INTEGER PRIMARY KEY, label TEXT, amount REAL)");
            s.execute("with recursive n(i) as (select 1 union all select i + 1 from n where i < " + ROWS + ") "
                    + "insert into measurement select i, 'label ' || i || ' ' || hex(randomblob(4)), i * 0.25 from n");
        }
        return sqliteUrl(file);
    }

    private static long committedRanges(Path journal) throws Exception {
        if (!Files.exists(journal)) {
            return 0;
        }
        Matcher m = Pattern.compile("\"rows\" : " + EVERY).matcher(Files.readString(journal));
        long n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Runs the copy until two of its ranges are journaled as committed, then SIGKILLs the JVM (bin/dbferry execs it). */
    private void killAfterTwoRanges(Path script, Path journal) throws Exception {
        Process process = launch(script);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (committedRanges(journal) < 2 && process.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(committedRanges(journal)).as("two ranges before the process ends; output:\n%s", output()).isGreaterThanOrEqualTo(2);
        assertThat(process.isAlive()).as("still copying; output:\n%s", output()).isTrue();
        Runtime.getRuntime().exec(new String[] {"kill", "-9", String.valueOf(process.pid())}).waitFor();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    }

    @Test
    void copyKilledWhileRangesLoadSideBySideIsFinishedByRetryFailedLoadingOnlyTheRangesNotCommitted() throws Exception {
        String source = source();
        for (String engine : List.of("postgres", "mariadb")) {
            String target = engine.equals("postgres") ? freshPostgres("krange_t_kill") : freshMaria("krange_t_kill");
            copySchema(source, target, List.of(), Map.of());
            Path journal = dir.resolve(engine + ".journal.json");
            String options = " --journal " + journal + " --jobs 2 --commit-every " + EVERY;
            Path script = dir.resolve("copy.txt");
            Files.writeString(script, "connect source " + source + "\nconnect target " + target + "\ncopy-records" + options
                    + " --batch-size 5\n");
            killAfterTwoRanges(script, journal);

            ImportJournal.Entry killed = ImportJournal.readAt(journal).orElseThrow().entry("measurement").orElseThrow();
            assertThat(killed.state()).as("in flight when killed").isEqualTo(TableState.RUNNING);
            assertThat(killed.ranges()).as(engine).hasSize(ROWS / EVERY);
            List<KeyRange> journaled = killed.ranges().stream().filter(KeyRange::committed).toList();
            long inTarget = count(target, "measurement");
            // the ranges in flight were rolled back; one may have committed in the instant before the journal said so
            assertThat(inTarget % EVERY).as("%s: only whole ranges stay", engine).isZero();
            assertThat(inTarget).isGreaterThanOrEqualTo(killed.rowsImported()).isEqualTo(inTarget / EVERY * EVERY);
            assertThat(killed.rowsImported()).isEqualTo((long) journaled.size() * EVERY);

            Files.writeString(script, "connect source " + source + "\nconnect target " + target + "\ncopy-records --retry-failed"
                    + options + "\nverify\n");
            Process retry = launch(script);
            assertThat(retry.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(retry.exitValue()).as(output()).isZero();
            assertThat(output()).contains("measurement", "200,000", "done", "2 of 2 tables equal",
                    String.format("resumed: %d of %d key ranges were committed", inTarget / EVERY, ROWS / EVERY));
            assertThat(value(target, "select count(distinct id) from measurement")).isEqualTo((long) ROWS);
            assertThat(count(target, "measurement")).isEqualTo(ROWS);

            ImportJournal.Entry done = ImportJournal.readAt(journal).orElseThrow().entry("measurement").orElseThrow();
            assertThat(done.state()).isEqualTo(TableState.DONE);
            assertThat(done.ranges()).allMatch(KeyRange::committed);
            // the ranges the killed run committed were not loaded again: they keep its commit times
            assertThat(done.ranges()).containsAll(journaled);
            assertThat(done.ranges().stream().filter(r -> !journaled.contains(r)).count()).isEqualTo(ROWS / EVERY - journaled.size());
        }
    }
}
