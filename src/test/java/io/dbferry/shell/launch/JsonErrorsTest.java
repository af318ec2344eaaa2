package io.dbferry.shell.launch;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbferry.shell.process.ExitCodes;
import io.dbferry.testing.Datasets;
import io.dbferry.testing.JsonShell;
import io.dbferry.testing.JsonShellTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failure under --format json is one {"error": {...}} document on stdout, with the exit code of the
 * text form, whatever failed: an operator error, a line the shell's parser refuses, an unknown command.
 */
class JsonErrorsTest extends JsonShellTest {

    @BeforeAll
    static void connect() {
        shell.ok("connect source sqlite:" + Datasets.chinookSqlite() + " --format json");
    }

    private static JsonShell.Result sameExitCodeAsText(String line) {
        JsonShell.Result json = shell.run(line + " --format json");
        JsonShell.Result text = shell.run(line);
        assertThat(json.exitCode()).as("exit code of '%s' in JSON and text", line).isEqualTo(text.exitCode()).isNotZero();
        assertThat(json.stderr()).as("the paragraph still goes to stderr").isEqualTo(text.stderr());
        return json;
    }

    @Test
    void anOperatorErrorHasItsKindMessageAndNextStep() {
        JsonShell.Result result = sameExitCodeAsText("describe Trak");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        JsonNode error = result.error();
        assertThat(error.get("kind").asText()).isEqualTo("usage");
        assertThat(error.get("table").asText()).isEqualTo("Trak");
        assertThat(error.get("message").asText()).isEqualTo("There is no table 'Trak'.");
        assertThat(error.get("nextStep").asText()).contains("Track");
        assertThat(error.has("row")).isTrue();
        assertThat(error.has("column")).isTrue();
        assertThat(error.get("serverSaid").isNull()).isTrue();
        assertThat(result.json().has("result")).as("nothing ran to the end").isFalse();
    }

    @Test
    void aDamagedDumpNamesTheFile() throws Exception {
        Path dump = Files.writeString(tmp.resolve("broken.json"), "{\"format\": \"dbferry-dump\", \"tab");
        shell.ok("connect target sqlite:" + tmp.resolve("t.sqlite3") + " --format json");
        JsonNode error = sameExitCodeAsText("import-records -f " + dump).error();
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("kind").asText()).isEqualTo("dump_damaged");
        assertThat(error.get("message").asText()).contains("broken.json");
    }

    @Test
    void anUnknownOptionIsAUsageErrorInJsonToo() {
        JsonShell.Result result = sameExitCodeAsText("tables --frobnicate");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.error().get("kind").asText()).isEqualTo("usage");
        assertThat(result.error().get("message").asText()).contains("--frobnicate").contains("help tables");
    }

    @Test
    void anUnknownCommandAndABadFormat() {
        JsonShell.Result unknown = sameExitCodeAsText("frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.error().get("kind").asText()).isEqualTo("usage");
        assertThat(unknown.error().get("message").asText()).contains("Unknown command 'frobnicate'");

        JsonShell.Result badFormat = shell.run("tables --format xml");
        assertThat(badFormat.exitCode()).isNotZero();
        assertThat(badFormat.stdout()).as("text form: no JSON").isEmpty();
        assertThat(badFormat.stderr()).contains("--format text or --format json");
    }
}
