package io.dbferry.core.session;

import io.dbferry.core.DbferryException;
import io.dbferry.core.model.ConnectionSpec;
import io.dbferry.core.model.Engine;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the connection URLs operators type: {@code sqlite:PATH}, {@code mysql://[user@]host[:port]/db},
 * {@code mariadb://...}, {@code postgresql://...} and full {@code jdbc:} URLs of those engines.
 */
public final class ConnectionUrls {

    static final String FORMS = "sqlite:PATH, mysql://[user@]host[:port]/database, mariadb://..., "
            + "postgresql://[user@]host[:port]/database, or a jdbc: URL of these engines";

    private static final Pattern SERVER_URL =
            Pattern.compile("(?i)(?:jdbc:)?(mysql|mariadb|postgresql|postgres)://([^/?#]*)/([^?#]*)(\\?.*)?");

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)[?&]password=");

    private ConnectionUrls() {
    }

    public static ConnectionSpec parse(String url) {
        if (url == null || url.isBlank()) {
            throw new DbferryException("No connection URL given.", "Give one of: " + FORMS + ".");
        }
        String text = url.trim();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:sqlite:")) {
            return sqlite(text.substring("jdbc:sqlite:".length()));
        }
        if (lower.startsWith("sqlite:")) {
            String path = text.substring("sqlite:".length());
            return sqlite(path.startsWith("//") ? path.substring(2) : path);
        }
        Matcher m = SERVER_URL.matcher(text);
        if (m.matches()) {
            return server(m.group(1).toLowerCase(Locale.ROOT), m.group(2), m.group(3), m.group(4));
        }
        throw new DbferryException("Cannot read the connection URL '" + redact(text) + "'.",
                "Use one of: " + FORMS + ".");
    }

    private static ConnectionSpec sqlite(String path) {
        if (path.isBlank() || path.startsWith(":memory")) {
            throw new DbferryException("A SQLite connection needs a file path.", "Use sqlite:PATH, for example sqlite:app.sqlite3.");
        }
        Path file = Path.of(path).toAbsolutePath().normalize();
        return new ConnectionSpec(Engine.SQLITE, "jdbc:sqlite:" + file, null, null, 0,
                file.getFileName().toString(), file);
    }

    private static ConnectionSpec server(String scheme, String authority, String database, String query) {
        Engine engine = scheme.startsWith("postgres") ? Engine.POSTGRESQL : Engine.MYSQL;
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
            throw new DbferryException("The URL names no database.", "Add '/database' after the host, as in "
                    + scheme + "://" + hostPort + "/mydb.");
        }
        String host = hostPort;
        int port = engine == Engine.POSTGRESQL ? 5432 : 3306;
        int colon = hostPort.lastIndexOf(':');
        if (colon >= 0 && !hostPort.endsWith("]")) {
            host = hostPort.substring(0, colon);
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new DbferryException("The port in '" + hostPort + "' is not a number.", "Write host:port, as in 127.0.0.1:3306.");
            }
        }
        if (host.isBlank()) {
            host = "127.0.0.1";
        }
        String extra = query == null ? "" : query;
        String jdbcScheme = engine == Engine.POSTGRESQL ? "jdbc:postgresql://" : "jdbc:mysql://";
        String jdbcUrl = jdbcScheme + hostWithPort(host, port) + "/" + database + extra;
        return new ConnectionSpec(engine, jdbcUrl, user, host, port, decode(database), null);
    }

    private static DbferryException passwordInUrl() {
        return new DbferryException("The URL holds a password; dbferry never takes one on the command line, "
                + "where it would reach the history file.",
                "Remove the password from the URL and use --password-env VAR, or type it at the prompt.");
    }

    private static String hostWithPort(String host, int port) {
        return host + ":" + port;
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
