package io.dbferry.shell.commands;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.inspect.Inspector;
import io.dbferry.core.session.ConnectionRequest;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.shell.completion.SideValueProvider;
import io.dbferry.shell.completion.TableNameCache;
import io.dbferry.shell.render.Json;
import io.dbferry.shell.render.OutputFormat;
import io.dbferry.shell.render.TextTable;
import io.dbferry.shell.render.output.ConnectionOutput;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

import java.util.ArrayList;
import java.util.List;

/** connect, disconnect, status: the two connections of the session. */
@ShellComponent
public class ConnectionCommands {

    private static final String GROUP = "Connections";

    private final Session session;
    private final TableNameCache tableNames;

    public ConnectionCommands(Session session, TableNameCache tableNames) {
        this.session = session;
        this.tableNames = tableNames;
    }

    @ShellMethod(key = "connect", group = GROUP, value = """
            Open the source or the target connection. URL: sqlite:PATH, mysql://[user@]host[:port]/db, \
            mariadb://..., postgresql://[user@]host[:port]/db, or a jdbc: URL. The source is opened read-only. \
            A URL holding a password (user:secret@, or a password property such as password, password1 or sslpassword) \
            is refused: use --password-env or the prompt. Example: connect source sqlite:inventory.sqlite3""")
    public String connect(
            @ShellOption(help = "source or target", valueProvider = SideValueProvider.class) String side,
            @ShellOption(help = "the database URL; may be left out when dbferry.yml names it", defaultValue = ShellOption.NULL) String url,
            @ShellOption(value = "--user", help = "login name (overrides the URL's)", defaultValue = ShellOption.NULL) String user,
            @ShellOption(value = "--password-env", help = "name of the environment variable holding the password",
                    defaultValue = ShellOption.NULL) String passwordEnv,
            @ShellOption(value = "--format", defaultValue = "text", help = "text or json") String format) {
        boolean json = OutputFormat.parse(format).json();
        Side chosen = Side.parse(side);
        ConnectionRequest request;
        if (url == null) {
            request = session.configured(chosen).orElseThrow(() -> new DbferryException(Kind.USAGE, 
                    "No URL given and dbferry.yml names no " + chosen.label() + ".",
                    "Run 'connect " + chosen.label() + " URL'."));
        } else {
            request = new ConnectionRequest(url, user, passwordEnv);
        }
        DatabaseConnection connection = session.connect(chosen, request);
        tableNames.invalidate();
        Inspector.Status status = new Inspector(connection).status();
        if (json) {
            return Json.write(ConnectionOutput.Connection.of(status));
        }
        return chosen.label() + ": " + status.engine() + " " + status.version() + " · " + status.database()
                + (status.characterSet() != null && connection.spec().isServer() ? " · " + status.characterSet() : "")
                + " · " + tableCount(status.tables());
    }

    @ShellMethod(key = "disconnect", group = GROUP, value = "Close the source or the target connection. Example: disconnect target")
    public String disconnect(@ShellOption(help = "source or target", valueProvider = SideValueProvider.class) String side,
                             @ShellOption(value = "--format", defaultValue = "text", help = "text or json") String format) {
        boolean json = OutputFormat.parse(format).json();
        Side chosen = Side.parse(side);
        boolean closed = session.disconnect(chosen);
        tableNames.invalidate();
        if (json) {
            return Json.write(new ConnectionOutput.Disconnected(chosen.label(), closed));
        }
        return closed ? chosen.label() + ": disconnected" : chosen.label() + ": was not connected";
    }

    @ShellMethod(key = "status", group = GROUP, value = "Show both connections: engine, version, database, character set, schema version, tables.")
    public String status(@ShellOption(value = "--format", defaultValue = "text", help = "text or json") String format) {
        List<Inspector.Status> statuses = new ArrayList<>();
        for (Side side : Side.values()) {
            session.get(side).ifPresent(c -> statuses.add(new Inspector(c).status()));
        }
        if (OutputFormat.parse(format).json()) {
            return Json.write(ConnectionOutput.Status.of(statuses));
        }
        TextTable table = new TextTable("side", "engine", "version", "database", "charset", "schema", "tables").alignRight(6);
        for (Side side : Side.values()) {
            Inspector.Status s = statuses.stream().filter(st -> st.side().equals(side.label())).findFirst().orElse(null);
            if (s == null) {
                table.row(side.label(), "(not connected)");
            } else {
                table.row(s.side(), s.engine(), s.version(), s.database(), s.characterSet(),
                        s.schemaVersion() == null ? "-" : s.schemaVersion(), s.tables());
            }
        }
        return table.render();
    }

    static String tableCount(int n) {
        return n + (n == 1 ? " table" : " tables");
    }
}
