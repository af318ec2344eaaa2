package io.dbferry.shell.completion;

import io.dbferry.core.dump.DumpTableNames;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The table names of dump files for completion, kept per file as it is on disk (path, size, time of the
 * last change). The dump lists no names up front, so they are read by skipping through the file for at
 * most {@link #READ_BOUND}, on a background thread; Tab waits for that as for a server's answer.
 */
@Component
public class DumpTableCache {

    static final Duration READ_BOUND = Duration.ofSeconds(3);

    private record Version(Path file, long size, long modified) {
    }

    private final BoundedLookups<Version, List<String>> names;

    public DumpTableCache(@Value("${dbferry.completion.wait:300ms}") Duration wait) {
        this.names = new BoundedLookups<>(wait);
    }

    List<String> tables(Path file) {
        Version version;
        try {
            Path absolute = file.toAbsolutePath().normalize();
            version = new Version(absolute, Files.size(absolute), Files.getLastModifiedTime(absolute).toMillis());
        } catch (IOException e) {
            return List.of();
        }
        return names.get(version, () -> DumpTableNames.read(version.file(), READ_BOUND), List.of());
    }
}
