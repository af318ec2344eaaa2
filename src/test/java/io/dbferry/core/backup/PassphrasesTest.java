package io.dbferry.core.backup;

import io.dbferry.core.DbferryException;
import io.dbferry.core.session.PasswordPrompt;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PassphrasesTest {

    private static PasswordPrompt typed(String... answers) {
        ArrayDeque<String> queue = new ArrayDeque<>(List.of(answers));
        return prompt -> Optional.ofNullable(queue.poll());
    }

    @Test
    void unattendedRunsWithoutAPromptMustNamePassphraseEnv() {
        assertThatThrownBy(() -> Passphrases.forBackup("app-1", null, PasswordPrompt.NONE)).isInstanceOf(DbferryException.class)
                .satisfies(e -> assertThat(((DbferryException) e).paragraph())
                        .contains("app-1 is encrypted").contains("--passphrase-env VAR"));
        assertThatThrownBy(() -> Passphrases.forNewBackup(null, PasswordPrompt.NONE)).isInstanceOf(DbferryException.class)
                .satisfies(e -> assertThat(((DbferryException) e).paragraph())
                        .contains("no backup was written").contains("--passphrase-env VAR"));
    }

    @Test
    void aNewPassphraseIsAskedTwiceAndMustBeLongEnough() {
        assertThat(new String(Passphrases.forNewBackup(null, typed("long enough", "long enough")))).isEqualTo("long enough");
        assertThatThrownBy(() -> Passphrases.forNewBackup(null, typed("long enough", "long enougH")))
                .hasMessageContaining("differ");
        assertThatThrownBy(() -> Passphrases.forNewBackup(null, typed("short", "short")))
                .hasMessageContaining("shorter than 8");
    }

    @Test
    void anUnsetVariableIsNamed() {
        assertThatThrownBy(() -> Passphrases.forBackup("b", "DBFERRY_TEST_SURELY_UNSET_VAR", typed("x")))
                .hasMessageContaining("DBFERRY_TEST_SURELY_UNSET_VAR");
    }
}
