package io.dbferry.shell.terminal;

import io.dbferry.core.session.PasswordPrompt;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;

import java.util.Optional;

/** Reads a password on the terminal without echo, through a reader of its own that keeps no history. */
public final class TerminalPasswordPrompt implements PasswordPrompt {

    private final Terminal terminal;

    public TerminalPasswordPrompt(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Optional<String> ask(String prompt) {
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .history(new DefaultHistory())
                .variable(LineReader.DISABLE_HISTORY, true)
                .build();
        try {
            return Optional.of(reader.readLine(prompt, '*'));
        } catch (UserInterruptException | EndOfFileException e) {
            return Optional.empty();
        }
    }
}
