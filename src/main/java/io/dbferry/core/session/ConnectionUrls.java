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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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

    /** A property's name in any of the drivers' forms: {@code ?k=v&k=v}, {@code (k=v)(k=v)}, {@code (k=v,k=v)}. */
    static final Pattern PROPERTY = Pattern.compile("(?:^|[?&;(,/])\\s*([^=?&;(),/\\s]+)\\s*=");

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
            if (holdsPassword(form, rest)) {
                throw passwordInUrl();
            }
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
                // the host only: what follows a colon may be the start of a password the URL split oddly
                throw new DbferryException(Kind.USAGE, "The port after '" + host + "' is not a number.",
                        "Write host:port, as in 127.0.0.1:" + form.defaultPort() + ".");
            }
        }
        if (host.isBlank()) {
            host = "127.0.0.1";
        }
        String jdbcUrl = form.jdbcUrl(host, port, database, query == null ? "" : query);
        return new ConnectionSpec(engine, form.shownScheme(), jdbcUrl, user, host, port, decode(database), null);
    }

    /**
     * Whether {@code url} holds a password, for a URL read from a file: as {@link #parse} refuses one for an
     * engine's scheme; for any other, whether masking would change it.
     */
    public static boolean holdsPassword(String url) {
        Matcher schemed = url == null ? null : SCHEMED.matcher(url.trim());
        Optional<Dialect> dialect = schemed != null && schemed.matches() ? Dialects.forUrlScheme(schemed.group(2)) : Optional.empty();
        if (dialect.isPresent()) {
            return holdsPassword(dialect.get().urlForm(), schemed.group(3));
        }
        return url != null && !url.equals(redact(url));
    }

    /**
     * A password wherever the engine's driver would read one: {@code user:password@} before the host, or any
     * property the dialect says carries one, in the query, a host form or (for a file) after the {@code ?}.
     */
    private static boolean holdsPassword(UrlForm form, String rest) {
        if (!form.file() && (userInfoHoldsPassword(rest) || userInfoHoldsPassword(percentDecoded(rest)))) {
            return true;
        }
        // sqlite-jdbc reads properties only after the path's '?'; a path may hold '(' or ','
        int query = rest.indexOf('?');
        if (form.file() && query < 0) {
            return false;
        }
        Matcher property = PROPERTY.matcher(form.file() ? rest.substring(query) : rest);
        while (property.find()) {
            String name = property.group(1);
            if (form.carriesPassword(name) || form.carriesPassword(percentDecoded(name))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a name looks like a password's (a property, an option, a configuration key), in any case. */
    public static boolean isPasswordName(String name) {
        return PasswordMask.isSecretName(name);
    }

    /**
     * {@code //user:secret@host}: a colon before the last {@code @} of what precedes the query, or of the whole
     * when no {@code =} comes before that {@code @} (a password may hold a slash or a question mark).
     */
    private static boolean userInfoHoldsPassword(String rest) {
        int query = rest.indexOf('?');
        return colonBeforeLastAt(query < 0 ? rest : rest.substring(0, query)) || colonBeforeLastAt(rest)
                && rest.substring(0, rest.lastIndexOf('@')).indexOf('=') < 0;
    }

    private static boolean colonBeforeLastAt(String text) {
        int at = text.lastIndexOf('@');
        return at > 0 && text.substring(0, at).indexOf(':') >= 0;
    }

    private static String percentDecoded(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
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

    /**
     * A line (a command, a URL, an error) with every password-like part masked, so it can be shown, logged or
     * kept in the history: the one function every place that repeats what an operator typed goes through.
     */
    public static String redact(String text) {
        return PasswordMask.mask(text);
    }
}
