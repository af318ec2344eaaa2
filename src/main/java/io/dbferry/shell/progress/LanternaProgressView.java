package io.dbferry.shell.progress;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal.CtrlCBehaviour;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import io.dbferry.core.progress.ForwardingProgressListener;
import org.jline.utils.Signals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live view of a long operation on a terminal: a full-screen Lanterna page (the alternate screen)
 * drawn from a {@link ProgressBoard} ten times a second by a small timer thread. Closing it stops the
 * timer, leaves the alternate screen (the shell's scrollback comes back as it was), restores the tty
 * settings and gives SIGWINCH back to JLine, so the prompt and its resizing work as before.
 */
public final class LanternaProgressView extends ForwardingProgressListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LanternaProgressView.class);
    private static final long REDRAW_MILLIS = 100;

    static {
        // Lanterna would otherwise undefine the tty's intr character, turning Ctrl-C into a key press that
        // nobody reads; with it left alone Ctrl-C stays SIGINT, which the operation's handler turns into a cancel
        System.setProperty("com.googlecode.lanterna.terminal.UnixTerminal.catchSpecialCharacters", "false");
    }

    private final ProgressBoard board;
    private final Object jlineWinch;
    private final UnixTerminal terminal;
    private final Screen screen;
    private final ScheduledExecutorService timer;

    private LanternaProgressView(ProgressBoard board, Object jlineWinch, UnixTerminal terminal, Screen screen) {
        super(board);
        this.board = board;
        this.jlineWinch = jlineWinch;
        this.terminal = terminal;
        this.screen = screen;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dbferry-progress-view");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::drawQuietly, 0, REDRAW_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Takes over the terminal; Lanterna gets the process's own streams, never JLine's. */
    public static LanternaProgressView open(String title, String cancelHint) throws IOException {
        // JLine's SIGWINCH handler, kept to be put back: Lanterna replaces it with its own
        Object jlineWinch = Signals.register("WINCH", () -> { });
        UnixTerminal terminal = null;
        try {
            terminal = new UnixTerminal(System.in, System.out, StandardCharsets.UTF_8, CtrlCBehaviour.TRAP);
            Screen screen = new TerminalScreen(terminal);
            screen.startScreen();
            screen.setCursorPosition(null);
            return new LanternaProgressView(new ProgressBoard(title, cancelHint), jlineWinch, terminal, screen);
        } catch (IOException | RuntimeException e) {
            if (terminal != null) {
                try {
                    terminal.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            Signals.unregister("WINCH", jlineWinch);
            throw e;
        }
    }

    public ProgressBoard board() {
        return board;
    }

    private void drawQuietly() {
        try {
            draw();
        } catch (IOException | RuntimeException e) {
            log.debug("progress view: cannot draw: {}", e.toString());
        }
    }

    private synchronized void draw() throws IOException {
        TerminalSize resized = screen.doResizeIfNecessary();
        TerminalSize size = resized != null ? resized : screen.getTerminalSize();
        List<String> lines = board.render(size.getColumns(), size.getRows());
        screen.clear();
        TextGraphics g = screen.newTextGraphics();
        for (int i = 0; i < lines.size() && i < size.getRows(); i++) {
            String line = lines.get(i);
            g.setForegroundColor(TextColor.ANSI.DEFAULT);
            if (i == 0) {
                g.putString(0, i, line, SGR.BOLD);
            } else if (line.endsWith("failed") || line.contains(" failed: ")) {
                g.setForegroundColor(TextColor.ANSI.RED);
                g.putString(0, i, line);
            } else if (line.contains(" skipped") || line.contains(" cancelled")) {
                g.setForegroundColor(TextColor.ANSI.YELLOW);
                g.putString(0, i, line);
            } else {
                g.putString(0, i, line);
            }
        }
        screen.refresh(resized != null ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            screen.stopScreen();
        } catch (IOException | RuntimeException e) {
            log.debug("progress view: cannot stop the screen: {}", e.toString());
        }
        try {
            terminal.close();
        } catch (IOException | RuntimeException e) {
            log.debug("progress view: cannot restore the terminal: {}", e.toString());
        } finally {
            Signals.unregister("WINCH", jlineWinch);
        }
    }
}
