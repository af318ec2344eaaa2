package io.dbferry.core.session;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;

import java.util.Locale;

/** The two ends of a migration. The source is only ever read. */
public enum Side {
    SOURCE, TARGET;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Side parse(String text) {
        for (Side side : values()) {
            if (side.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return side;
            }
        }
        throw new DbferryException(Kind.USAGE, "'" + text + "' is not a side.", "Use 'source' or 'target'.");
    }
}
