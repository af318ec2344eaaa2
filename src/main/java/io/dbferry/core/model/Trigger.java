package io.dbferry.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A trigger as its engine keeps it: the table it fires on, when ({@code BEFORE}, {@code AFTER}, {@code INSTEAD OF})
 * and on what ({@code INSERT}, {@code UPDATE}, {@code DELETE}, several joined by " OR "); {@code definition} is the
 * statement that creates it on its own engine, and {@code function} the one creating the function it calls
 * (PostgreSQL's trigger functions), or null.
 */
public record Trigger(String name, String table, String timing, String event, String definition, String function) {

    /** What creates it again on the same engine, in order: the function (when there is one), then the trigger. */
    public List<String> statements() {
        List<String> statements = new ArrayList<>();
        if (function != null) {
            statements.add(function);
        }
        statements.add(definition);
        return statements;
    }
}
