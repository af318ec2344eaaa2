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
 * import-records --disable-triggers into MariaDB killed with SIGKILL while the trigger is dropped for the load:
 * the journal holds its definition, and --retry-failed puts it back, loads the table and leaves the values as in
 * the file; import-status puts back what a second crash left dropped.
 */
class TriggerHoldKillTest {

    private static final Path LAUNCHER = Path.of("bin", "dbferry").toAbsolutePath();
    private static final String TRIGGERS = "select trigger_name from information_schema.triggers where trigger_schema = database()";

    @TempDir
    Path dir;

    @BeforeAll
    static void buildTheJarIfStale() throws Exception {
        Process version = new ProcessBuilder(LAUNCHER.toString(), "--version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(version.waitFor(300, TimeUnit.SECONDS)).as("bin/dbferry --version (builds the jar)").isTrue();
        assertThat(version.exitValue()).isZero();
    }

    private Process launch(String script) throws Exception {
        Path file = dir.resolve("steps.txt");
        Files.writeString(file, script);
        ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "--file", file.toString());
        pb.environment().put("DBFERRY_QUIET", "1");
        pb.environment().put("DBFERRY_BULK", "off");
        pb.redirectOutput(dir.resolve("stdout.txt").toFile());
        pb.redirectError(dir.resolve("stderr.txt").toFile());
        return pb.start();
    }

    private String output() throws Exception {
        return Files.readString(dir.resolve("stdout.txt")) + Files.readString(dir.resolve("stderr.txt"));
    }

    @Test
    void retryFailedPutsBackTheTriggerAKilledImportHadDropped() throws Exception {
        Path sourceFile = dir.resolve("source.sqlite");
        try (Connection c = jdbc(sqliteUrl(sourceFile)); Statement s = c.createStatement()) {
            s.execute("create table payment (payment_id INTEGER PRIMARY KEY, payment_date DATETIME NOT NULL)");
            s.execute("with recursive n(i) as (select 1 union all select i + 1 from n where i < 200000) "
                    + "insert into payment select i, '2005-05-24 22:53:30' from n");
        }
        Path dump = dir.resolve("payments.json.gz");
        export(sqliteUrl(sourceFile), ExportOptions.all(dump));
        String maria = freshMaria("dbferry_triggers_kill");
        execute(maria, "create table payment (payment_id int primary key, payment_date datetime not null)",
                "create trigger payment_date before insert on payment for each row set new.payment_date = now()");

        Process process = launch("connect target " + maria + "\nimport-records -f " + dump + " --batch-size 5 --disable-triggers\n");
        Path journal = ImportJournal.pathFor(dump);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        boolean dropped = false;
        while (!dropped && process.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
            dropped = Files.exists(journal) && Files.readString(journal).contains("\"heldTriggers\"")
                    && strings(maria, TRIGGERS).isEmpty();
        }
        assertThat(dropped).as("trigger dropped and held in the journal while loading; output:\n%s", output()).isTrue();
        Thread.sleep(500);
        assertThat(process.isAlive()).as("still loading; output:\n%s", output()).isTrue();
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        Runtime.getRuntime().exec(new String[] {"kill", "-9", String.valueOf(process.pid())}).waitFor();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();

        assertThat(strings(maria, TRIGGERS)).as("the crash left the trigger dropped").isEmpty();
        assertThat(ImportJournal.read(dump).orElseThrow().heldTriggers()).singleElement()
                .satisfies(h -> assertThat(h.names()).containsExactly("payment_date"));

        ImportResult retried = importFile(maria, retry(dump).withDisableTriggers(true));
        assertAllDone(retried);
        assertThat(retried.triggersRestored()).containsExactly("payment.payment_date");
        assertThat(retried.triggersHeld()).containsEntry("payment", List.of("payment_date"));
        assertThat(strings(maria, TRIGGERS)).containsExactly("payment_date");
        assertThat(value(maria, "select count(*) from payment where payment_date = '2005-05-24 22:53:30'")).isEqualTo(200_000L);
        assertThat(ImportJournal.read(dump).orElseThrow().heldTriggers()).isEmpty();
        assertAllEqual(verifyAgainstSource(sqliteUrl(sourceFile), maria, List.of()), 1);

        // a journal still naming a dropped trigger: import-status puts it back as soon as the target is connected
        ImportJournal held = ImportJournal.read(dump).orElseThrow();
        held.triggersHeld(new ImportJournal.HeldTriggers("payment", List.of("payment_date"), List.of(
                "CREATE TRIGGER `payment_date` BEFORE INSERT ON `payment` FOR EACH ROW set new.payment_date = now()")));
        execute(maria, "drop trigger payment_date");
        Process status = launch("connect target " + maria + "\nimport-status -f " + dump + "\n");
        assertThat(status.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(status.exitValue()).as(output()).isZero();
        assertThat(output()).contains("put back", "payment.payment_date");
        assertThat(strings(maria, TRIGGERS)).containsExactly("payment_date");
        assertThat(ImportJournal.read(dump).orElseThrow().heldTriggers()).isEmpty();
    }

    /**
     * copy-records --commit-every --disable-triggers killed while a chunk loads with both triggers dropped: the chunks
     * committed before stay, --retry-failed resumes after them, and every trigger is there again, with its DEFINER and
     * sql_mode, the values as on the source.
     */
    @Test
    void chunkedCopyKilledMidLoadGetsEveryTriggerBackOnRetry() throws Exception {
        Path sourceFile = dir.resolve("chunks.sqlite");
        String source = sqliteUrl(sourceFile);
        try (Connection c = jdbc(source); Statement s = c.createStatement()) {
            s.execute("create table payment (payment_id INTEGER PRIMARY KEY, payment_date DATETIME NOT NULL)");
            s.execute("with recursive n(i) as (select 1 union all select i + 1 from n where i < 200000) "
                    + "insert into payment select i, '2005-05-24 22:53:30' from n");
        }
        String maria = freshMaria("dbferry_triggers_kill_chunks");
        String described = "select concat(trigger_name, '|', definer, '|', sql_mode) from information_schema.triggers"
                + " where trigger_schema = database() order by trigger_name";
        execute(maria, "create table payment (payment_id int primary key, payment_date datetime not null)",
                "create table payment_log (id int auto_increment primary key, note text)",
                "set sql_mode = 'ANSI_QUOTES,NO_ENGINE_SUBSTITUTION'",
                "create trigger payment_date before insert on payment for each row set new.payment_date = now()",
                "create trigger payment_logged after insert on payment for each row insert into payment_log (note) values ('added')");
        List<String> before = strings(maria, described);
        Path journal = dir.resolve("copy.journal.json");

        Process process = launch("connect source " + source + "\nconnect target " + maria + "\ncopy-records --batch-size 5 "
                + "--commit-every 20000 --disable-triggers --journal " + journal + "\n");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        boolean midLoad = false;
        while (!midLoad && process.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
            midLoad = Files.exists(journal) && Files.readString(journal).contains("\"heldTriggers\"")
                    && strings(maria, TRIGGERS).isEmpty() && count(maria, "payment") > 0;
        }
        assertThat(midLoad).as("a chunk committed and the triggers dropped for the next; output:\n%s", output()).isTrue();
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        Runtime.getRuntime().exec(new String[] {"kill", "-9", String.valueOf(process.pid())}).waitFor();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        long committed = count(maria, "payment");
        assertThat(committed).as("chunks committed before the kill").isBetween(1L, 199_999L);
        // a chunk's end puts them back, one CREATE TRIGGER at a time, then clears the journal's note: a kill in that
        // moment leaves the journal naming them with none, one or both already back; the retry creates what is missing
        boolean journalHolds = !ImportJournal.readAt(journal).orElseThrow().heldTriggers().isEmpty();
        List<String> present = strings(maria, TRIGGERS);
        if (!journalHolds) {
            assertThat(present).as("the journal holds none, so both are back").hasSize(2);
        }
        List<String> missing = journalHolds ? List.of("payment_date", "payment_logged").stream()
                .filter(name -> !present.contains(name)).map(name -> "payment." + name).toList() : List.of();

        ImportResult retried = CopyRecordsTest.copy(source, maria, CopyOptions.all(journal).withRetryFailed(true)
                .withCommitEvery(20000).withDisableTriggers(true));
        assertAllDone(retried);
        assertThat(retried.triggersRestored()).as("the retry creates what the crash left missing").containsExactlyInAnyOrderElementsOf(missing);
        assertThat(strings(maria, described)).as("every trigger as it was").isEqualTo(before);
        assertThat(value(maria, "select count(*) from payment where payment_date = '2005-05-24 22:53:30'")).isEqualTo(200_000L);
        assertThat(count(maria, "payment_log")).isZero();
        assertAllEqual(verifyAgainstSource(source, maria, List.of("payment")), 1);
        assertThat(ImportJournal.readAt(journal).orElseThrow().heldTriggers()).isEmpty();
    }
}
