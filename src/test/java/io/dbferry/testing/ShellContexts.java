package io.dbferry.testing;

import io.dbferry.DbferryApplication;
import io.dbferry.shell.process.LaunchOptions;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.ShellApplicationRunner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The application's real Spring context for tests, started without running dbferry's runner, so no
 * interactive loop waits for a terminal. One configuration class for all tests: component scanning
 * finds it too, and a second class defining the same bean would clash.
 */
public final class ShellContexts {

    private ShellContexts() {
    }

    /** Replaces Spring Shell's ShellApplicationRunner, which would start DbferryRunner. */
    @Configuration(proxyBeanMethods = false)
    public static class NoRunner {
        @Bean
        ShellApplicationRunner shellApplicationRunner() {
            return args -> { };
        }
    }

    /** Starts the context with history and log under {@code tmp}. */
    public static ConfigurableApplicationContext start(Path tmp) {
        return start(tmp, new String[0]);
    }

    /** Starts the context with history and log under {@code tmp}, and {@code properties} ("name=value") besides. */
    public static ConfigurableApplicationContext start(Path tmp, String... properties) {
        List<String> all = new ArrayList<>(List.of("logging.file.name=" + tmp.resolve("dbferry.log"),
                "spring.shell.history.name=" + tmp.resolve("history"),
                "logging.threshold.console=OFF"));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(DbferryApplication.class, NoRunner.class)
                .web(WebApplicationType.NONE)
                .initializers(context -> context.getBeanFactory().registerSingleton("launchOptions", LaunchOptions.none()))
                .properties(all.toArray(String[]::new))
                .run();
    }
}
