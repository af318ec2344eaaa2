package io.dbferry.core.dialect;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What an engine's connection URLs look like, for {@code ConnectionUrls}: the schemes an operator types (the
 * first is the one dbferry shows), whether the database is a file ({@code sqlite:PATH}) or on a server
 * ({@code mysql://host:port/db}), the server's default port, the driver URL built from the parts, and the
 * driver's properties that carry a password (refused in a URL, where they would reach the history).
 *
 * @param passwordProperties the names in lower case: drivers differ in the case they accept, dbferry refuses all
 */
public record UrlForm(List<String> schemes, boolean file, int defaultPort, String jdbcPrefix, Set<String> passwordProperties) {

    public UrlForm {
        schemes = List.copyOf(schemes);
        passwordProperties = passwordProperties.stream().map(p -> p.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** A database that is a file named by a path. */
    public static UrlForm file(String jdbcPrefix, String... schemes) {
        return new UrlForm(List.of(schemes), true, 0, jdbcPrefix, Set.of());
    }

    /** A database on a server, {@code scheme://[user@]host[:port]/database}. */
    public static UrlForm server(String jdbcPrefix, int defaultPort, String... schemes) {
        return new UrlForm(List.of(schemes), false, defaultPort, jdbcPrefix, Set.of());
    }

    /** This form with the driver's password-carrying properties added. */
    public UrlForm withPasswordProperties(String... names) {
        return new UrlForm(schemes, file, defaultPort, jdbcPrefix,
                Stream.concat(passwordProperties.stream(), Stream.of(names)).collect(Collectors.toSet()));
    }

    /** Whether the driver takes a password in the property {@code name}, whatever its case. */
    public boolean carriesPassword(String name) {
        return passwordProperties.contains(name.strip().toLowerCase(Locale.ROOT));
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
