package io.dbferry.core.dump;

import java.time.Instant;

/**
 * What the dump says about itself and its source.
 *
 * @param formatVersion  dump format version; a writer only writes {@link #CURRENT_VERSION}
 * @param toolVersion    dbferry version that wrote the file
 * @param createdAt      when the export started
 * @param sourceEngine   e.g. {@code "SQLite"}, {@code "MariaDB"}, {@code "PostgreSQL"}
 * @param sourceVersion  the source engine's version
 * @param sourceDatabase the source database name or file
 * @param schemaVersion  the source's schema version (Flyway history) where it has one, else null
 */
public record DumpHeader(int formatVersion, String toolVersion, Instant createdAt, String sourceEngine,
                         String sourceVersion, String sourceDatabase, String schemaVersion) {
    public static final String FORMAT = "dbferry-dump";
    public static final int CURRENT_VERSION = 2;
    /** The oldest version still read (and still written on request, for tests of older readers' files). */
    public static final int OLDEST_VERSION = 1;
}
