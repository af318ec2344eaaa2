package io.dbferry.core.demo;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes media files below the media folder and counts them. */
final class MediaWriter {
    private final Path root;
    int count;
    long bytes;

    MediaWriter(Path root) {
        this.root = root;
    }

    long write(String relative, byte[] content) {
        Path file = root.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new DbferryException(Kind.FILE, "Cannot write the media file " + file + ": " + e.getMessage(),
                    "Check that the media folder can be written and has space.", e);
        }
        count++;
        bytes += content.length;
        return content.length;
    }
}
