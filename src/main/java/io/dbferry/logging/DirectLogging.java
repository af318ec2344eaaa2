package io.dbferry.logging;

import org.slf4j.bridge.SLF4JBridgeHandler;
import org.springframework.boot.logging.LoggingSystem;

import java.util.concurrent.CompletableFuture;

/**
 * Leaves the log to Logback, which reads {@code logback.xml} when the first logger is made, instead of Spring
 * Boot's logging system, which binds the {@code logging.*} properties, sets a dozen system properties and
 * configures Logback a second time during the start (docs/startup.md). What Spring Boot's system did besides,
 * dbferry does here: the process id for the log lines, and java.util.logging (JLine's and the PostgreSQL driver's
 * messages) sent to the same file instead of stderr. That bridge is set up on a thread of its own (starting
 * java.util.logging costs the main thread 30-40 ms); {@link #awaitBridge()} before anything logs through it.
 */
public final class DirectLogging {

    private static volatile CompletableFuture<Void> bridge = CompletableFuture.completedFuture(null);

    private DirectLogging() {
    }

    /** Before anything logs: {@code SpringApplication} must not have started. */
    public static void install() {
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        System.setProperty("PID", Long.toString(ProcessHandle.current().pid()));
        bridge = CompletableFuture.runAsync(DirectLogging::bridgeJavaUtilLogging, runnable -> {
            Thread thread = new Thread(runnable, "dbferry-logging");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** Returns once java.util.logging goes to the log file (at once where {@link #install()} was not called). */
    public static void awaitBridge() {
        bridge.join();
    }

    private static void bridgeJavaUtilLogging() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }
}
