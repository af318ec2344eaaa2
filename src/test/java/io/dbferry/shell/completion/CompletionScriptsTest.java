package io.dbferry.shell.completion;

import io.dbferry.testing.ShellContexts;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.shell.command.CommandCatalog;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed scripts in completions/ are what the commands generate: when a command or option is added
 * this fails until they are regenerated with
 * {@code bin/dbferry completion-script bash > completions/dbferry.bash} (and zsh > completions/_dbferry).
 */
class CompletionScriptsTest {


    @TempDir
    static Path tmp;

    private static ConfigurableApplicationContext context;
    private static CompletionScripts scripts;

    @BeforeAll
    static void start() {
        context = ShellContexts.start(tmp);
        scripts = CompletionScripts.of(context.getBean(CommandCatalog.class));
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    private static final String REGENERATE = "completions/ differs from what the commands generate; regenerate with "
            + "'bin/dbferry completion-script bash > completions/dbferry.bash' and 'bin/dbferry completion-script zsh > completions/_dbferry'";

    @Test
    void bashScriptIsUpToDate() throws Exception {
        assertThat(Files.readString(Path.of("completions/dbferry.bash"))).as(REGENERATE).isEqualTo(scripts.script("bash"));
    }

    @Test
    void zshScriptIsUpToDate() throws Exception {
        assertThat(Files.readString(Path.of("completions/_dbferry"))).as(REGENERATE).isEqualTo(scripts.script("zsh"));
    }

    @Test
    void theHiddenGeneratorIsNotACompletion() {
        assertThat(scripts.script("bash")).doesNotContain("completion-script'").contains("'connect'").contains("'import-records'");
    }

    private static String complete(String... words) throws Exception {
        String array = String.join(" ", java.util.Arrays.stream(words).map(w -> "'" + w + "'").toList());
        String program = "source completions/dbferry.bash; COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1)
                + "; _dbferry; echo \"${COMPREPLY[*]}\"";
        Process p = new ProcessBuilder("bash", "--norc", "-c", program).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    @Test
    void bashCompletesCommandsSidesOptionsAndFiles() throws Exception {
        if (!Files.isExecutable(Path.of("/bin/bash"))) {
            return;
        }
        assertThat(complete("bin/dbferry", "con")).isEqualTo("connect");
        assertThat(complete("bin/dbferry", "connect", "")).isEqualTo("source target");
        assertThat(complete("bin/dbferry", "disconnect", "t")).isEqualTo("target");
        assertThat(complete("bin/dbferry", "--")).isEqualTo("--file --continue-on-error --config --help --version");
        assertThat(complete("bin/dbferry", "import-records", "--ret")).isEqualTo("--retry-failed");
        assertThat(complete("bin/dbferry", "import-records", "--rej")).isEqualTo("--rejects");
        assertThat(complete("bin/dbferry", "import-records", "--format", "j")).isEqualTo("json");
        assertThat(complete("bin/dbferry", "-f", "completions/dbferry.b")).isEqualTo("completions/dbferry.bash");
        assertThat(complete("bin/dbferry", "verify", "--file", "completions/_")).isEqualTo("completions/_dbferry");
    }

    @Test
    void bashCompletesFilesAfterEveryPathOptionAndTheFixedValues() throws Exception {
        if (!Files.isExecutable(Path.of("/bin/bash"))) {
            return;
        }
        assertThat(complete("bin/dbferry", "export-records", "-f", "completions/dbferry.b")).isEqualTo("completions/dbferry.bash");
        assertThat(complete("bin/dbferry", "import-records", "--tables", "x", "-f", "completions/_")).isEqualTo("completions/_dbferry");
        assertThat(complete("bin/dbferry", "fix-encoding", "-o", "completions/_")).isEqualTo("completions/_dbferry");
        assertThat(complete("bin/dbferry", "backup", "--path", "complet")).isEqualTo("completions");
        assertThat(complete("bin/dbferry", "backup", "--media", "completions/")).isEmpty(); // folders only
        assertThat(complete("bin/dbferry", "fix-encoding", "--strategy", "re")).isEqualTo("repair-mojibake replace");
        assertThat(complete("bin/dbferry", "validate-encoding", "--against", "t")).isEqualTo("target");
        Process p = new ProcessBuilder("bash", "--norc", "-c", "source completions/dbferry.bash; complete -p dbferry")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip()).isEqualTo("complete -F _dbferry dbferry");
    }
}
