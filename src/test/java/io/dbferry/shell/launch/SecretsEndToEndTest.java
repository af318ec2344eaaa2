package io.dbferry.shell.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbferry.testing.BinDbferry;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * A password typed in every form a driver reads one from, through {@code bin/dbferry} as an operator runs it:
 * a {@code --file} script (each line echoed on stdout, quoted in its error on stderr), the same lines typed
 * into the interactive shell (the history file) and a {@code dbferry.yml}. Every URL is refused before any
 * connection, and the secret appears on no output: stdout, stderr, the log, the history.
 */
class SecretsEndToEndTest {

    private static final String SECRET = "Zq7xSecret";

    /** Each line holds {@link #SECRET} where a driver, the shell or a careless operator would take it as a password. */
    private static final List<String> LINES = List.of(
            "connect target mysql://root:" + SECRET + "@127.0.0.1/x",
            "connect target mariadb://root:" + SECRET + "@127.0.0.1:3306/x",
            "connect target postgresql://u:" + SECRET + "@127.0.0.1/x",
            "connect target jdbc:mysql://root:pre/" + SECRET + "@127.0.0.1/x",
            "connect target postgres://127.0.0.1/x?password=" + SECRET,
            "connect target jdbc:mysql://127.0.0.1/x?user=root&PASSWORD=" + SECRET,
            "connect target mysql://127.0.0.1/x?password1=" + SECRET,
            "connect target jdbc:mysql://127.0.0.1/x?Password3=" + SECRET,
            "connect target mysql://127.0.0.1/x?trustCertificateKeyStorePassword=" + SECRET,
            "connect target mysql://address=(host=127.0.0.1)(port=3306)(password=" + SECRET + ")/x",
            "connect target jdbc:mysql://(host=127.0.0.1,port=3306,password2=" + SECRET + ")/x",
            "connect target jdbc:postgresql://127.0.0.1/x?ssl=true&sslpassword=" + SECRET,
            "connect source sqlite:app.sqlite3?password=" + SECRET,
            "connect target \"mysql://127.0.0.1/x?password=two " + SECRET + "\"",
            "connect target root:" + SECRET + "@127.0.0.1/x",
            "connect target mysql://127.0.0.1/x --password " + SECRET,
            "mysql://root:" + SECRET + "@127.0.0.1/x",
            "mysql://root:" + SECRET + "@127.0.0.1/x --format json",
            "connect target --format json mysql://root:" + SECRET + "@127.0.0.1/x",
            "connect target mysql://root:" + SECRET + "@127.0.0.1/x --format json");

    /** The lines that are URLs a dialect reads, refused as holding a password (the others are refused unread). */
    private static final long REFUSED_AS_PASSWORDS = LINES.size() - 5;

    record Run(int exitCode, String stdout, String stderr, String log, String history) {
        /** Every output the run left, for the one assertion that matters. */
        String everything() {
            return stdout + stderr + log + history;
        }
    }

    @TempDir
    static Path tmp;

    private static ExecutorService pool;
    private static Future<Run> script;
    private static Future<Run> typed;
    private static Future<Run> configured;

    @BeforeAll
    static void launch() throws Exception {
        Run version = run("version", List.of("--version"), null, 600);
        assertThat(version.exitCode()).as("bin/dbferry --version (builds the jar): %s", version.stderr()).isZero();
        Path file = Files.write(tmp.resolve("secrets.dbf"), LINES);
        Path config = Files.writeString(tmp.resolve("dbferry.yml"),
                "target: { url: \"mysql://address=(host=127.0.0.1)(Password=" + SECRET + ")/x\" }\n");
        pool = Executors.newFixedThreadPool(3);
        script = pool.submit(() -> run("script", List.of("--file", file.toString(), "--continue-on-error"), null, 180));
        typed = pool.submit(() -> run("typed", List.of(), String.join("\n", LINES) + "\n", 180));
        configured = pool.submit(() -> run("configured", List.of("--config", config.toString(), "status"), null, 180));
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    @Test
    void aScriptsEchoErrorsAndLogNeverShowTheSecret() throws Exception {
        Run run = script.get(240, TimeUnit.SECONDS);
        assertThat(run.exitCode()).as(run.stderr()).isNotZero();
        // every line was echoed and failed, and the log heard of each failure: the assertions below are not vacuous
        // a --format json line is echoed on stderr, its error document on stdout
        assertThat((run.stdout() + run.stderr()).lines().filter(l -> l.startsWith(DbferryRunner.PROMPT))).hasSize(LINES.size());
        assertThat(run.stdout()).containsPattern("\"kind\"\\s*:\\s*\"usage\"").contains("holds a password");
        assertThat(run.stdout()).contains(DbferryRunner.PROMPT + "connect target mysql://root:***@127.0.0.1/x")
                .contains("(password=***)").contains("password1=***").contains("--password ***");
        assertThat(run.stderr().lines().filter(l -> l.startsWith("Error at "))).hasSize(LINES.size());
        assertThat(run.stderr().lines().filter(l -> l.contains("holds a password"))).hasSize((int) REFUSED_AS_PASSWORDS);
        assertThat(run.log()).contains("connect failed (USAGE)");
        assertThat(run.everything()).doesNotContain(SECRET);
    }

    @Test
    void theInteractiveShellKeepsTheLinesMaskedInItsHistory() throws Exception {
        Run run = typed.get(240, TimeUnit.SECONDS);
        assertThat(run.history().lines()).as("one history entry per line typed").hasSize(LINES.size());
        assertThat(run.history()).contains("connect target mysql://root:***@127.0.0.1/x").contains("sslpassword=***");
        assertThat(run.stderr().lines().filter(l -> l.contains("holds a password"))).hasSize((int) REFUSED_AS_PASSWORDS);
        assertThat(run.everything()).doesNotContain(SECRET);
    }

    @Test
    void aPasswordInTheConfigurationIsRefusedWithoutShowingIt() throws Exception {
        Run run = configured.get(240, TimeUnit.SECONDS);
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr()).contains("the target's url holds a password");
        assertThat(run.everything()).doesNotContain(SECRET);
    }

    private static Run run(String name, List<String> args, String stdin, int timeoutSeconds) throws Exception {
        BinDbferry.Result r = BinDbferry.run(tmp.resolve("run-" + name), args, Map.of("DBFERRY_QUIET", "1"), stdin, timeoutSeconds);
        return new Run(r.exitCode(), r.stdout(), r.stderr(), r.log(), r.history());
    }
}
