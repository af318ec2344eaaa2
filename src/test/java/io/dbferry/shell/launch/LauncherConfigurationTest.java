package io.dbferry.shell.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbferry.shell.process.ExitCodes;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/dbferry} with a broken {@code dbferry.yml}: every start, {@code status} included, says what is
 * wrong with the file instead of starting with the connection missing.
 */
class LauncherConfigurationTest {

    private static final Path PROJECT = Path.of("").toAbsolutePath();

    @TempDir
    Path tmp;

    record Run(int exitCode, String stdout, String stderr) {
    }

    private Run run(Path workingDir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PROJECT.resolve("bin/dbferry").toString()));
        command.addAll(List.of(args));
        Path out = tmp.resolve("stdout");
        Path err = tmp.resolve("stderr");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
        pb.environment().put("DBFERRY_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        Process process = pb.start();
        if (!process.waitFor(600, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/dbferry did not finish");
        }
        // the first run may build the jar and say so
        String stderr = Files.readString(err).replaceAll("(?m)^dbferry: building .*\\R", "");
        return new Run(process.exitValue(), Files.readString(out), stderr);
    }

    @Test
    void statusWithAMisspelledKeyInDbferryYmlSaysWhichKeyAndLine() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(work.resolve("dbferry.yml"), """
                source: sqlite:inventory.sqlite3
                taget:
                  url: sqlite:copy.sqlite3
                """);
        Run run = run(work, "status");
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.stdout()).doesNotContain("not connected");
        assertThat(run.stderr().strip()).isEqualTo("dbferry: dbferry.yml line 2: unknown key 'taget'. The keys allowed at "
                + "the top level are backup, media, migrations, source, target. Did you mean 'target'? "
                + "Correct the file and start dbferry again.");
    }

    @Test
    void aNestedUnknownKeyInAFileGivenWithConfigIsRefusedToo() throws Exception {
        Path config = Files.writeString(tmp.resolve("other.yml"), "backup:\n  locaton: /srv/backups\n");
        Run run = run(PROJECT, "--config", config.toString(), "status");
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.stderr().strip()).isEqualTo("dbferry: " + config + " line 2: unknown key 'locaton' under 'backup'. "
                + "The keys allowed under 'backup' are location. Did you mean 'location'? Correct the file and start dbferry again.");
    }
}
