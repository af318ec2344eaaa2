package io.dbferry.shell.launch;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The commands of a {@code --file} script with their line numbers; blank lines and {@code #} comments are skipped. */
public final class BatchScript {

    public record Line(int number, String text) {
    }

    private BatchScript() {
    }

    public static List<Line> read(Path file) {
        List<Line> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int number = 0;
            while ((text = reader.readLine()) != null) {
                number++;
                String trimmed = text.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    lines.add(new Line(number, trimmed));
                }
            }
        } catch (NoSuchFileException e) {
            throw new DbferryException(Kind.FILE, "The script " + file + " does not exist.", "Check the path given to --file.");
        } catch (IOException e) {
            throw new DbferryException(Kind.FILE, "Cannot read the script " + file + ": " + e.getMessage(), null, e);
        }
        return lines;
    }
}
