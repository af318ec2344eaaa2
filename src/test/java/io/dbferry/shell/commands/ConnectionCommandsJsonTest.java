package io.dbferry.shell.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbferry.testing.Datasets;
import io.dbferry.testing.JsonShellTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** connect, disconnect and status with --format json, through the real context. */
class ConnectionCommandsJsonTest extends JsonShellTest {

    @Test
    void connectStatusAndDisconnect() {
        JsonNode none = shell.ok("status --format json");
        assertThat(none.has("source")).isTrue();
        assertThat(none.get("source").isNull()).isTrue();
        assertThat(none.get("target").isNull()).isTrue();

        JsonNode connected = shell.ok("connect source sqlite:" + Datasets.chinookSqlite() + " --format json");
        assertThat(connected.get("side").asText()).isEqualTo("source");
        assertThat(connected.get("engine").asText()).isEqualTo("SQLite");
        assertThat(connected.get("database").asText()).isEqualTo("Chinook_Sqlite.sqlite");
        assertThat(connected.get("tables").asInt()).isEqualTo(11);
        assertThat(connected.get("url").asText()).startsWith("sqlite:");

        JsonNode status = shell.ok("status --format json");
        assertThat(status.get("source").get("tables").asInt()).isEqualTo(11);
        assertThat(status.get("source").get("version").asText()).matches("\\d+\\.\\d+.*");
        assertThat(status.get("target").isNull()).isTrue();

        JsonNode closed = shell.ok("disconnect source --format json");
        assertThat(closed.get("side").asText()).isEqualTo("source");
        assertThat(closed.get("wasConnected").asBoolean()).isTrue();
        assertThat(shell.ok("disconnect source --format json").get("wasConnected").asBoolean()).isFalse();
    }
}
