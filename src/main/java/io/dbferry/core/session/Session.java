package io.dbferry.core.session;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dialect.Dialects;
import io.dbferry.core.model.ConnectionSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The source and target connections, open side by side for the whole session. The source is opened
 * read-only. Connections named in the configuration are opened when first needed.
 */
public final class Session implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Session.class);

    private final Map<Side, DatabaseConnection> open = new EnumMap<>(Side.class);
    private final Map<Side, ConnectionRequest> configured = new EnumMap<>(Side.class);
    private PasswordPrompt passwordPrompt = PasswordPrompt.NONE;

    public void setPasswordPrompt(PasswordPrompt passwordPrompt) {
        this.passwordPrompt = passwordPrompt;
    }

    /** The no-echo prompt of an interactive session; {@link PasswordPrompt#NONE} when unattended. */
    public PasswordPrompt passwordPrompt() {
        return passwordPrompt;
    }

    /** A connection to open on first use, from dbferry.yml. */
    public void configure(Side side, ConnectionRequest request) {
        configured.put(side, request);
    }

    public Optional<ConnectionRequest> configured(Side side) {
        return Optional.ofNullable(configured.get(side));
    }

    public DatabaseConnection connect(Side side, ConnectionRequest request) {
        ConnectionSpec spec = ConnectionUrls.parse(request.url());
        if (request.user() != null && !request.user().isBlank()) {
            spec = spec.withUser(request.user());
        }
        String password = null;
        if (request.passwordEnv() != null && !request.passwordEnv().isBlank()) {
            password = System.getenv(request.passwordEnv());
            if (password == null) {
                throw new DbferryException(Kind.CONFIGURATION, "The environment variable " + request.passwordEnv() + " is not set.",
                        "Export it before starting dbferry, or leave out --password-env to be asked.");
            }
        }
        DatabaseConnection connection = open(side, spec, password, request.passwordEnv() != null);
        disconnect(side);
        open.put(side, connection);
        log.info("connected {} to {}", side.label(), spec.display());
        return connection;
    }

    private DatabaseConnection open(Side side, ConnectionSpec spec, String password, boolean passwordGiven) {
        Dialect dialect = Dialects.forEngine(spec.engine());
        boolean readOnly = side == Side.SOURCE;
        Connection jdbc;
        String login = password;
        try {
            jdbc = dialect.open(spec, password, readOnly);
        } catch (SQLException e) {
            if (!passwordGiven && dialect.isAuthenticationFailure(e)) {
                login = askPassword(spec, e);
                jdbc = openWithTypedPassword(dialect, spec, readOnly, login);
            } else {
                log.warn("connect {} failed", spec.display(), e);
                throw dialect.explainConnectFailure(e, spec);
            }
        }
        String loginPassword = login;
        try {
            Dialect refined = dialect.refine(jdbc);
            return new DatabaseConnection(side, spec, refined, jdbc, refined.describe(jdbc, spec),
                    () -> dialect.open(spec, loginPassword, readOnly));
        } catch (SQLException e) {
            closeQuietly(jdbc);
            throw new DbferryException(Kind.CONNECTION,
                    "Connected to " + spec.display() + " but could not read what it is.", null, e);
        }
    }

    private String askPassword(ConnectionSpec spec, SQLException first) {
        String who = (spec.user() != null ? spec.user() + "@" : "") + spec.host();
        Optional<String> typed = passwordPrompt.ask("Password for " + who + ": ");
        if (typed.isEmpty()) {
            throw new DbferryException(Kind.CONNECTION, "The server at " + spec.host() + ":" + spec.port() + " wants a password for "
                    + (spec.user() != null ? "user '" + spec.user() + "'" : "this login") + " and none was given.",
                    "Unattended runs take it from an environment variable: add --password-env VAR.", first);
        }
        return typed.get();
    }

    private Connection openWithTypedPassword(Dialect dialect, ConnectionSpec spec, boolean readOnly, String password) {
        try {
            return dialect.open(spec, password, readOnly);
        } catch (SQLException e) {
            log.warn("connect {} failed", spec.display(), e);
            throw dialect.explainConnectFailure(e, spec);
        }
    }

    public Optional<DatabaseConnection> get(Side side) {
        return Optional.ofNullable(open.get(side));
    }

    /** The open connection of a side, opening the configured one if needed; else an error saying to connect. */
    public DatabaseConnection require(Side side) {
        DatabaseConnection connection = open.get(side);
        if (connection != null) {
            return connection;
        }
        ConnectionRequest request = configured.get(side);
        if (request != null) {
            return connect(side, request);
        }
        throw new DbferryException(Kind.USAGE, "No " + side.label() + " connection is open.",
                "Run 'connect " + side.label() + " URL' first.");
    }

    public boolean disconnect(Side side) {
        DatabaseConnection connection = open.remove(side);
        if (connection != null) {
            connection.close();
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        for (Side side : Side.values()) {
            disconnect(side);
        }
    }

    private static void closeQuietly(Connection jdbc) {
        try {
            jdbc.close();
        } catch (SQLException ignored) {
            // already failing; the first error is the one to report
        }
    }
}
