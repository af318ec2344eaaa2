package io.dbferry.shell.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbferry.core.session.Side;
import io.dbferry.shell.process.ExitCodes;
import io.dbferry.testing.Datasets;
import io.dbferry.testing.JsonShell;
import io.dbferry.testing.JsonShellTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** copy-schema with --format json: --dry-run, a real run, and a target table that differs. */
class CopySchemaCommandsJsonTest extends JsonShellTest {

    @BeforeAll
    static void connect() {
        shell.ok("connect source sqlite:" + Datasets.chinookSqlite() + " --format json");
        shell.ok("connect target sqlite:" + tmp.resolve("t.sqlite3") + " --format json");
    }

    @Test
    void dryRunThenCopyThenADifferingTable() throws Exception {
        JsonNode dry = shell.ok("copy-schema --dry-run --format json");
        assertThat(dry.get("dryRun").asBoolean()).isTrue();
        assertThat(texts(dry.get("created"), null)).hasSize(11).contains("Album", "Track");
        assertThat(texts(dry.get("statements"), null)).anyMatch(s -> s.startsWith("CREATE TABLE") && s.contains("Album"));
        assertThat(shell.session().require(Side.TARGET).catalog().tableNames()).as("--dry-run writes nothing").isEmpty();

        JsonNode copied = shell.ok("copy-schema --tables Artist,Album --format json");
        assertThat(copied.get("dryRun").asBoolean()).isFalse();
        assertThat(texts(copied.get("created"), null)).containsExactlyInAnyOrder("Artist", "Album");

        JsonNode again = shell.ok("copy-schema --tables Artist --format json");
        assertThat(again.get("created")).isEmpty();
        assertThat(again.get("existing").get(0).get("table").asText()).isEqualTo("Artist");
        assertThat(again.get("existing").get(0).get("matches").asBoolean()).isTrue();

        try (Statement s = shell.session().require(Side.TARGET).jdbc().createStatement()) {
            s.execute("CREATE TABLE Genre (GenreId INTEGER PRIMARY KEY)");
        }
        JsonShell.Result differs = shell.run("copy-schema --tables Genre --format json");
        assertThat(differs.exitCode()).isEqualTo(ExitCodes.FAILED);
        JsonNode document = differs.json();
        assertThat(document.get("error").get("message").asText()).contains("differ");
        assertThat(document.get("result").get("targetDiffers").asBoolean()).isTrue();
        assertThat(document.get("result").get("existing").get(0).get("differences")).isNotEmpty();
    }
}
