package io.dbferry.shell.commands;

import io.dbferry.core.config.DbferryConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CopyCommandsTest {

    @Test
    void withoutDbferryYmlTheJournalGoesToTheCurrentFolder() {
        // started with no dbferry.yml: copy-records failed with a NullPointerException before this
        assertThat(CopyCommands.journalFile(null, DbferryConfig.empty()))
                .isEqualTo(Path.of("").toAbsolutePath().resolve("dbferry-copy.journal.json"));
    }

    @Test
    void theJournalOptionWins() {
        assertThat(CopyCommands.journalFile("/tmp/x.json", DbferryConfig.empty())).isEqualTo(Path.of("/tmp/x.json"));
    }
}
