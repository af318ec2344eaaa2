package io.dbferry.core.dialect;

import java.nio.file.Path;
import java.util.List;

/**
 * What an engine's connection URLs look like, for {@code ConnectionUrls}: the schemes an operator types (the
 * first is the one dbferry shows), whether the database is a file ({@code sqlite:PATH}) or on a server
 * ({@code mysql://host:port/db}), the server's default port, and the driver URL built from the parts.
 */
public record UrlForm(List<String> schemes, boolean file, int defaultPort, String jdbcPrefix) {

    /** A database that is a file named by a path. */
    public static UrlForm file(String jdbcPrefix, String... schemes) {
        return new UrlForm(List.of(schemes), true, 0, jdbcPrefix);
    }

    /** A database on a server, {@code scheme://[user@]host[:port]/database}. */
    public static UrlForm server(String jdbcPrefix, int defaultPort, String... schemes) {
        return new UrlForm(List.of(schemes), false, defaultPort, jdbcPrefix);
    }

    /** The scheme dbferry shows a connection with. */
    public String shownScheme() {
        return schemes.get(0);
    }

    /** The driver URL for a server database; {@code query} is the operator's {@code ?...} part, or empty. */
    public String jdbcUrl(String host, int port, String database, String query) {
        return jdbcPrefix + "//" + host + ":" + port + "/" + database + query;
    }

    /** The driver URL for a database file. */
    public String jdbcUrl(Path file) {
        return jdbcPrefix + file;
    }
}
