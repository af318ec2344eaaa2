package io.dbferry.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.nio.file.Path;

/** A Logback context configured from dbferry's logback.xml, as Logback reads it at start, writing to {@code logFile}. */
final class LogbackXml {

    private LogbackXml() {
    }

    static LoggerContext writingTo(Path logFile) throws JoranException {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        context.putProperty("LOG_FILE", logFile.toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogbackXml.class.getResource("/logback.xml"));
        return context;
    }
}
