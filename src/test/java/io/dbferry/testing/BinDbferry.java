package io.dbferry.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bin/dbferry} as an operator would: a separate process from the project root, HOME in its own
 * folder (where the history and the log go), stdin from a text or {@code /dev/null}.
 */
public final class BinDbferry {

    public static final Path PROJECT = Path.of("").toAbsolutePath();

    /** What a run left: its exit code, stdout, stderr, and the HOME it ran in. */
    public record Result(int exitCode, String stdout, String stderr, Path home) {

        /** {@code ~/.dbferry/dbferry.log}, or empty when none was written. */
        public String log() throws java.io.IOException {
            return readIfThere(home.resolve(".dbferry/dbferry.log"));
        }

        /** {@code ~/.dbferry/history}, or empty when none was written. */
        public String history() throws java.io.IOException {
            return readIfThere(home.resolve(".dbferry/history"));
        }
    }

    private BinDbferry() {
    }

    /** Runs from the project root, its stdout, stderr, stdin and home in {@code dir}; {@code stdin} may be null. */
    public static Result run(Path dir, List<String> args, Map<String, String> env, String stdin, int timeoutSeconds)
            throws Exception {
        return runIn(PROJECT, dir, args, env, stdin, timeoutSeconds);
    }

    /** {@link #run} from {@code workingDir} (where the journals and the sync marks go by default). */
    public static Result runIn(Path workingDir, Path dir, List<String> args, Map<String, String> env, String stdin, int timeoutSeconds)
            throws Exception {
        Files.createDirectories(dir);
        Path home = Files.createDirectories(dir.resolve("home"));
        List<String> command = new ArrayList<>();
        command.add(PROJECT.resolve("bin/dbferry").toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDir.toFile())
                .redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile());
        pb.environment().put("HOME", home.toString());
        // short runs side by side on few cores: C1 only and the serial collector halve the CPU each start needs
        pb.environment().put("DBFERRY_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        pb.environment().putAll(env);
        pb.redirectInput(stdin == null ? new File("/dev/null") : Files.writeString(dir.resolve("stdin"), stdin).toFile());
        Process process = pb.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/dbferry " + String.join(" ", args) + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), Files.readString(dir.resolve("stdout")), Files.readString(dir.resolve("stderr")), home);
    }

    private static String readIfThere(Path file) throws java.io.IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
