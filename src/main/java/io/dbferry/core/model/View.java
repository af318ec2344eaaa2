package io.dbferry.core.model;

/**
 * A view as its engine keeps it: the name and the query that defines it ({@code definition}, the text after
 * {@code CREATE VIEW name AS}, in the engine's own SQL).
 */
public record View(String name, String definition) {
}
