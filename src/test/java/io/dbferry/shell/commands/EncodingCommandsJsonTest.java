package io.dbferry.shell.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbferry.core.session.Side;
import io.dbferry.shell.process.ExitCodes;
import io.dbferry.testing.JsonShell;
import io.dbferry.testing.JsonShellTest;
import io.dbferry.testing.TestServers;
import io.dbferry.testing.TestTargets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * validate-encoding and fix-encoding with --format json: a NUL in a SQLite value, which a PostgreSQL target
 * would reject, found, stripped, gone.
 */
class EncodingCommandsJsonTest extends JsonShellTest {

    @BeforeAll
    static void connect() throws Exception {
        Path source = tmp.resolve("nul.sqlite3");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO note VALUES (?, ?)")) {
                insert.setLong(1, 1);
                insert.setString(2, "fine");
                insert.execute();
                insert.setLong(1, 2);
                insert.setString(2, "nul\0here");
                insert.execute();
            }
        }
        shell.ok("connect source sqlite:" + source + " --format json");
        TestTargets.fresh(shell.session(), Side.TARGET, TestServers.postgres(), "dbferry_json_encoding");
        shell.ok("copy-schema --format json");
    }

    @Test
    void validateFindsTheNulFixStripsItAndTheFixedDumpValidates() {
        JsonShell.Result onSource = shell.run("validate-encoding --on source --against target --format json");
        assertThat(onSource.exitCode()).isEqualTo(ExitCodes.FAILED);
        JsonNode report = onSource.json().get("result");
        assertThat(report.get("errors").asInt()).isEqualTo(1);
        JsonNode finding = report.get("findings").get(0);
        assertThat(finding.get("table").asText()).isEqualTo("note");
        assertThat(finding.get("column").asText()).isEqualTo("body");
        assertThat(finding.get("kind").asText()).isEqualTo("nul");
        assertThat(finding.get("severity").asText()).isEqualTo("error");
        assertThat(finding.get("examples").get(0).get("key").asText()).contains("2");
        assertThat(onSource.error().get("message").asText()).contains("would be rejected or changed");

        Path dump = tmp.resolve("nul.json");
        shell.ok("export-records -f " + dump + " --format json");
        JsonShell.Result inFile = shell.run("validate-encoding -f " + dump + " --against target --format json");
        assertThat(inFile.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(inFile.json().get("result").get("checked").asText()).contains("nul.json");
        assertThat(inFile.json().get("result").get("against").asText()).contains("dbferry_json_encoding");
        assertThat(inFile.json().get("result").get("textValues").asLong()).isEqualTo(2);

        Path fixed = tmp.resolve("fixed.json");
        JsonNode fix = shell.ok("fix-encoding -f " + dump + " -o " + fixed + " --strategy strip-nul --format json");
        assertThat(fix.get("valuesChanged").asLong()).isEqualTo(1);
        assertThat(fix.get("output").asText()).endsWith("fixed.json");
        assertThat(fix.get("changesFile").asText()).isNotBlank();
        assertThat(fix.get("columns").get(0).get("strategy").asText()).isEqualTo("strip-nul");
        JsonNode change = fix.get("firstChanges").get(0);
        assertThat(change.get("before").asText()).isEqualTo("nul\0here");
        assertThat(change.get("after").asText()).isEqualTo("nulhere");

        JsonNode clean = shell.ok("validate-encoding -f " + fixed + " --against target --format json");
        assertThat(clean.get("errors").asInt()).isZero();
        assertThat(clean.get("findings")).isEmpty();
        assertThat(clean.get("seconds").isNumber()).isTrue();
    }
}
