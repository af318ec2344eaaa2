package io.dbferry.shell.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbferry.testing.Datasets;
import io.dbferry.testing.JsonShellTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** backup, backups and restore with --format json: Chinook and a media folder, restored into a new SQLite file. */
class BackupCommandsJsonTest extends JsonShellTest {

    private static Path media;

    @BeforeAll
    static void connect() throws Exception {
        media = Files.createDirectories(tmp.resolve("media"));
        Files.writeString(Files.createDirectories(media.resolve("covers")).resolve("one.txt"), "cover");
        shell.ok("connect source sqlite:" + Datasets.chinookSqlite() + " --format json");
    }

    @Test
    void backupListAndRestore() {
        Path location = tmp.resolve("backups");
        JsonNode backup = shell.ok("backup --path " + location + " --label chinook --media " + media + " --format json");
        assertThat(backup.get("name").asText()).startsWith("chinook-");
        assertThat(backup.get("folder").asText()).startsWith(location.toString());
        assertThat(Instant.parse(backup.get("createdAt").asText())).as("an ISO instant").isBefore(Instant.now().plusSeconds(5));
        assertThat(backup.get("encrypted").asBoolean()).isFalse();
        assertThat(backup.get("engine").asText()).isEqualTo("SQLite");
        assertThat(backup.get("totalRows").asLong()).isEqualTo(15607);
        assertThat(find(backup.get("tables"), "Album").get("rows").asLong()).isEqualTo(347);
        assertThat(backup.get("media").get("files").asLong()).isEqualTo(1);
        assertThat(backup.get("files")).anyMatch(f -> f.get("role").asText().equals("database") && f.get("sha256").asText().length() == 64);
        assertThat(backup.get("removed")).isEmpty();
        assertThat(backup.get("seconds").isNumber()).isTrue();
        assertThat(backup.has("mac")).as("no manifest internals").isFalse();

        JsonNode listing = shell.ok("backups --path " + location + " --format json");
        assertThat(listing.get("location").asText()).isEqualTo(location.toString());
        assertThat(listing.get("complete").asLong()).isEqualTo(1);
        JsonNode first = listing.get("backups").get(0);
        assertThat(first.get("name").asText()).isEqualTo(backup.get("name").asText());
        assertThat(first.get("complete").asBoolean()).isTrue();
        assertThat(first.get("problem").isNull()).isTrue();
        assertThat(first.get("rows").asLong()).isEqualTo(15607);
        assertThat(first.get("tables").asInt()).isEqualTo(11);
        assertThat(first.get("mediaFiles").asLong()).isEqualTo(1);
        assertThat(first.get("createdAt").asText()).isEqualTo(backup.get("createdAt").asText());

        shell.ok("connect target sqlite:" + tmp.resolve("restored.sqlite3") + " --format json");
        shell.ok("copy-schema --format json");
        Path restoredMedia = tmp.resolve("restored-media");
        JsonNode restore = shell.ok("restore --path " + location + " --media " + restoredMedia + " --format json");
        assertThat(restore.get("backup").asText()).isEqualTo(backup.get("name").asText());
        assertThat(restore.get("succeeded").asBoolean()).isTrue();
        assertThat(restore.get("imported").get("rowsImported").asLong()).isEqualTo(15607);
        assertThat(restore.get("verified").get("allEqual").asBoolean()).isTrue();
        assertThat(restore.get("media").get("written").asLong()).isEqualTo(1);
        assertThat(restore.get("media").get("identical").asBoolean()).isTrue();
        assertThat(restoredMedia.resolve("covers/one.txt")).hasContent("cover");
    }
}
