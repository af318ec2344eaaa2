package io.dbferry.core.schema;

import java.util.List;

/** What {@code migrate --repair} changed in Flyway's history table: one line per action, empty when nothing. */
public record RepairResult(List<String> actions) {
}
