package io.dbferry.shell.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dbferry.testing.BinDbferry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which JVM {@code bin/dbferry} starts: DBFERRY_JAVA, else JAVA_HOME's, else the newest JDK 25 or later under
 * /usr/lib/jvm, else the PATH's. Each run answers {@code --version} with the JVM's properties printed, so the
 * JVM that ran is read from its own {@code java.specification.version}.
 */
class LauncherJvmChoiceTest {

    private static final Pattern SPEC = Pattern.compile("java\\.specification\\.version = (\\d+)");
    private static final String THIS_JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String THIS_FEATURE = System.getProperty("java.specification.version");

    @TempDir
    Path tmp;

    @Test
    void dbferryJavaChoosesTheJvm() throws Exception {
        Run run = run(Map.of("DBFERRY_JAVA", THIS_JAVA));
        assertThat(run.stdout).startsWith("dbferry ");
        assertThat(run.feature()).isEqualTo(THIS_FEATURE);
    }

    @Test
    void javaHomeChoosesTheJvmWhenDbferryJavaIsNotSet() throws Exception {
        Run run = run(Map.of("JAVA_HOME", System.getProperty("java.home")));
        assertThat(run.stdout).startsWith("dbferry ");
        assertThat(run.feature()).isEqualTo(THIS_FEATURE);
    }

    @Test
    void aJavaReachedThroughALinkIsReadFromTheJdkItLinksTo() throws Exception {
        // the launcher reads the JDK's release file beside bin/java; a link (as /usr/bin/java) is resolved first
        Path link = Files.createSymbolicLink(Files.createDirectories(tmp.resolve("links")).resolve("java"), Path.of(THIS_JAVA));
        Run run = run(Map.of("DBFERRY_JAVA", link.toString()));
        assertThat(run.stdout).startsWith("dbferry ");
        assertThat(run.feature()).isEqualTo(THIS_FEATURE);
        assertThat(run.stderr).as("the build's Spring AOT bean definitions are used").contains("spring.aot.enabled = true");
    }

    @Test
    void aJdk25UnderUsrLibJvmIsPickedWhenNothingIsSet() throws Exception {
        int newest = newestInstalledFeature();
        assumeTrue(newest >= 25, "no JDK 25 or later under /usr/lib/jvm");
        Run run = run(Map.of());
        assertThat(run.stdout).startsWith("dbferry ");
        assertThat(Integer.parseInt(run.feature())).isEqualTo(newest);
        assertThat(run.stderr).as("no native-access warning on a JDK 22 or later").doesNotContain("WARNING");
    }

    record Run(String stdout, String stderr) {
        String feature() {
            Matcher m = SPEC.matcher(stderr);
            assertThat(m.find()).as("the JVM's properties in stderr:\n" + stderr).isTrue();
            return m.group(1);
        }
    }

    private Run run(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(BinDbferry.PROJECT.resolve("bin/dbferry").toString(), "--version"))
                .directory(BinDbferry.PROJECT.toFile())
                .redirectOutput(tmp.resolve("stdout").toFile()).redirectError(tmp.resolve("stderr").toFile());
        pb.environment().remove("DBFERRY_JAVA");
        pb.environment().remove("JAVA_HOME");
        pb.environment().put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
        pb.environment().put("DBFERRY_JAVA_OPTS", "-XshowSettings:properties");
        pb.environment().putAll(env);
        Process process = pb.start();
        assertThat(process.waitFor(600, TimeUnit.SECONDS)).as("bin/dbferry --version finished").isTrue();
        assertThat(process.exitValue()).isZero();
        return new Run(Files.readString(tmp.resolve("stdout")), Files.readString(tmp.resolve("stderr")));
    }

    /** The highest JAVA_VERSION of the release files under /usr/lib/jvm, 0 when there is none. */
    private static int newestInstalledFeature() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return 0;
        }
        Pattern version = Pattern.compile("^JAVA_VERSION=\"(?:1\\.)?(\\d+)", Pattern.MULTILINE);
        int newest = 0;
        try (Stream<Path> dirs = Files.list(jvms)) {
            for (Path dir : dirs.toList()) {
                Path release = dir.resolve("release");
                if (Files.isExecutable(dir.resolve("bin/java")) && Files.isReadable(release)) {
                    Matcher m = version.matcher(Files.readString(release));
                    if (m.find()) {
                        newest = Math.max(newest, Integer.parseInt(m.group(1)));
                    }
                }
            }
        }
        return newest;
    }
}
