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

import static io.dbferry.testing.TestDatabases.*;
import static io.dbferry.core.transfer.TransferSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher (bin/dbferry --file) as a child process: an import killed with SIGKILL mid-table and
 * finished by --retry-failed, and a table larger than the heap exported and imported at -Xmx128m.
 */
class LauncherTransferTest {

    private static final Path LAUNCHER = Path.of("bin", "dbferry").toAbsolutePath();

    @TempDir
    Path dir;

    /** bin/dbferry builds target/dbferry.jar when it is stale: do that once here, not inside a timed test. */
    @BeforeAll
    static void buildTheJarIfStale() throws Exception {
        Process version = new ProcessBuilder(LAUNCHER.toString(), "--version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(version.waitFor(300, TimeUnit.SECONDS)).as("bin/dbferry --version (builds the jar)").isTrue();
        assertThat(version.exitValue()).as("bin/dbferry --version; see target-build.log").isZero();
    }

    private ProcessBuilder launcher(Path script, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "--file", script.toString());
        pb.environment().put("DBFERRY_QUIET", "1");
        pb.environment().putAll(env);
        pb.redirectOutput(dir.resolve("stdout.txt").toFile());
        pb.redirectError(dir.resolve("stderr.txt").toFile());
        return pb;
    }

    private String output() throws Exception {
        return Files.readString(dir.resolve("stdout.txt")) + Files.readString(dir.resolve("stderr.txt"));
    }

    /** A SQLite file with {@code measurement} (no primary key, so a doubled load would show) and {@code config}. */
    private Path generate(String name, int rows) throws Exception {
        Path file = dir.resolve(name);
        try (Connection c = jdbc(sqliteUrl(file)); Statement s = c.createStatement()) {
            s.execute("create table config (id INTEGER PRIMARY KEY, v TEXT)");
            s.execute("insert into config values (1, 'one'), (2, 'two'), (3, 'three')");
            s.execute("create table measurement (id INTEGER NOT NULL, label TEXT, amount REAL)");
            s.execute("with recursive n(i) as (select 1 union all select i + 1 from n where i < " + rows + ") "
                    + "insert into measurement select i, 'label ' || i || ' ' || hex(randomblob(4)), i * 0.25 from n");
        }
        return file;
    }

    @Test
    void importKilledMidTableIsFinishedByRetryFailed() throws Exception {
        Path sourceFile = generate("kill-source.sqlite", 300_000);
        String source = sqliteUrl(sourceFile);
        String pg = freshPostgres("xfer_kill");
        copySchema(source, pg, List.of(), Map.of());
        Path dump = dir.resolve("kill.json.gz");
        export(source, ExportOptions.all(dump));

        Path script = dir.resolve("import.txt");
        Files.writeString(script, "connect target " + pg + "\nimport-records -f " + dump + " --batch-size 5\n");
        // the batched path with --batch-size 5 is slow enough to be killed mid-table; COPY loads 300k rows in well under a second
        Process process = launcher(script, Map.of("DBFERRY_BULK", "off")).start();
        Path journal = ImportJournal.pathFor(dump);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        boolean running = false;
        while (!running && process.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
            running = Files.exists(journal) && Files.readString(journal).matches("(?s).*\"table\" : \"measurement\",\\s*\"state\" : \"RUNNING\".*");
        }
        assertThat(running).as("measurement RUNNING in the journal before the process ends; output:\n%s", output()).isTrue();
        // small batches keep the table loading for seconds: kill it well inside its rows
        Thread.sleep(700);
        assertThat(process.isAlive()).as("still loading; output:\n%s", output()).isTrue();
        ProcessHandle handle = process.toHandle();
        // bin/dbferry execs java, so the child is the JVM itself; SIGKILL it and anything it started
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        Runtime.getRuntime().exec(new String[] {"kill", "-9", String.valueOf(process.pid())}).waitFor();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(137);

        ImportJournal after = ImportJournal.read(dump).orElseThrow();
        assertThat(after.entry("measurement").orElseThrow().state()).as("in flight when killed").isEqualTo(TableState.RUNNING);
        assertThat(after.entry("config").orElseThrow().state()).isEqualTo(TableState.DONE);
        assertThat(count(pg, "measurement")).as("the killed transaction left nothing").isZero();
        assertThat(count(pg, "config")).isEqualTo(3);

        ImportResult retried = importFile(pg, retry(dump));
        assertAllDone(retried);
        assertThat(retried.tables()).extracting(ImportJournal.Entry::table).containsExactly("measurement");
        assertThat(count(pg, "measurement")).isEqualTo(300_000);
        assertThat(value(pg, "select count(distinct id) from measurement")).isEqualTo(300_000L);
        assertThat(count(pg, "config")).isEqualTo(3);
        assertAllEqual(verifyAgainstSource(source, pg, List.of()), 2);

        // and the shell says the same: import-status from the journal, verify exits 0, and 1 once a row differs
        Files.writeString(script, "connect source " + source + "\nconnect target " + pg + "\nimport-status -f " + dump
                + "\nverify\n");
        Process status = launcher(script, Map.of()).start();
        assertThat(status.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(status.exitValue()).as(output()).isZero();
        assertThat(output()).contains("measurement", "300,000", "done").contains("2 of 2 tables equal");
        execute(pg, "update measurement set label = 'changed' where id = 123456");
        Process verify = launcher(script, Map.of()).start();
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(verify.exitValue()).as(output()).isEqualTo(1);
        assertThat(output()).contains("DIFFERENT").contains("1 of 2 tables equal");
    }

    @Test
    void tableLargerThanTheHeapIsExportedAndImportedAt128m() throws Exception {
        int rows = 2_000_000;
        Path sourceFile = generate("heap-source.sqlite", rows);
        Path targetFile = dir.resolve("heap-target.sqlite");
        Path dump = dir.resolve("heap.json.gz");
        Path script = dir.resolve("heap.txt");
        Files.writeString(script, String.join("\n",
                "connect source " + sqliteUrl(sourceFile),
                "connect target " + sqliteUrl(targetFile),
                "copy-schema",
                "export-records -f " + dump,
                "import-records -f " + dump,
                "import-status -f " + dump,
                ""));
        Instant started = Instant.now();
        Process process = launcher(script, Map.of("DBFERRY_JAVA_OPTS", "-Xmx128m -XX:+ExitOnOutOfMemoryError")).start();
        assertThat(process.waitFor(150, TimeUnit.SECONDS)).as("finishes in time").isTrue();
        String output = output();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain("OutOfMemoryError");
        assertThat(output).contains("2,000,000");
        assertThat(Files.size(dump)).isGreaterThan(10_000_000L);
        assertThat(count(sqliteUrl(targetFile), "measurement")).isEqualTo(rows);
        assertThat(value(sqliteUrl(targetFile), "select sum(id) from measurement"))
                .isEqualTo(value(sqliteUrl(sourceFile), "select sum(id) from measurement"));
        assertThat(value(sqliteUrl(targetFile), "select label from measurement where id = 1999999"))
                .isEqualTo(value(sqliteUrl(sourceFile), "select label from measurement where id = 1999999"));
        System.err.println("[heap test] launcher ran " + Duration.between(started, Instant.now()).toSeconds() + " s"
);
    }
}
