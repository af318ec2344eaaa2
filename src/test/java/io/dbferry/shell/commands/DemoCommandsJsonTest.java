package io.dbferry.shell.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbferry.testing.JsonShellTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** demo create with --format json. */
class DemoCommandsJsonTest extends JsonShellTest {

    @Test
    void demoCreateSaysWhatItMade() {
        JsonNode demo = shell.ok("demo create --target sqlite:" + tmp.resolve("demo.sqlite3") + " --media " + tmp.resolve("media")
                + " --format json");
        assertThat(demo.get("target").asText()).startsWith("sqlite:").endsWith("demo.sqlite3");
        assertThat(demo.get("migration").get("toVersion").asText()).isEqualTo("2");
        assertThat(demo.get("migration").get("applied")).hasSize(2);
        assertThat(find(demo.get("tables"), "stock_stockitem").get("rows").asLong()).isEqualTo(1100);
        long sum = 0;
        for (JsonNode t : demo.get("tables")) {
            sum += t.get("rows").asLong();
        }
        assertThat(demo.get("totalRows").asLong()).isEqualTo(sum);
        assertThat(demo.get("mediaFiles").asInt()).isEqualTo(67);
        assertThat(demo.get("mediaDir").asText()).endsWith("media");
        assertThat(demo.get("mediaBytes").asLong()).isPositive();
    }
}
