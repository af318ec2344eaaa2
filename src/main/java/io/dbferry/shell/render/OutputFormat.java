package io.dbferry.shell.render;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;

import java.util.List;
import java.util.Locale;

/** How a command prints its result: aligned text for people, JSON for scripts. */
public enum OutputFormat {
    TEXT, JSON;

    public static OutputFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DbferryException(Kind.USAGE, "Unknown --format '" + text + "'.", "Use --format text or --format json.");
        }
    }

    /**
     * The format a command line asks for, read from its words alone: so that a line the shell cannot
     * even parse (an unknown option) still gets its error in the format it asked for.
     */
    public static OutputFormat requestedBy(List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("--format") && i + 1 < words.size()) {
                return words.get(i + 1).trim().equalsIgnoreCase("json") ? JSON : TEXT;
            }
            if (word.startsWith("--format=")) {
                return word.substring("--format=".length()).trim().equalsIgnoreCase("json") ? JSON : TEXT;
            }
        }
        return TEXT;
    }

    public boolean json() {
        return this == JSON;
    }
}
