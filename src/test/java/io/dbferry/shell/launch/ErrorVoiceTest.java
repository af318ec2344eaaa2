package io.dbferry.shell.launch;

import static io.dbferry.testing.TestDatabases.execute;
import static io.dbferry.testing.TestDatabases.sqliteUrl;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.backup.Backup;
import io.dbferry.core.backup.BackupOptions;
import io.dbferry.core.backup.BackupResult;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.ExportOptions;
import io.dbferry.core.transfer.ImportJournal;
import io.dbferry.shell.process.ExitCodes;
import io.dbferry.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One voice for every kind of error, heard through {@code bin/dbferry --file} as an operator hears it: the
 * exact paragraph on stderr, the exit code, no parser's or driver's words standing alone, no stack trace,
 * and the detail (kind, exception, stack trace) in the log under the run's HOME. The runs start side by
 * side in {@link #launch()}; each case then checks one.
 */
class ErrorVoiceTest {

    private static final Path PROJECT = Path.of("").toAbsolutePath();

    /** One error to provoke: the script (its last line fails), what stderr must say, the exit code, the log's kind. */
    record Case(String name, List<String> script, String paragraph, int exitCode, Kind kind, List<String> logged,
                Map<String, String> env) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Run(int exitCode, String stdout, String stderr, String log, Path script) {
    }

    @TempDir
    static Path tmp;

    private static final List<Case> cases = new ArrayList<>();
    private static final Map<String, Future<Run>> runs = new HashMap<>();
    private static ExecutorService pool;

    @BeforeAll
    static void launch() throws Exception {
        assertThat(PROJECT.resolve("bin/dbferry")).as("run from the project root").isExecutable();
        Run version = run("version", null, List.of("--version"), Map.of(), 600);
        assertThat(version.exitCode()).as("bin/dbferry --version (builds the jar): %s", version.stderr()).isZero();

        // a source of three parts, the third name too long for the target's check
        Path sourceFile = tmp.resolve("source.sqlite");
        String source = sqliteUrl(sourceFile);
        execute(source, "create table part (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL)",
                "insert into part values (1, 'bolt'), (2, 'nut'), (3, 'washer')");
        Path good = tmp.resolve("good.json");
        TestDatabases.export(source, ExportOptions.all(good));
        String goodText = Files.readString(good);
        String sha = between(goodText, "\"sha256\":\"", "\"");

        Path truncated = Files.writeString(tmp.resolve("truncated.json"), goodText.substring(0, goodText.indexOf("\"was") + 4));
        Path checksum = Files.writeString(tmp.resolve("checksum.json"), replaceOnce(goodText, sha, "0".repeat(64)));
        Path version7 = Files.writeString(tmp.resolve("version.json"), replaceOnce(goodText, "\"version\":2", "\"version\":7"));

        Path emptyTarget = tmp.resolve("empty.sqlite");
        execute(sqliteUrl(emptyTarget), "create table other (id INTEGER)");
        Path checkedTarget = tmp.resolve("checked.sqlite");
        execute(sqliteUrl(checkedTarget), "create table part (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL CHECK (length(name) < 5))");

        Path backups = Files.createDirectories(tmp.resolve("backups"));
        BackupResult backup;
        try (DatabaseConnection db = TestDatabases.source(source)) {
            backup = new Backup(db, ProgressListener.NONE).run(new BackupOptions(backups, "voice", false, true, null, null, null));
        }
        Path dumpInBackup = backup.folder().resolve("db.json.gz");
        byte[] bytes = Files.readAllBytes(dumpInBackup);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(dumpInBackup, bytes);
        Path restoreTarget = tmp.resolve("restored.sqlite");
        execute(sqliteUrl(restoreTarget), "create table part (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL)");

        Path bigSource = tmp.resolve("big.sqlite");
        execute(sqliteUrl(bigSource), "create table measurement (id INTEGER PRIMARY KEY, label TEXT)",
                "with recursive n(i) as (select 1 union all select i + 1 from n where i < 400000) "
                        + "insert into measurement select i, 'label ' || i from n");
        Path big = tmp.resolve("big.json");
        TestDatabases.export(sqliteUrl(bigSource), ExportOptions.all(big));
        Path bigTarget = tmp.resolve("big-target.sqlite");
        execute(sqliteUrl(bigTarget), "create table measurement (id INTEGER PRIMARY KEY, label TEXT)");

        // each case its own copy: the cases run side by side, and a second writer of one file is refused
        java.util.function.Function<String, String> connectEmpty = name -> "connect target " + sqliteUrl(copyOf(emptyTarget, name));
        add("truncated dump", List.of(connectEmpty.apply("truncated dump"), "import-records --quiet -f " + truncated),
                truncated + ": table part, row 3: the file ends unexpectedly (it is truncated, perhaps by an "
                        + "interrupted export or copy). Export it again.",
                1, Kind.DUMP_DAMAGED, "JsonEOFException", "Unexpected end-of-input");
        add("edited checksum", List.of(connectEmpty.apply("edited checksum"), "import-records --quiet --check-first -f " + checksum),
                checksum + ": table part: the file says 3 rows with checksum 000000000000.., the rows read give 3 / "
                        + sha.substring(0, 12) + ".. The file is damaged: export it again.",
                1, Kind.DUMP_DAMAGED, "DumpFormatException");
        add("wrong format version", List.of(connectEmpty.apply("wrong format version"), "import-records --quiet -f " + version7),
                version7 + ": the file is dump format version 7, but this dbferry reads format versions 1 to 2 only. "
                        + "Use a newer dbferry to read it.",
                1, Kind.DUMP_DAMAGED, "DumpFormatException");
        add("connection refused", List.of("connect target mysql://root@127.0.0.1:1/nowhere"),
                "No MySQL/MariaDB server answers at 127.0.0.1:1. Check that the server is running and that host and port are right.",
                1, Kind.CONNECTION, "Connection refused");
        add("usage", List.of(connectEmpty.apply("usage"), "import-records --quiet -f " + good + " --jobs 0"),
                "--jobs must be 1 or more, not 0. Give the number of tables to load at once, e.g. --jobs 2.",
                1, Kind.USAGE, "DbferryException");
        add("target mismatch", List.of(connectEmpty.apply("target mismatch"), "verify --quiet -f " + good),
                "Table part does not exist on the target. Import it first, or leave it out with --tables.",
                1, Kind.TARGET_MISMATCH, "DbferryException");
        add("constraint", List.of("connect target " + sqliteUrl(checkedTarget), "import-records --quiet -f " + good),
                "The import did not complete: 1 of 1 tables failed, the first at table part, row 3 (the reason is in the table "
                        + "above). Fix the cause, then run 'import-records -f " + good + " --retry-failed' to load only what is missing.",
                1, Kind.CONSTRAINT, "FailedWithReport");
        add("damaged backup", List.of("connect target " + sqliteUrl(restoreTarget), "restore --path " + backups + " --skip-media"),
                "The backup " + backup.name() + " is damaged; nothing was restored:\n  - db.json.gz does not match its SHA-256 "
                        + "in the manifest\nRestore another backup ('backups' lists them).",
                1, Kind.BACKUP_DAMAGED, "DbferryException");
        add("cancelled", List.of("connect target " + sqliteUrl(bigTarget), "import-records --quiet -f " + big + " --batch-size 1"),
                "The import was cancelled; the table in flight was rolled back. Run 'import-records -f " + big
                        + " --retry-failed' to finish it.",
                1, Kind.CANCELLED, "FailedWithReport");

        Path badUtf8 = tmp.resolve("bad-utf8.json");
        byte[] text = goodText.getBytes(StandardCharsets.UTF_8);
        int at = goodText.indexOf("washer") + 1; // ASCII before it, so the char index is the byte index
        text[at] = (byte) 0xC3;
        text[at + 1] = (byte) 0x28;
        Files.write(badUtf8, text);
        add("encoding", List.of("validate-encoding -f " + badUtf8),
                "1 values would be rejected or changed by any target. Repair them with 'fix-encoding -f FILE -o FIXED --strategy "
                        + "...' (strategies are named above), or widen the target with the DDL shown; then validate again.",
                1, Kind.ENCODING, "FailedWithReport");
        add("file", List.of(connectEmpty.apply("file"), "import-records --quiet -f " + tmp.resolve("missing.json")),
                "The dump file " + tmp.resolve("missing.json") + " does not exist. Check the path given to -f.",
                1, Kind.FILE, "DbferryException");
        add("folder as dump", List.of(connectEmpty.apply("folder as dump"), "import-records --quiet -f " + tmp),
                "The dump file " + tmp + " is a folder, not a dump file. Check the path given to -f.",
                1, Kind.FILE, "DbferryException");
        add("device as dump", List.of("validate-encoding -f /dev/zero"),
                "The dump file /dev/zero is a character device, not a regular file; a dump is read only from a regular file. "
                        + "Check the path given to -f.",
                1, Kind.FILE, "DbferryException");
        add("configuration", List.of("connect target postgresql://dbferry@127.0.0.1/nowhere --password-env DBFERRY_ERROR_VOICE_UNSET"),
                "The environment variable DBFERRY_ERROR_VOICE_UNSET is not set. Export it before starting dbferry, or leave out "
                        + "--password-env to be asked.",
                1, Kind.CONFIGURATION, "DbferryException");
        add("database", List.of("connect source " + source, "export-records --quiet -f " + tmp.resolve("where.json")
                        + " --where \"part:nosuch = 1\""),
                "Reading table part failed. Check the --where condition for part.\n"
                        + "The server said: [SQLITE_ERROR] SQL error or missing database (no such column: nosuch)",
                1, Kind.DATABASE, "SQLiteException");

        pool = Executors.newFixedThreadPool(2);
        for (Case c : cases) {
            Path script = Files.writeString(tmp.resolve(slug(c.name()) + ".dbf"), String.join("\n", c.script()) + "\n");
            runs.put(c.name(), pool.submit(() -> c.kind() == Kind.CANCELLED
                    ? interrupted(c, script, big)
                    : run(c.name(), script, List.of("--file", script.toString()), c.env(), 120)));
        }
        runs.put("launcher usage", pool.submit(() -> run("launcher usage", null, List.of("--continue-on-error"), Map.of(), 120)));
        runs.put("option value", pool.submit(() -> run("option value", null,
                List.of("import-records", "-f", good.toString(), "--jobs", "many"), Map.of(), 120)));
    }

    @AfterAll
    static void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private static Path copyOf(Path file, String name) {
        try {
            return Files.copy(file, file.resolveSibling(name.replaceAll("[^a-z0-9]+", "-") + "-" + file.getFileName()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Stream<Case> cases() {
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theConsoleSaysDbferrysParagraphAndTheLogHoldsTheDetail(Case c) throws Exception {
        Run run = runs.get(c.name()).get(240, TimeUnit.SECONDS);
        String failing = c.script().get(c.script().size() - 1);
        int line = c.script().size();
        String where = "Error at " + run.script() + " line " + line + " (" + failing + "): ";
        assertThat(run.stderr()).as("stderr").contains(where + c.paragraph() + "\n"
                + "dbferry: stopped at " + run.script() + " line " + line + ".\n");
        assertThat(run.exitCode()).as("exit code; stderr: %s", run.stderr()).isEqualTo(c.exitCode());
        assertThat(run.stderr()).doesNotContain("Exception").doesNotContain("Unexpected").doesNotContain("[Source:")
                .doesNotContainPattern("(?m)^\\s+at [a-z]");
        String command = failing.split(" ")[0];
        assertThat(run.log()).as("the log").contains(command + " failed (" + c.kind() + "): ")
                .containsPattern("(?m)^\\s+at io\\.dbferry\\.");
        c.logged().forEach(detail -> assertThat(run.log()).as("the log").contains(detail));
    }

    @Test
    void aLauncherFlagUsedWronglyExitsTwoWithItsSentenceAndTheUsage() throws Exception {
        Run run = runs.get("launcher usage").get(240, TimeUnit.SECONDS);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).startsWith("dbferry: --continue-on-error needs --file FILE.\nUsage: dbferry ");
    }

    @Test
    void anOptionValueOfTheWrongTypeIsNamedInDbferrysWordsAndExitsTwo() throws Exception {
        Run run = runs.get("option value").get(240, TimeUnit.SECONDS);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).isEqualTo("Error: --jobs takes a whole number, not 'many'. Run 'help import-records' to see its options.\n");
    }

    @Test
    void aFaultInDbferryIsOneSentenceNamingTheLogAndTheServerMayFollowAnyParagraph() {
        String bug = ErrorText.of(new IllegalStateException("wrapped", new NullPointerException("x is null")), "~/.dbferry/dbferry.log");
        assertThat(bug).isEqualTo("dbferry stopped on an internal error (NullPointerException), a fault in dbferry rather "
                + "than in your data or command; the details are in ~/.dbferry/dbferry.log, please report them.");

        SQLException server = new SQLException("ERROR: duplicate key value violates unique constraint \"part_pkey\"", "23505");
        DbferryException wrapped = new DbferryException(Kind.DATABASE, "Cannot empty table part", "Empty it yourself.",
                new RuntimeException(server));
        assertThat(ErrorText.of(new RuntimeException(wrapped), "log")).isEqualTo("Cannot empty table part. Empty it yourself.\n"
                + "The server said: ERROR: duplicate key value violates unique constraint \"part_pkey\"");
        // what the paragraph already quotes is not said twice; a connection that reached no server has nothing to add
        DbferryException quoted = new DbferryException(Kind.DATABASE, "Cannot count part: " + server.getMessage(), null, server);
        assertThat(quoted.paragraph()).isEqualTo(quoted.getMessage());
        DbferryException refused = new DbferryException(Kind.CONNECTION, "No server answers.", null,
                new SQLException("Communications link failure", "08S01"));
        assertThat(refused.paragraph()).isEqualTo("No server answers.");
    }

    private static void add(String name, List<String> script, String paragraph, int exitCode, Kind kind, String... logged) {
        cases.add(new Case(name, script, paragraph, exitCode, kind, List.of(logged), Map.of()));
    }

    /** Runs the big import and sends SIGINT (Ctrl-C) once the journal shows its table loading. */
    private static Run interrupted(Case c, Path script, Path dump) throws Exception {
        Path journal = ImportJournal.pathFor(dump);
        return run(c.name(), script, List.of("--file", script.toString()), c.env(), 180, process -> {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            boolean running = false;
            while (!running && process.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
                running = Files.exists(journal) && Pattern.compile("\"state\"\\s*:\\s*\"RUNNING\"").matcher(Files.readString(journal)).find();
            }
            assertThat(running).as("the table loading before the process ends (journal %s)", journal).isTrue();
            // bin/dbferry execs java, so the child is the JVM itself
            Runtime.getRuntime().exec(new String[] {"kill", "-INT", String.valueOf(process.pid())}).waitFor();
        });
    }

    private interface WhileRunning {
        void accept(Process process) throws Exception;
    }

    private static Run run(String name, Path script, List<String> args, Map<String, String> env, int timeoutSeconds)
            throws Exception {
        return run(name, script, args, env, timeoutSeconds, p -> { });
    }

    private static Run run(String name, Path script, List<String> args, Map<String, String> env, int timeoutSeconds,
                           WhileRunning whileRunning) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("run-" + slug(name)));
        Path home = Files.createDirectories(dir.resolve("home"));
        List<String> command = new ArrayList<>();
        command.add(PROJECT.resolve("bin/dbferry").toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(PROJECT.toFile())
                .redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("HOME", home.toString());
        pb.environment().put("DBFERRY_QUIET", "1");
        pb.environment().put("DBFERRY_JAVA_OPTS", "-XX:TieredStopAtLevel=1");
        pb.environment().putAll(env);
        Process process = pb.start();
        whileRunning.accept(process);
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/dbferry " + String.join(" ", args) + " did not finish in " + timeoutSeconds + " s");
        }
        Path log = home.resolve(".dbferry/dbferry.log");
        return new Run(process.exitValue(), Files.readString(dir.resolve("stdout")), Files.readString(dir.resolve("stderr")),
                Files.exists(log) ? Files.readString(log) : "", script);
    }

    private static String slug(String name) {
        return name.replaceAll("[^a-z0-9]+", "-");
    }

    private static String between(String text, String before, String after) {
        int from = text.indexOf(before) + before.length();
        return text.substring(from, text.indexOf(after, from));
    }

    private static String replaceOnce(String text, String from, String to) {
        assertThat(text).contains(from);
        return text.replaceFirst(Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
    }
}
