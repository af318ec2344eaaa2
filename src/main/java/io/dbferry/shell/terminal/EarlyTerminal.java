package io.dbferry.shell.terminal;

import io.dbferry.logging.DirectLogging;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;

/**
 * Builds the JLine terminal on a second thread while Spring creates the other beans (about a tenth of the
 * start's work on one thread: JLine probes the providers and parses the terminal's capabilities), and hands
 * it to Spring Shell's {@code terminal} bean, which then keeps its usual life: closed with the context.
 * The terminal is the one Spring Shell builds ({@code JLineShellAutoConfiguration.terminal}: system
 * terminal, output to stdout); dbferry has no {@code TerminalCustomizer} that it would have applied.
 */
public final class EarlyTerminal {

    private static final String BEAN = "terminal";

    private volatile CompletableFuture<Terminal> terminal;

    private EarlyTerminal() {
    }

    /**
     * Starts the build once logging is set up (JLine logs through java.util.logging, bridged to the log file).
     * Only with Spring's ahead-of-time bean definitions: without them the definition is not there yet when the
     * initializers run, and Spring Shell builds the terminal itself.
     */
    public static void startWith(SpringApplication app) {
        if (!AotDetector.useGeneratedArtifacts()) {
            return;
        }
        EarlyTerminal early = new EarlyTerminal();
        app.addListeners((ApplicationEnvironmentPreparedEvent event) -> early.start());
        app.addInitializers(early::supplyTo);
    }

    private void start() {
        if (terminal == null) {
            terminal = CompletableFuture.supplyAsync(EarlyTerminal::build, runnable -> {
                Thread thread = new Thread(runnable, "dbferry-terminal");
                thread.setDaemon(true);
                thread.start();
            });
        }
    }

    /** Replaces the bean's supplier; the AOT initializer registered the definition before this one runs. */
    private void supplyTo(ConfigurableApplicationContext context) {
        if (terminal != null && context.getBeanFactory().containsBeanDefinition(BEAN)
                && context.getBeanFactory().getBeanDefinition(BEAN) instanceof AbstractBeanDefinition definition) {
            CompletableFuture<Terminal> built = terminal;
            definition.setInstanceSupplier(built::join);
        }
    }

    private static Terminal build() {
        DirectLogging.awaitBridge();
        try {
            return TerminalBuilder.builder().systemOutput(TerminalBuilder.SystemOutput.SysOut).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
