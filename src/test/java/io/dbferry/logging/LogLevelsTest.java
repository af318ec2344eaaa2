package io.dbferry.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The levels are logback.xml's own: Spring Boot's logging system is off at start (DirectLogging), so no
 * {@code logging.level.*} property applies them any more.
 */
class LogLevelsTest {

    @Test
    void dbferryAndFlywayLogTheirInfoLinesEveryoneElseOnlyWarnings(@TempDir Path dir) throws Exception {
        Path logFile = dir.resolve("dbferry.log");
        LoggerContext context = LogbackXml.writingTo(logFile);
        context.getLogger("io.dbferry.core.session.Session").info("connected source");
        context.getLogger("io.dbferry.core.session.Session").debug("dbferry debug");
        context.getLogger("org.flywaydb.core.Flyway").info("flyway info");
        context.getLogger("org.springframework.boot.SpringApplication").info("spring info");
        context.getLogger("org.jline").warn("jline warning");
        context.stop();

        assertThat(Files.readString(logFile))
                .contains(" INFO ", "connected source", "flyway info", "jline warning")
                .doesNotContain("dbferry debug", "spring info");
    }
}
