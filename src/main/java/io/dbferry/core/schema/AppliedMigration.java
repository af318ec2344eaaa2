package io.dbferry.core.schema;

/** One migration that {@code migrate} ran: version, description, script file and how long it took. */
public record AppliedMigration(String version, String description, String script, long millis) {
}
