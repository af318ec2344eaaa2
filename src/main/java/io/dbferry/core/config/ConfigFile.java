package io.dbferry.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * {@code dbferry.yml} as written, one record per level. Jackson binds the file to these records and
 * refuses any key they do not name, with its line, which {@link DbferryConfig} turns into a paragraph.
 */
record ConfigFile(Connection source, Connection target, Backup backup, Media media, Migrations migrations) {

    /** {@code source:} or {@code target:}, either a bare URL or {@code url}, {@code user}, {@code password-env}. */
    record Connection(String url, String user, @JsonProperty("password-env") String passwordEnv) {

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        Connection {
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Connection of(String url) {
            return new Connection(url, null, null);
        }
    }

    record Backup(String location) {
    }

    record Media(String dir) {
    }

    record Migrations(List<String> locations) {
    }
}
