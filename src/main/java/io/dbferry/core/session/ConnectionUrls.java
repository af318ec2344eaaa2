package io.dbferry.core.session;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dialect.Dialects;
import io.dbferry.core.dialect.UrlForm;
import io.dbferry.core.model.ConnectionSpec;
import io.dbferry.core.model.Engine;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the connection URLs operators type: {@code sqlite:PATH}, {@code mysql://[user@]host[:port]/db},
 * {@code mariadb://...}, {@code postgresql://...} and full {@code jdbc:} URLs of those engines. The registered
 * dialects say which schemes are theirs, whether the database is a file, the default port and the driver URL.
 */
public final class ConnectionUrls {

    static final String FORMS = "sqlite:PATH, mysql://[user@]host[:port]/database, mariadb://..., "
            + "postgresql://[user@]host[:port]/database, or a jdbc: URL of these engines";

    /** An optional {@code jdbc:}, the scheme a registered dialect handles, then what that engine's form holds. */
    private static final Pattern SCHEMED = Pattern.compile("(?i)(jdbc:)?([a-z][a-z0-9+.-]*):(.*)");

    private static final Pattern SERVER_PART = Pattern.compile("//([^/?#]*)/([^?#]*)(\\?.*)?");

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)[?&]password=");

    private ConnectionUrls() {
    }

    public static ConnectionSpec parse(String url) {
        if (url == null || url.isBlank()) {
            throw new DbferryException(Kind.USAGE, "No connection URL given.", "Give one of: " + FORMS + ".");
        }
        String text = url.trim();
        Matcher schemed = SCHEMED.matcher(text);
        Optional<Dialect> dialect = schemed.matches() ? Dialects.forUrlScheme(schemed.group(2)) : Optional.empty();
        if (dialect.isPresent()) {
            String scheme = schemed.group(2).toLowerCase(Locale.ROOT);
            String rest = schemed.group(3);
            UrlForm form = dialect.get().urlForm();
            if (form.file()) {
                boolean jdbc = schemed.group(1) != null;
                return file(dialect.get().engine(), form, !jdbc && rest.startsWith("//") ? rest.substring(2) : rest);
            }
            Matcher m = SERVER_PART.matcher(rest);
            if (m.matches()) {
                return server(dialect.get().engine(), form, scheme, m.group(1), m.group(2), m.group(3));
            }
        }
        throw new DbferryException(Kind.USAGE, "Cannot read the connection URL '" + redact(text) + "'.",
                "Use one of: " + FORMS + ".");
    }

    private static ConnectionSpec file(Engine engine, UrlForm form, String path) {
        if (path.isBlank() || path.startsWith(":memory")) {
            throw new DbferryException(Kind.USAGE, "A SQLite connection needs a file path.", "Use sqlite:PATH, for example sqlite:app.sqlite3.");
        }
        Path file = Path.of(path).toAbsolutePath().normalize();
        return new ConnectionSpec(engine, form.shownScheme(), form.jdbcUrl(file), null, null, 0,
                file.getFileName().toString(), file);
    }

    private static ConnectionSpec server(Engine engine, UrlForm form, String scheme, String authority, String database,
                                         String query) {
        String user = null;
        String hostPort = authority;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            user = decode(authority.substring(0, at));
            hostPort = authority.substring(at + 1);
            if (user.contains(":")) {
                throw passwordInUrl();
            }
        }
        if (query != null && PASSWORD_PARAMETER.matcher(query).find()) {
            throw passwordInUrl();
        }
        if (database.isBlank()) {
            throw new DbferryException(Kind.USAGE, "The URL names no database.", "Add '/database' after the host, as in "
                    + scheme + "://" + hostPort + "/mydb.");
        }
        String host = hostPort;
        int port = form.defaultPort();
        int colon = hostPort.lastIndexOf(':');
        if (colon >= 0 && !hostPort.endsWith("]")) {
            host = hostPort.substring(0, colon);
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new DbferryException(Kind.USAGE, "The port in '" + hostPort + "' is not a number.",
                        "Write host:port, as in 127.0.0.1:" + form.defaultPort() + ".");
            }
        }
        if (host.isBlank()) {
            host = "127.0.0.1";
        }
        String jdbcUrl = form.jdbcUrl(host, port, database, query == null ? "" : query);
        return new ConnectionSpec(engine, form.shownScheme(), jdbcUrl, user, host, port, decode(database), null);
    }

    private static DbferryException passwordInUrl() {
        return new DbferryException(Kind.USAGE, "The URL holds a password; dbferry never takes one on the command line, "
                + "where it would reach the history file.",
                "Remove the password from the URL and use --password-env VAR, or type it at the prompt.");
    }

    private static String decode(String part) {
        try {
            return new URI("x", part, null).getSchemeSpecificPart();
        } catch (URISyntaxException e) {
            return part;
        }
    }

    /** Removes a password from a URL so it can be shown or logged. */
    public static String redact(String text) {
        return text == null ? null : text.replaceAll("(://[^/:@\\s]*):[^@/\\s]*@", "$1:***@")
                .replaceAll("(?i)(password=)[^&\\s]*", "$1***");
    }
}
