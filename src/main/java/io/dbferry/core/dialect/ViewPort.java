package io.dbferry.core.dialect;

import java.util.List;

/**
 * A view's query made ready for a target engine: {@code definition} to run there and the {@code rewrites} made
 * (each "from -> to"), or {@code notCarried}, why it cannot be created there (then {@code definition} is null).
 */
public record ViewPort(String definition, List<String> rewrites, String notCarried) {

    public static ViewPort asIs(String definition) {
        return new ViewPort(definition, List.of(), null);
    }

    public static ViewPort rewritten(String definition, List<String> rewrites) {
        return new ViewPort(definition, List.copyOf(rewrites), null);
    }

    public static ViewPort notCarried(String reason) {
        return new ViewPort(null, List.of(), reason);
    }

    public boolean carried() {
        return notCarried == null;
    }
}
