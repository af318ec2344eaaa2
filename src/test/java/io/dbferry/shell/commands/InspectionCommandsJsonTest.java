package io.dbferry.shell.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbferry.testing.Datasets;
import io.dbferry.testing.JsonShellTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** tables, count, describe and peek with --format json, on Chinook in SQLite. */
class InspectionCommandsJsonTest extends JsonShellTest {

    @BeforeAll
    static void connect() {
        shell.ok("connect source sqlite:" + Datasets.chinookSqlite() + " --format json");
    }

    @Test
    void tablesWithAndWithoutCounts() {
        JsonNode names = shell.ok("tables --format json");
        assertThat(names.get("side").asText()).isEqualTo("source");
        assertThat(texts(names.get("tables"), "name")).hasSize(11).contains("Album", "Track", "PlaylistTrack");
        assertThat(names.get("tables").get(0).has("rows")).as("no counts without --counts").isFalse();
        assertThat(names.has("totalRows")).isFalse();

        JsonNode counted = shell.ok("tables --counts --format json");
        assertThat(counted.get("totalRows").asLong()).isEqualTo(15607);
        JsonNode album = find(counted.get("tables"), "Album");
        assertThat(album.get("rows").asLong()).isEqualTo(347);
    }

    @Test
    void countNamedTables() {
        JsonNode counted = shell.ok("count Track Album --format json");
        assertThat(texts(counted.get("tables"), "name")).containsExactly("Track", "Album");
        assertThat(find(counted.get("tables"), "Track").get("rows").asLong()).isEqualTo(3503);
        assertThat(counted.get("totalRows").asLong()).isEqualTo(3503 + 347);
    }

    @Test
    void describeGivesColumnsKeysAndBothDirectionsOfForeignKeys() {
        JsonNode track = shell.ok("describe Track --format json");
        assertThat(track.get("table").asText()).isEqualTo("Track");
        assertThat(texts(track.get("primaryKey"), null)).containsExactly("TrackId");
        JsonNode id = find(track.get("columns"), "TrackId");
        assertThat(id.get("primaryKey").asBoolean()).isTrue();
        assertThat(id.get("portable").asText()).isEqualTo("integer");
        assertThat(id.get("nullable").asBoolean()).isFalse();
        JsonNode name = find(track.get("columns"), "Name");
        assertThat(name.get("type").asText()).isEqualToIgnoringCase("NVARCHAR(200)");
        assertThat(name.get("primaryKey").asBoolean()).isFalse();
        assertThat(texts(track.get("foreignKeys"), "referencedTable")).containsExactlyInAnyOrder("Album", "Genre", "MediaType");
        assertThat(texts(track.get("referencedBy"), "table")).containsExactlyInAnyOrder("InvoiceLine", "PlaylistTrack");
        assertThat(track.get("indexes").isArray()).isTrue();
    }

    @Test
    void peekGivesRowsAsColumnToValue() {
        JsonNode sample = shell.ok("peek Artist --limit 2 --format json");
        assertThat(sample.get("table").asText()).isEqualTo("Artist");
        assertThat(texts(sample.get("columns"), null)).containsExactly("ArtistId", "Name");
        assertThat(sample.get("rows")).hasSize(2);
        assertThat(sample.get("rows").get(0).get("ArtistId").asText()).isEqualTo("1");
        assertThat(sample.get("rows").get(0).get("Name").asText()).isEqualTo("AC/DC");
    }

}
