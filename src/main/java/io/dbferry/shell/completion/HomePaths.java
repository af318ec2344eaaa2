package io.dbferry.shell.completion;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ~} at the start of a path means the home folder, as in bash: completion lists {@code ~/...} and
 * the runner expands such words (also after a file database's URL scheme, {@code sqlite:~/app.db}) before
 * a command reads them, so what Tab offers is what the command opens.
 */
public final class HomePaths {

    private static final List<String> PREFIXES = prefixes();

    private HomePaths() {
    }

    /**
     * {@code word} with a leading {@code ~/} (or after a file database's URL scheme) replaced by the home folder. A
     * lone {@code ~} stays: it is a value ({@code --replacement ~}) more often than a path.
     */
    public static String expand(String word) {
        for (String prefix : PREFIXES) {
            if (word.startsWith(prefix + "~/")) {
                return prefix + System.getProperty("user.home") + word.substring(prefix.length() + 1);
            }
        }
        return word;
    }

    private static List<String> prefixes() {
        List<String> prefixes = new ArrayList<>(UrlForms.filePrefixes());
        prefixes.add("");
        return List.copyOf(prefixes);
    }

    public static List<String> expand(List<String> words) {
        return words.stream().map(HomePaths::expand).toList();
    }
}
