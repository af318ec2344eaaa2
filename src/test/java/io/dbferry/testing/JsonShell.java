package io.dbferry.testing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbferry.core.session.Session;
import io.dbferry.shell.launch.CommandExecutor;
import io.dbferry.shell.process.ExitCodes;
import org.jline.reader.Parser;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Command lines run through the application's real Spring context and {@link CommandExecutor}, as
 * {@code DbferryRunner} runs them: the words split by the shell's own parser, and the outcome sorted into
 * what goes to stdout (the result, or a failed command's report), to stderr (the paragraph) and the exit code.
 */
public final class JsonShell implements AutoCloseable {

    private static final ObjectMapper READER = new ObjectMapper();

    private final ConfigurableApplicationContext context;
    private final CommandExecutor executor;
    private final Parser parser;

    /** What one command line printed and its exit code. */
    public record Result(int exitCode, String stdout, String stderr) {

        /** stdout as exactly one JSON document (anything after it fails the test). */
        public JsonNode json() {
            assertThat(stdout).as("stdout (stderr: %s)", stderr).isNotBlank();
            try (JsonParser p = READER.createParser(stdout)) {
                JsonNode node = READER.readTree(p);
                assertThat(p.nextToken()).as("one JSON document only on stdout: %s", stdout).isNull();
                return node;
            } catch (IOException e) {
                throw new AssertionError("stdout is not JSON: " + e.getMessage() + "\n" + stdout, e);
            }
        }

        /** Succeeded, and its stdout as one JSON document. */
        public JsonNode ok() {
            assertThat(exitCode).as("exit code; stderr: %s", stderr).isEqualTo(ExitCodes.SUCCESS);
            return json();
        }

        /** The {@code error} object of a failure's JSON document. */
        public JsonNode error() {
            assertThat(exitCode).as("exit code of a failure").isNotEqualTo(ExitCodes.SUCCESS);
            JsonNode error = json().path("error");
            assertThat(error.isObject()).as("an error object in %s", stdout).isTrue();
            return error;
        }
    }

    private JsonShell(ConfigurableApplicationContext context) {
        this.context = context;
        this.executor = context.getBean(CommandExecutor.class);
        this.parser = context.getBean(Parser.class);
    }

    /** The real context, with history and log under {@code tmp}. */
    public static JsonShell start(java.nio.file.Path tmp) {
        return new JsonShell(ShellContexts.start(tmp));
    }

    public Session session() {
        return context.getBean(Session.class);
    }

    public Result run(String line) {
        CommandExecutor.Outcome outcome = executor.execute(parser.parse(line, line.length()).words());
        if (outcome instanceof CommandExecutor.Printed printed) {
            return new Result(ExitCodes.SUCCESS, printed.text() == null ? "" : printed.text(), "");
        }
        if (outcome instanceof CommandExecutor.Failed failed) {
            return new Result(failed.exitCode(), failed.report() == null ? "" : failed.report(), failed.message());
        }
        return new Result(ExitCodes.SUCCESS, "", "");
    }

    /** Runs a line that must succeed; returns its JSON. */
    public JsonNode ok(String line) {
        return run(line).ok();
    }

    @Override
    public void close() {
        session().close();
        context.close();
    }
}
