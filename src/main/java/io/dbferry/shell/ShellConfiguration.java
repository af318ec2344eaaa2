package io.dbferry.shell;

import io.dbferry.core.config.DbferryConfig;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.shell.process.LaunchOptions;
import org.springframework.boot.ApplicationArguments;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.jline.PromptProvider;
import org.jline.utils.AttributedString;

/** Wires the core (configuration, session) into the shell. */
@Configuration(proxyBeanMethods = false)
public class ShellConfiguration {

    @Bean
    public DbferryConfig dbferryConfig(ApplicationArguments arguments) {
        return DbferryConfig.load(LaunchOptions.parse(arguments.getSourceArgs()).config());
    }

    @Bean(destroyMethod = "close")
    public Session session(DbferryConfig config) {
        Session session = new Session();
        if (config.source() != null) {
            session.configure(Side.SOURCE, config.source());
        }
        if (config.target() != null) {
            session.configure(Side.TARGET, config.target());
        }
        return session;
    }

    @Bean
    public PromptProvider promptProvider() {
        return () -> new AttributedString("dbferry> ");
    }
}
