package io.dbferry.core.session;

import io.dbferry.core.dialect.Engine;

/** What a connected server says about itself. */
public record ServerDescription(Engine engine, String version, String database, String characterSet) {
}
