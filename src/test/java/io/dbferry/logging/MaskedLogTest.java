package io.dbferry.logging;

import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The log file as dbferry configures it (logback.xml): no password form survives into it. */
class MaskedLogTest {

    private static final List<String> URLS = List.of(
            "mysql://app:s3cr3t-one@127.0.0.1/shop",
            "jdbc:mysql://127.0.0.1/shop?user=app&password=s3cr3t-two",
            "jdbc:mysql://127.0.0.1/shop?user=app&PassWord1=s3cr3t-three&password2=s3cr3t-four",
            "jdbc:mysql://address=(host=127.0.0.1)(port=3306)(password=s3cr3t-five)/shop",
            "postgresql://app%3As3cr3t-six@127.0.0.1/shop",
            "jdbc:postgresql://127.0.0.1/shop?sslpassword=s3cr3t-seven",
            "connect target mysql://127.0.0.1/shop --password s3cr3t-eight");

    @Test
    void everyPasswordFormIsMaskedInMessagesAndStackTraces(@TempDir Path dir) throws Exception {
        Path logFile = dir.resolve("dbferry.log");
        LoggerContext context = LogbackXml.writingTo(logFile);
        var log = context.getLogger("io.dbferry.test");
        for (String url : URLS) {
            log.warn("connecting to {}", url);
        }
        log.error("the driver failed", new SQLException("Access denied for " + URLS.get(1)));
        context.stop();

        String written = Files.readString(logFile);
        assertThat(written).contains("connecting to", "the driver failed", "SQLException", "127.0.0.1/shop");
        assertThat(written.lines().filter(l -> l.contains("connecting to"))).hasSize(URLS.size());
        assertThat(written).doesNotContain("s3cr3t");
    }
}
