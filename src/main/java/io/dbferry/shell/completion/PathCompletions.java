package io.dbferry.shell.completion;

import org.springframework.shell.CompletionProposal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * File and folder names for a typed path, as bash completes them: relative to the working folder or
 * from {@code ~}, a folder ending in {@code /} and not followed by a space (so the operator types on into
 * it), hidden names only when the typed name starts with a dot. {@code prefix} is kept in front of each
 * proposal ({@code sqlite:}); JLine escapes spaces in the names.
 */
final class PathCompletions {

    /** Enough for any listing a person reads; a folder of a million files must not stall Tab. */
    private static final int MOST = 500;

    private PathCompletions() {
    }

    static List<CompletionProposal> complete(String prefix, String typed, boolean foldersOnly) {
        if (typed.equals("~")) {
            return List.of(folder(prefix + "~/", "~/"));
        }
        int slash = typed.lastIndexOf('/');
        String folderPart = typed.substring(0, slash + 1);
        String namePart = typed.substring(slash + 1);
        List<CompletionProposal> proposals = new ArrayList<>();
        if (namePart.equals(".") || namePart.equals("..")) {
            proposals.add(folder(prefix + folderPart + namePart + "/", namePart + "/"));
        }
        Path folder = folderPart.isEmpty() ? Path.of(".") : Path.of(HomePaths.expand(folderPart));
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            for (Path entry : stream) {
                String name = entry.getFileName().toString();
                if (name.startsWith(namePart) && (!name.startsWith(".") || namePart.startsWith("."))) {
                    entries.add(entry);
                    if (entries.size() >= MOST) {
                        break;
                    }
                }
            }
        } catch (IOException | SecurityException e) {
            return proposals; // no such folder, or not readable: nothing to offer
        }
        entries.sort(null);
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (Files.isDirectory(entry)) {
                proposals.add(folder(prefix + folderPart + name + "/", name + "/"));
            } else if (!foldersOnly) {
                proposals.add(new CompletionProposal(prefix + folderPart + name).displayText(name));
            }
        }
        return proposals;
    }

    private static CompletionProposal folder(String value, String display) {
        return new CompletionProposal(value).displayText(display).complete(false);
    }
}
