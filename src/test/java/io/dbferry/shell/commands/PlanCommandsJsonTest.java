package io.dbferry.shell.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbferry.shell.process.ExitCodes;
import io.dbferry.testing.Datasets;
import io.dbferry.testing.JsonShell;
import io.dbferry.testing.JsonShellTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** plan with --format json: into an empty target (it would fail), then from the source and from a dump. */
class PlanCommandsJsonTest extends JsonShellTest {

    @BeforeAll
    static void connect() {
        shell.ok("connect source sqlite:" + Datasets.chinookSqlite() + " --format json");
        shell.ok("connect target sqlite:" + tmp.resolve("t.sqlite3") + " --format json");
    }

    @Test
    void aPlanThatWouldFailThenOneThatWouldNot() {
        JsonShell.Result missing = shell.run("plan --format json");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.FAILED);
        JsonNode failing = missing.json().get("result");
        assertThat(failing.get("wouldFail").asBoolean()).isTrue();
        assertThat(failing.get("problems")).isNotEmpty();
        assertThat(find(failing.get("tables"), "Album").get("targetTable").isNull()).isTrue();
        assertThat(missing.error().get("message").asText()).contains("would fail");

        shell.ok("copy-schema --format json");
        JsonNode plan = shell.ok("plan --format json");
        assertThat(plan.get("wouldFail").asBoolean()).isFalse();
        assertThat(plan.get("from").asText()).contains("Chinook");
        assertThat(plan.get("tables")).hasSize(11);
        JsonNode track = find(plan.get("tables"), "Track");
        assertThat(track.get("rows").asLong()).isEqualTo(3503);
        assertThat(track.get("targetTable").asText()).isEqualTo("Track");
        assertThat(plan.get("loadOrder")).hasSize(11);
        assertThat(plan.get("estimatedSeconds").isNumber()).isTrue();

        Path dump = tmp.resolve("d.json");
        shell.ok("export-records -f " + dump + " --tables Artist,Album --format json");
        JsonNode fromFile = shell.ok("plan -f " + dump + " --format json");
        assertThat(fromFile.get("tables")).hasSize(2);
        assertThat(fromFile.get("from").asText()).contains("d.json");
    }
}
