package io.dbferry.logging;

import org.slf4j.bridge.SLF4JBridgeHandler;
import org.springframework.boot.logging.LoggingSystem;

/**
 * Leaves the log to Logback, which reads {@code logback.xml} when the first logger is made, instead of Spring
 * Boot's logging system, which binds the {@code logging.*} properties, sets a dozen system properties and
 * configures Logback a second time during the start (about 40 ms of the main thread's 400, docs/startup.md).
 * What Spring Boot's system did besides, dbferry does here: the process id for the log lines, and
 * java.util.logging (JLine's warnings) sent to the same file instead of stderr.
 */
public final class DirectLogging {

    private DirectLogging() {
    }

    /** Before anything logs: {@code SpringApplication} must not have started. */
    public static void install() {
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        System.setProperty("PID", Long.toString(ProcessHandle.current().pid()));
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }
}
