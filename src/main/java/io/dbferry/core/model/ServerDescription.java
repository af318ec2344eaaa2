package io.dbferry.core.model;

import io.dbferry.core.model.Engine;

/** What a connected server says about itself. */
public record ServerDescription(Engine engine, String version, String database, String characterSet) {
}
