package io.dbferry.shell.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbferry.testing.BinDbferry;
import io.dbferry.testing.Chinook;
import io.dbferry.testing.Datasets;
import io.dbferry.testing.PasswordLogins;
import io.dbferry.testing.ServerInfo;
import io.dbferry.testing.TestServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code bin/dbferry} as an operator would: a separate process, HOME in a temp folder (history and log
 * go there), real SQLite and MariaDB. The first call ({@code --version}) builds target/dbferry.jar when it is
 * missing or stale; the other runs then start side by side to keep the class fast.
 */
class LauncherEndToEndTest {

    private static final String CHINOOK = "dbferry_chinook";
    private static final String WRONG_PASSWORD = "not-" + PasswordLogins.PASSWORD;
    private static final Path PROJECT = Path.of("").toAbsolutePath();

    record Run(int exitCode, String stdout, String stderr, Path home) {
        List<String> stdoutLines() {
            return stdout.lines().toList();
        }
    }

    @TempDir
    static Path tmp;

    private static Run version;
    private static final Map<String, Future<Run>> runs = new HashMap<>();
    private static ExecutorService pool;
    private static String sqliteUrl;
    private static String mariaUrl;
    private static String mariaPasswordEnvValue;
    private static ServerInfo passwordLogin;

    @BeforeAll
    static void launch() throws Exception {
        assertThat(PROJECT.resolve("bin/dbferry")).as("run from the project root").isExecutable();
        version = run("version", List.of("--version"), Map.of(), null, 600);

        Chinook.loadIntoMariaDb(CHINOOK);
        sqliteUrl = "sqlite:" + PROJECT.relativize(Datasets.chinookSqlite());
        var withGrants = PasswordLogins.mariadb(CHINOOK);
        ServerInfo maria = withGrants.orElse(TestServers.mariadb());
        mariaUrl = PasswordLogins.url(maria, CHINOOK);
        // with --skip-grant-tables (embedded MariaDB) any password gets root in
        mariaPasswordEnvValue = withGrants.isPresent() ? PasswordLogins.PASSWORD : "";
        passwordLogin = PasswordLogins.any(CHINOOK);

        pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        Map<String, String> env = Map.of("DBFERRY_TEST_PW", mariaPasswordEnvValue, "DBFERRY_TEST_WRONG_PW", WRONG_PASSWORD);

        start("counts", List.of("--file", script("counts.txt", """
                # Chinook in SQLite and in MariaDB, the password from the environment

                connect source %s
                tables --counts
                   # an indented comment
                connect target %s --password-env DBFERRY_TEST_PW
                tables --counts --on target
                count Track PlaylistTrack --on target
                """.formatted(sqliteUrl, mariaUrl)).toString()), env);
        String failing = """
                connect source %s
                describe Trak
                tables
                """.formatted(sqliteUrl);
        start("stops", List.of("--file", script("stops.txt", failing).toString()), env);
        start("continues", List.of("--file", script("continues.txt", failing).toString(), "--continue-on-error"), env);
        start("passwords", List.of("--continue-on-error", "-f", script("passwords.txt", """
                connect source %1$s
                connect source %1$s --password-env DBFERRY_TEST_WRONG_PW
                """.formatted(PasswordLogins.url(passwordLogin, passwordLogin.isMySql() ? CHINOOK : "postgres"))).toString()), env);
        start("unknownCommand", List.of("frobnicate", "--now"), env);
        start("unknownOption", List.of("--frobnicate"), env);
        start("unknownCommandOption", List.of("tables", "--frobnicate"), env);
        start("missingArgument", List.of("describe"), env);
        start("help", List.of("--help"), env);
        start("interactive", List.of(), env, """
                connect target mysql://root:%s@127.0.0.1/chinook
                connect source jdbc:mysql://127.0.0.1/chinook?user=root&password=%s
                connect source %s
                count Genre
                exit
                """.formatted(WRONG_PASSWORD, WRONG_PASSWORD, sqliteUrl));
    }

    @AfterAll
    static void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private static Path script(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static void start(String name, List<String> args, Map<String, String> env) {
        start(name, args, env, null);
    }

    private static void start(String name, List<String> args, Map<String, String> env, String stdin) {
        runs.put(name, pool.submit(() -> run(name, args, env, stdin, 120)));
    }

    private static Run result(String name) throws Exception {
        return runs.get(name).get(150, TimeUnit.SECONDS);
    }

    private static Run run(String name, List<String> args, Map<String, String> env, String stdin, int timeoutSeconds)
            throws Exception {
        BinDbferry.Result r = BinDbferry.run(tmp.resolve("run-" + name), args, env, stdin, timeoutSeconds);
        return new Run(r.exitCode(), r.stdout(), r.stderr(), r.home());
    }

    /** stdout holds commands and their results only: no banner, no log line, no stack trace. */
    private static void assertCleanStdout(Run run) {
        assertThat(run.stdout()).doesNotContain("Spring").doesNotContain("@@@@").doesNotContain("jOOQ")
                .doesNotContain(" INFO ").doesNotContain(" WARN ").doesNotContain("ERROR").doesNotContain("Exception")
                .doesNotContainPattern("(?m)^\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:");
    }

    private static void assertNoStackTrace(Run run) {
        assertThat(run.stderr()).doesNotContain("Exception").doesNotContainPattern("(?m)^\\s+at [a-z]");
    }

    @Test
    void versionPrintsTheVersionAndExitsZero() {
        assertThat(version.exitCode()).as(version.stderr()).isZero();
        assertThat(version.stdout().strip()).matches("dbferry \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void helpPrintsUsageAndTheCommandsAndExitsZero() throws Exception {
        Run run = result("help");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("Usage: dbferry").contains("--file FILE").contains("--continue-on-error")
                .contains("connect").contains("describe").contains("peek").contains("tables");
        assertCleanStdout(run);
    }

    @Test
    void aScriptConnectsToSqliteAndMariaDbAndCountsChinook() throws Exception {
        Run run = result("counts");
        assertThat(run.exitCode()).as("stderr: %s", run.stderr()).isZero();
        assertThat(run.stderr()).isEmpty();
        List<String> lines = run.stdoutLines();
        // comments and blank lines are skipped: the five commands are echoed, nothing else is
        assertThat(lines).filteredOn(l -> l.startsWith("dbferry> ")).containsExactly(
                "dbferry> connect source " + sqliteUrl,
                "dbferry> tables --counts",
                "dbferry> connect target " + mariaUrl + " --password-env DBFERRY_TEST_PW",
                "dbferry> tables --counts --on target",
                "dbferry> count Track PlaylistTrack --on target");
        assertThat(lines).first().isEqualTo("dbferry> connect source " + sqliteUrl);
        assertThat(lines).contains("source: SQLite 3.54.1 · Chinook_Sqlite.sqlite · 11 tables".replace("3.54.1",
                lines.get(1).replaceAll("^source: SQLite ([^ ]+) .*$", "$1")));
        assertThat(lines.get(1)).matches("source: SQLite [0-9.]+ · Chinook_Sqlite\\.sqlite · 11 tables");
        assertThat(lines).anyMatch(l -> l.matches("target: MariaDB [0-9.]+ · dbferry_chinook · utf8mb4 · 11 tables"));
        // each of the two `tables --counts` and the `count` shows the Chinook counts
        assertThat(lines.stream().filter(l -> l.matches("\\s*Track\\s+3,503")).count()).isEqualTo(3);
        assertThat(lines.stream().filter(l -> l.matches("\\s*PlaylistTrack\\s+8,715")).count()).isEqualTo(3);
        assertThat(lines.stream().filter(l -> l.matches("\\s*11 tables\\s+15,607")).count()).isEqualTo(2);
        assertThat(lines).anyMatch(l -> l.matches("\\s*2 tables\\s+12,218"));
        assertCleanStdout(run);
        assertThat(run.stdout()).doesNotContain(PasswordLogins.PASSWORD);
        // logs go to ~/.dbferry/dbferry.log under the HOME it was started with, never with the password
        Path log = run.home().resolve(".dbferry/dbferry.log");
        assertThat(log).isRegularFile();
        assertThat(Files.readString(log)).contains("connected target").doesNotContain(PasswordLogins.PASSWORD);
    }

    @Test
    void theFirstFailureStopsTheScriptWithExitOneNamingLineTwo() throws Exception {
        Run run = result("stops");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("line 2").contains("describe Trak")
                .contains("There is no table 'Trak'.").contains("Did you mean 'Track'?");
        assertThat(run.stderr()).doesNotContain("line 3");
        assertThat(run.stdout()).contains("dbferry> describe Trak").doesNotContain("dbferry> tables")
                .doesNotContain("PlaylistTrack");
        assertNoStackTrace(run);
        assertCleanStdout(run);
    }

    @Test
    void continueOnErrorRunsOnAndStillExitsOne() throws Exception {
        Run run = result("continues");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("line 2").contains("There is no table 'Trak'.");
        assertThat(run.stdout()).contains("dbferry> tables").contains("PlaylistTrack");
        assertNoStackTrace(run);
    }

    @Test
    void aPasswordNeededInFileModeNamesPasswordEnvAndAWrongOneIsRefused() throws Exception {
        Run run = result("passwords");
        assertThat(run.exitCode()).isEqualTo(1);
        String[] errors = run.stderr().split("\\R");
        assertThat(errors).anySatisfy(l -> assertThat(l).contains("line 1").contains("wants a password")
                .contains("--password-env"));
        assertThat(errors).anySatisfy(l -> assertThat(l).contains("line 2")
                .contains("refused the login of user '" + PasswordLogins.USER + "'"));
        assertThat(run.stderr()).doesNotContain(WRONG_PASSWORD);
        assertThat(run.stdout()).doesNotContain("Password for"); // no prompt waits for input in --file mode
        assertNoStackTrace(run);
    }

    @Test
    void anUnknownCommandExitsTwo() throws Exception {
        Run run = result("unknownCommand");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("Unknown command 'frobnicate'").contains("help");
        assertNoStackTrace(run);
    }

    @Test
    void anUnknownLauncherOptionExitsTwo() throws Exception {
        Run run = result("unknownOption");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("--frobnicate");
        assertNoStackTrace(run);
    }

    @Test
    void anUnknownCommandOptionExitsTwo() throws Exception {
        Run run = result("unknownCommandOption");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("frobnicate");
        assertNoStackTrace(run);
    }

    @Test
    void aMissingArgumentExitsTwo() throws Exception {
        Run run = result("missingArgument");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).containsIgnoringCase("table");
        assertNoStackTrace(run);
    }

    @Test
    void theInteractiveHistoryNeverHoldsAPassword() throws Exception {
        Run run = result("interactive");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("Genre").contains("25");
        assertThat(run.stderr()).contains("holds a password");
        Path history = run.home().resolve(".dbferry/history");
        assertThat(history).isRegularFile();
        String saved = Files.readString(history);
        assertThat(saved).contains("connect source " + sqliteUrl).contains("count Genre")
                .contains("mysql://root:***@127.0.0.1/chinook").contains("password=***");
        assertThat(saved).doesNotContain(WRONG_PASSWORD);
        assertThat(Files.readString(run.home().resolve(".dbferry/dbferry.log"))).doesNotContain(WRONG_PASSWORD);
        assertThat(run.stdout() + run.stderr()).doesNotContain(WRONG_PASSWORD);
    }

    @Test
    void theTerminalIsBuiltBesideSpringsStartAndJLinesWarningGoesToTheLogOnly() throws Exception {
        Run run = result("interactive");
        // stdin is a pipe, so JLine falls back to a dumb terminal and says so: on the early terminal's thread,
        // after logging was set up (before it, java.util.logging would have printed it on stderr)
        assertThat(Files.readString(run.home().resolve(".dbferry/dbferry.log")))
                .contains("[dbferry-terminal] org.jline").contains("creating a dumb terminal");
        assertThat(run.stderr()).doesNotContain("terminal");
    }
}
