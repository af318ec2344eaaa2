package io.dbferry;

import io.dbferry.logging.DirectLogging;
import io.dbferry.shell.launch.ErrorText;
import io.dbferry.shell.process.LaunchOptions;
import io.dbferry.shell.terminal.EarlyTerminal;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.info.ProjectInfoAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jooq.JooqAutoConfiguration;
import org.springframework.boot.autoconfigure.reactor.ReactorAutoConfiguration;
import org.springframework.boot.autoconfigure.sql.init.SqlInitializationAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.shell.boot.ComponentFlowAutoConfiguration;
import org.springframework.shell.boot.TerminalUIAutoConfiguration;
import org.springframework.shell.boot.ThemingAutoConfiguration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Starts dbferry: flags that need no shell are answered here; everything else runs in Spring Shell. */
// Only what the shell uses is configured: dbferry opens its own connections (no DataSource, Flyway or jOOQ beans),
// keeps its own ObjectMapper, and needs no executors, AOP, bean validation, SSL bundles or Spring Shell's UI kit.
// Each auto-configuration left out is beans and property binding the start no longer does (docs/benchmarks.md).
@SpringBootApplication(exclude = {DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class, JooqAutoConfiguration.class,
        AopAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class, LifecycleAutoConfiguration.class,
        ProjectInfoAutoConfiguration.class, JacksonAutoConfiguration.class, ReactorAutoConfiguration.class,
        SqlInitializationAutoConfiguration.class, SslAutoConfiguration.class, TaskExecutionAutoConfiguration.class,
        TaskSchedulingAutoConfiguration.class, ValidationAutoConfiguration.class,
        ComponentFlowAutoConfiguration.class, TerminalUIAutoConfiguration.class, ThemingAutoConfiguration.class})
public class DbferryApplication {

    public static void main(String[] args) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        LaunchOptions options = LaunchOptions.parseOrExit(args);
        if (options.version()) {
            System.out.println("dbferry " + io.dbferry.core.DbferryVersion.get());
            return;
        }
        try {
            Files.createDirectories(Path.of(System.getProperty("user.home"), ".dbferry"));
        } catch (IOException e) {
            System.err.println("dbferry: cannot create ~/.dbferry for history and logs: " + e.getMessage());
        }
        DirectLogging.install();
        SpringApplication app = new SpringApplication(DbferryApplication.class);
        // command arguments such as --where=... belong to dbferry's commands, not to Spring's environment
        app.setAddCommandLineProperties(false);
        // the one parse of the command line: the runner, the configuration and the progress views receive it
        app.addInitializers(context -> context.getBeanFactory().registerSingleton("launchOptions", options));
        // java.util.logging reaches the log file before the context's beans (JLine's terminal among them) are made
        app.addListeners((ApplicationEnvironmentPreparedEvent event) -> DirectLogging.awaitBridge());
        EarlyTerminal.startWith(app);
        try {
            System.exit(SpringApplication.exit(app.run(args)));
        } catch (SpringApplication.AbandonedRunException e) {
            throw e; // the build's ahead-of-time processing stops the run on purpose
        } catch (RuntimeException e) {
            // a start that fails (a broken dbferry.yml, say) gets the same one paragraph as a failed command
            System.err.println("dbferry: " + startFailure(e));
            System.exit(1);
        }
    }

    private static String startFailure(Throwable e) {
        // Logback is configured by then (SpringApplication made the first logger): the failure is logged, with its
        // stack trace, to the log file
        return ErrorText.of(e, ErrorText.shown(System.getProperty("user.home") + "/.dbferry/dbferry.log"));
    }
}
