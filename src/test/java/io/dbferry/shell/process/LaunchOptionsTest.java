package io.dbferry.shell.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbferry.shell.process.LaunchOptions.Progress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    private static final Map<String, String> XTERM = Map.of("TERM", "xterm-256color");

    @Test
    void flagsBeforeTheCommandAreTheLaunchersAndTheRestIsTheCommand() {
        LaunchOptions options = LaunchOptions.parse(new String[]{"--config", "conf/dbferry.yml", "tables", "--config", "x"}, XTERM, true);
        assertThat(options.config()).isEqualTo(Path.of("conf/dbferry.yml"));
        assertThat(options.command()).containsExactly("tables", "--config", "x");
        assertThat(options.interactive()).isFalse();
        assertThat(options.progress()).isEqualTo(Progress.LIVE);
    }

    @Test
    void aScriptRunOrAPipeOrAPlainSwitchShowsPlainLines() {
        assertThat(LaunchOptions.parse(new String[]{"--file=steps.txt"}, XTERM, true).progress()).isEqualTo(Progress.PLAIN);
        assertThat(LaunchOptions.parse(new String[]{}, XTERM, false).progress()).isEqualTo(Progress.PLAIN);
        assertThat(LaunchOptions.parse(new String[]{}, Map.of("TERM", "dumb"), true).progress()).isEqualTo(Progress.PLAIN);
        assertThat(LaunchOptions.parse(new String[]{}, Map.of("TERM", "xterm", "DBFERRY_PROGRESS", "plain"), true).progress())
                .isEqualTo(Progress.PLAIN);
        assertThat(LaunchOptions.parse(new String[]{}, Map.of("TERM", "xterm", "DBFERRY_QUIET", ""), true).progress())
                .isEqualTo(Progress.QUIET);
    }

    @Test
    void aFlagWithoutItsValueIsAUsageError() {
        assertThatThrownBy(() -> LaunchOptions.parse(new String[]{"--config"}, Map.of(), false))
                .isInstanceOf(LaunchOptions.UsageException.class).hasMessage("--config needs a file name.");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[]{"--continue-on-error"}, Map.of(), false))
                .hasMessage("--continue-on-error needs --file FILE.");
        assertThat(LaunchOptions.none().command()).isEqualTo(List.of());
    }
}
