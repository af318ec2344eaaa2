package io.dbferry.shell.render;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;

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
}
