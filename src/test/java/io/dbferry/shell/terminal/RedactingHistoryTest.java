package io.dbferry.shell.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedactingHistoryTest {

    @TempDir
    Path tmp;

    @Test
    void aPasswordTypedIntoAUrlNeverReachesTheHistoryFile() throws Exception {
        Path file = tmp.resolve("history");
        try (Terminal terminal = TerminalBuilder.builder().dumb(true).streams(
                new java.io.ByteArrayInputStream(new byte[0]), new java.io.ByteArrayOutputStream()).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal)
                    .variable(LineReader.HISTORY_FILE, file).build();
            RedactingHistory history = new RedactingHistory();
            history.attach(reader);
            history.add("connect target mysql://root:hunter2@127.0.0.1/inventory");
            history.add(Instant.now(), "connect source jdbc:postgresql://h/db?user=a&password=s3cret");
            history.add("tables --counts");
            history.save();

            assertThat(history.get(0)).isEqualTo("connect target mysql://root:***@127.0.0.1/inventory");
            assertThat(history.get(1)).isEqualTo("connect source jdbc:postgresql://h/db?user=a&password=***");
            assertThat(history.get(2)).isEqualTo("tables --counts");
        }
        String saved = Files.readString(file);
        assertThat(saved).contains("root:***@127.0.0.1").contains("password=***").contains("tables --counts");
        assertThat(saved).doesNotContain("hunter2").doesNotContain("s3cret");
    }
}
