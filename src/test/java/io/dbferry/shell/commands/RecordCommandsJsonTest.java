package io.dbferry.shell.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbferry.core.session.Side;
import io.dbferry.shell.process.ExitCodes;
import io.dbferry.testing.Datasets;
import io.dbferry.testing.JsonShell;
import io.dbferry.testing.JsonShellTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * export-records, import-records, import-status and verify (both forms) with --format json: Chinook from
 * SQLite into a second SQLite file. The failed import and the verify that differs are each one error
 * document that carries the command's result.
 */
class RecordCommandsJsonTest extends JsonShellTest {

    private static Path dump;

    @BeforeAll
    static void connect() {
        dump = tmp.resolve("chinook.json.gz");
        shell.ok("connect source sqlite:" + Datasets.chinookSqlite() + " --format json");
        shell.ok("connect target sqlite:" + tmp.resolve("copy.sqlite3") + " --format json");
        shell.ok("copy-schema --format json");
    }

    /** Makes the target's Genre table again, with {@code check} on its Name. */
    private static void genre(String check) throws Exception {
        try (Statement s = shell.session().require(Side.TARGET).jdbc().createStatement()) {
            s.execute("DROP TABLE Genre");
            s.execute("CREATE TABLE Genre (GenreId INTEGER NOT NULL PRIMARY KEY, Name NVARCHAR(120) " + check + ")");
        }
    }

    @Test
    void exportAFailedImportItsRetryStatusVerifyAndADifference() throws Exception {
        JsonNode export = shell.ok("export-records -f " + dump + " --format json");
        assertThat(export.get("file").asText()).endsWith("chinook.json.gz");
        assertThat(export.get("totalRows").asLong()).isEqualTo(15607);
        assertThat(export.get("bytes").asLong()).isEqualTo(Files.size(dump));
        assertThat(export.get("seconds").isNumber()).as("durations are seconds").isTrue();
        JsonNode track = find(export.get("tables"), "Track");
        assertThat(track.get("rows").asLong()).isEqualTo(3503);
        assertThat(track.get("sha256").asText()).hasSize(64);

        // the target refuses one Genre row: exit 1, the error, and the per-table result beside it
        genre("CHECK (Name <> 'Rock')");
        JsonShell.Result failed = shell.run("import-records -f " + dump + " --format json");
        assertThat(failed.exitCode()).isEqualTo(ExitCodes.FAILED);
        JsonNode document = failed.json();
        assertThat(document.get("error").get("message").asText()).contains("did not complete");
        assertThat(document.get("error").get("nextStep").asText()).contains("--retry-failed");
        assertThat(document.get("error").get("kind").asText()).isEqualTo("constraint");
        assertThat(document.get("error").get("table").asText()).isEqualTo("Genre");
        JsonNode result = document.get("result");
        assertThat(result.get("succeeded").asBoolean()).isFalse();
        assertThat(find(result.get("tables"), "Genre").get("state").asText()).isEqualTo("failed");
        assertThat(find(result.get("tables"), "Genre").get("reason").asText()).isNotBlank();
        assertThat(find(result.get("tables"), "Track").get("state").asText()).isEqualTo("skipped");
        assertThat(find(result.get("tables"), "Album").get("state").asText()).isEqualTo("done");

        genre("");
        JsonNode imported = shell.ok("import-records -f " + dump + " --retry-failed --format json");
        assertThat(imported.get("succeeded").asBoolean()).isTrue();
        assertThat(find(imported.get("tables"), "Genre").get("rowsImported").asLong()).isEqualTo(25);
        assertThat(imported.get("constraintViolations")).isEmpty();
        assertThat(imported.get("tables")).as("only what was not done").hasSize(4);
        JsonNode loaded = find(imported.get("tables"), "Track");
        assertThat(loaded.get("state").asText()).isEqualTo("done");
        assertThat(loaded.get("rowsInFile").asLong()).isEqualTo(3503);
        assertThat(loaded.get("seconds").isNumber()).isTrue();

        JsonNode status = shell.ok("import-status -f " + dump + " --format json");
        assertThat(status.get("journal").asText()).endsWith("chinook.json.gz.journal.json");
        assertThat(status.get("target").asText()).contains("copy.sqlite3");
        assertThat(find(status.get("tables"), "Track").get("rowsImported").asLong()).isEqualTo(3503);

        JsonNode againstSource = shell.ok("verify --format json");
        assertThat(againstSource.get("allEqual").asBoolean()).isTrue();
        assertThat(againstSource.get("equalTables").asLong()).isEqualTo(11);
        assertThat(find(againstSource.get("tables"), "Track").get("expectedSha256").asText())
                .isEqualTo(find(againstSource.get("tables"), "Track").get("actualSha256").asText());
        JsonNode againstFile = shell.ok("verify -f " + dump + " --tables Album,Artist --format json");
        assertThat(againstFile.get("against").asText()).contains("chinook.json.gz");
        assertThat(againstFile.get("tables")).hasSize(2);

        try (Statement s = shell.session().require(Side.TARGET).jdbc().createStatement()) {
            s.execute("UPDATE Genre SET Name = 'Changed' WHERE GenreId = 25");
        }
        JsonShell.Result differs = shell.run("verify --tables Genre --format json");
        assertThat(differs.exitCode()).isEqualTo(shell.run("verify --tables Genre").exitCode()).isEqualTo(ExitCodes.FAILED);
        JsonNode genre = find(differs.json().get("result").get("tables"), "Genre");
        assertThat(genre.get("equal").asBoolean()).isFalse();
        assertThat(genre.get("actualRows").asLong()).isEqualTo(genre.get("expectedRows").asLong()).isEqualTo(25);
        assertThat(genre.get("actualSha256").asText()).isNotEqualTo(genre.get("expectedSha256").asText());
        assertThat(genre.get("firstDifference").asText()).contains("25");
        assertThat(differs.error().get("kind").asText()).isNotBlank();
    }
}
