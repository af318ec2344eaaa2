package io.dbferry.shell;

import io.dbferry.core.config.DbferryConfig;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.shell.process.LaunchOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.jline.PromptProvider;
import org.jline.utils.AttributedString;

/** Wires the core (configuration, session) into the shell. */
@Configuration(proxyBeanMethods = false)
public class ShellConfiguration {

    /** {@code options}: the one parse of the command line, registered by {@code DbferryApplication.main}. */
    @Bean
    public DbferryConfig dbferryConfig(LaunchOptions options) {
        return DbferryConfig.load(options.config());
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
