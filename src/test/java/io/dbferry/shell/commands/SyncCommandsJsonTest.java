package io.dbferry.shell.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbferry.core.session.Side;
import io.dbferry.shell.process.ExitCodes;
import io.dbferry.testing.Datasets;
import io.dbferry.testing.JsonShell;
import io.dbferry.testing.JsonShellTest;
import org.junit.jupiter.api.Test;

import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** sync and verify --diff with --format json: Chinook from SQLite into a second SQLite file, then a changed target. */
class SyncCommandsJsonTest extends JsonShellTest {

    @Test
    void syncFromEmptyThenVerifyDiffDryRunAndSyncOfAChangedTarget() throws Exception {
        String journal = " --journal " + tmp.resolve("sync.journal.json");
        shell.ok("connect source sqlite:" + Datasets.chinookSqlite() + " --format json");
        shell.ok("connect target sqlite:" + tmp.resolve("synced.sqlite3") + " --format json");
        shell.ok("copy-schema --format json");
        JsonNode first = shell.ok("sync --format json" + journal);
        assertThat(first.get("succeeded").asBoolean()).isTrue();
        assertThat(first.get("inserted").asLong()).isEqualTo(15607);
        assertThat(find(first.get("tables"), "Track").get("inserted").asLong()).isEqualTo(3503);

        try (Statement s = shell.session().require(Side.TARGET).jdbc().createStatement()) {
            s.execute("UPDATE Genre SET Name = 'Changed' WHERE GenreId = 25");
            s.execute("INSERT INTO Genre (GenreId, Name) VALUES (26, 'Extra')");
            s.execute("DELETE FROM Genre WHERE GenreId = 24 AND NOT EXISTS (SELECT 1 FROM Track WHERE GenreId = 24)");
            s.execute("DELETE FROM InvoiceLine WHERE InvoiceLineId = 1");
        }
        JsonShell.Result differs = shell.run("verify --diff --limit 1 --format json");
        assertThat(differs.exitCode()).isEqualTo(ExitCodes.FAILED);
        JsonNode genre = find(differs.json().get("result").get("tables"), "Genre").get("diff");
        assertThat(genre.get("changed").asLong()).isEqualTo(1);
        assertThat(genre.get("extra").asLong()).isEqualTo(1);
        assertThat(genre.get("rows")).as("JSON lists every row, whatever --limit").hasSize((int) (genre.get("missing").asLong() + 2));
        assertThat(genre.toString()).contains("\"key\":\"(GenreId=25)\"").contains("\"expected\":\"Opera\"")
                .contains("\"actual\":\"Changed\"").contains("\"key\":\"(GenreId=26)\"");
        assertThat(find(differs.json().get("result").get("tables"), "InvoiceLine").get("diff").get("missing").asLong()).isEqualTo(1);

        JsonNode dry = shell.ok("sync --dry-run --format json" + journal);
        assertThat(dry.get("dryRun").asBoolean()).isTrue();
        assertThat(find(dry.get("tables"), "Genre").get("deletedKeys").get(0).asText()).isEqualTo("(GenreId=26)");
        assertThat(find(dry.get("tables"), "Genre").get("updatedKeys").get(0).asText()).isEqualTo("(GenreId=25)");
        assertThat(shell.run("verify --tables Genre --format json").exitCode()).as("the dry run wrote nothing").isEqualTo(ExitCodes.FAILED);

        JsonNode synced = shell.ok("sync --format json" + journal);
        assertThat(find(synced.get("tables"), "Genre").get("updated").asLong()).isEqualTo(1);
        assertThat(find(synced.get("tables"), "Genre").get("deleted").asLong()).isEqualTo(1);
        assertThat(find(synced.get("tables"), "InvoiceLine").get("inserted").asLong()).isEqualTo(1);
        assertThat(shell.ok("verify --diff --format json").get("allEqual").asBoolean()).isTrue();
        JsonNode none = shell.ok("sync --format json" + journal);
        assertThat(none.get("inserted").asLong() + none.get("updated").asLong() + none.get("deleted").asLong()).isZero();
    }
}
