package io.dbferry.shell.launch;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbferry.shell.process.ExitCodes;
import io.dbferry.testing.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/dbferry} with --format json as a script would run it: stdout holds JSON documents and
 * nothing else (no echoed prompt, no progress line); a single failing command prints one error
 * document and exits with the text form's code.
 */
class JsonOutputLauncherTest {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final ObjectMapper READER = new ObjectMapper();

    @TempDir
    Path tmp;

    record Run(int exitCode, String stdout, String stderr) {
    }

    private Run run(String name, List<String> args) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        List<String> command = new ArrayList<>(List.of(PROJECT.resolve("bin/dbferry").toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(PROJECT.toFile())
                .redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        pb.environment().put("DBFERRY_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        Process process = pb.start();
        if (!process.waitFor(600, TimeUnit.SECONDS)) { // the first run may build target/dbferry.jar
            process.destroyForcibly();
            throw new AssertionError("bin/dbferry " + args + " did not finish");
        }
        return new Run(process.exitValue(), Files.readString(dir.resolve("stdout")), Files.readString(dir.resolve("stderr")));
    }

    /** stdout as a sequence of JSON documents; fails on anything that is not JSON. */
    private static List<JsonNode> documents(String stdout) throws Exception {
        List<JsonNode> documents = new ArrayList<>();
        try (JsonParser p = READER.createParser(stdout)) {
            while (p.nextToken() != null) {
                documents.add(READER.readTree(p));
            }
        }
        return documents;
    }

    @Test
    void aScriptOfJsonLinesPrintsOnlyTheirDocumentsAndAFailureItsErrorDocument() throws Exception {
        Path dump = tmp.resolve("chinook.json");
        Path script = Files.writeString(tmp.resolve("steps.dbf"), """
                connect source sqlite:%s --format json
                export-records -f %s --format json
                connect target sqlite:%s --format json
                copy-schema --format json
                import-records -f %s --format json
                verify --format json
                describe Trak --format json
                """.formatted(Datasets.chinookSqlite(), dump, tmp.resolve("t.sqlite3"), dump), StandardCharsets.UTF_8);
        Run run = run("script", List.of("--file", script.toString()));
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.FAILED);
        List<JsonNode> documents = documents(run.stdout());
        assertThat(documents).as(run.stdout()).hasSize(7);
        assertThat(documents.get(1).get("totalRows").asLong()).isEqualTo(15607);
        assertThat(documents.get(4).get("succeeded").asBoolean()).isTrue();
        assertThat(documents.get(5).get("allEqual").asBoolean()).isTrue();
        assertThat(documents.get(6).get("error").get("message").asText()).contains("Trak");
        assertThat(run.stdout()).doesNotContain("dbferry>");
        assertThat(run.stderr()).contains("dbferry> export-records").contains("Error at ").contains("Trak");
    }

    @Test
    void aSingleCommandMissingItsArgumentPrintsOneErrorDocumentAndExitsTwo() throws Exception {
        Run json = run("missing", List.of("describe", "--format", "json"));
        assertThat(json.exitCode()).as(json.stderr()).isEqualTo(ExitCodes.USAGE);
        List<JsonNode> documents = documents(json.stdout());
        assertThat(documents).hasSize(1);
        assertThat(documents.get(0).get("error").get("kind").asText()).isEqualTo("usage");
        assertThat(documents.get(0).get("error").get("message").asText()).contains("help describe");
    }
}
