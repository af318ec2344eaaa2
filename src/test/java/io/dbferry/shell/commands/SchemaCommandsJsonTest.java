package io.dbferry.shell.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbferry.shell.process.ExitCodes;
import io.dbferry.testing.JsonShell;
import io.dbferry.testing.JsonShellTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** migrate, migrate --info and migrate --repair with --format json, the demo's migrations into SQLite. */
class SchemaCommandsJsonTest extends JsonShellTest {

    private static final String LOCATIONS = " --locations classpath:db/demo/{vendor} --format json";

    @BeforeAll
    static void connect() {
        shell.ok("connect target sqlite:" + tmp.resolve("t.sqlite3") + " --format json");
    }

    @Test
    void migrateStepByStepWithInfoAndRepair() {
        JsonNode first = shell.ok("migrate --target-version 1" + LOCATIONS);
        assertThat(first.get("fromVersion").isNull()).isTrue();
        assertThat(first.get("toVersion").asText()).isEqualTo("1");
        assertThat(first.get("upToDate").asBoolean()).isFalse();
        assertThat(first.get("locations").get(0).asText()).isEqualTo("classpath:db/demo/sqlite");
        assertThat(first.get("applied")).hasSize(1);
        assertThat(first.get("applied").get(0).get("script").asText()).isEqualTo("V1__inventory.sql");
        assertThat(first.get("applied").get(0).get("seconds").isNumber()).isTrue();

        JsonNode info = shell.ok("migrate --info" + LOCATIONS);
        assertThat(info.get("source").isNull()).as("the source is not connected").isTrue();
        JsonNode target = info.get("target");
        assertThat(target.get("currentVersion").asText()).isEqualTo("1");
        assertThat(target.get("migrations")).hasSize(2);
        JsonNode v1 = target.get("migrations").get(0);
        assertThat(v1.get("state").asText()).isEqualTo("success");
        assertThat(Instant.parse(v1.get("installedOn").asText())).as("an ISO instant").isBefore(Instant.now().plusSeconds(5));
        assertThat(target.get("migrations").get(1).get("state").asText()).isEqualTo("pending");
        assertThat(target.get("migrations").get(1).get("installedOn").isNull()).isTrue();

        JsonNode repair = shell.ok("migrate --repair" + LOCATIONS);
        assertThat(repair.get("repaired").asBoolean()).isFalse();
        assertThat(repair.get("actions")).isEmpty();

        assertThat(shell.ok("migrate" + LOCATIONS).get("toVersion").asText()).isEqualTo("2");
        JsonNode again = shell.ok("migrate" + LOCATIONS);
        assertThat(again.get("upToDate").asBoolean()).isTrue();
        assertThat(again.get("applied")).isEmpty();
    }

    @Test
    void infoWithNoReadableSideIsOneErrorDocument() {
        JsonShell.Result none = shell.run("migrate --info --locations filesystem:" + tmp.resolve("none") + "/{vendor} --format json");
        assertThat(none.exitCode()).isEqualTo(shell.run("migrate --info --locations filesystem:" + tmp.resolve("none") + "/{vendor}")
                .exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(none.error().get("message").asText()).contains("does not exist");
        assertThat(none.error().get("nextStep").asText()).contains("{vendor}");
    }
}
