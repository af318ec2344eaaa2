package io.dbferry.shell.commands;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.demo.DemoGenerator;
import io.dbferry.core.demo.DemoResult;
import io.dbferry.core.dialect.Dialects;
import io.dbferry.core.model.ConnectionSpec;
import io.dbferry.core.session.ConnectionRequest;
import io.dbferry.core.session.ConnectionUrls;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.shell.completion.TableNameCache;
import io.dbferry.shell.progress.OperationProgress;
import io.dbferry.shell.progress.ProgressViews;
import io.dbferry.shell.render.Json;
import io.dbferry.shell.render.OutputFormat;
import io.dbferry.shell.render.TextTable;
import io.dbferry.shell.render.output.DemoOutput;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** demo create: the bundled inventory application, migrated and filled, to practise on and to benchmark. */
@ShellComponent
public class DemoCommands {

    private static final String GROUP = "Demo";

    private final Session session;
    private final TableNameCache tableNames;
    private final ProgressViews progressViews;

    public DemoCommands(Session session, TableNameCache tableNames, ProgressViews progressViews) {
        this.session = session;
        this.tableNames = tableNames;
        this.progressViews = progressViews;
    }

    private void deleteSqliteFile(ConnectionSpec spec) {
        if (spec.isServer()) {
            throw new DbferryException(Kind.USAGE, "--replace only deletes SQLite files; a server database is never dropped by dbferry.",
                    "Drop and create the database yourself, then run demo create without --replace.");
        }
        for (Side side : Side.values()) {
            session.get(side).filter(c -> spec.file().equals(c.spec().file())).ifPresent(c -> session.disconnect(side));
        }
        try {
            for (Path file : Dialects.forEngine(spec.engine()).databaseFiles(spec)) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new DbferryException(Kind.FILE, "Cannot delete " + spec.file() + ": " + e.getMessage(), "Check its permissions.", e);
        }
    }

    @ShellMethod(key = "demo create", group = GROUP, value = """
            Connect the target to URL, migrate it with the bundled demo inventory application and fill it with \
            deterministic data; attachment files go to the media folder. --scale multiplies the stock rows \
            (1: a few thousand rows, 1000: millions). A missing SQLite file is created. \
            Example: demo create --target sqlite:demo.sqlite3 --media demo-media""")
    public String create(
            @ShellOption(value = "--target", help = "the database to create the demo in (must be empty)") String target,
            @ShellOption(value = "--media", help = "folder for the attachments' files") String media,
            @ShellOption(value = "--scale", defaultValue = "1", help = "multiplies the stock items and tracking entries") int scale,
            @ShellOption(value = "--password-env", defaultValue = ShellOption.NULL,
                    help = "name of the environment variable holding the password") String passwordEnv,
            @ShellOption(value = "--replace", help = "delete the SQLite file first, so the demo can be made again") boolean replace,
            @ShellOption(value = "--format", defaultValue = "text", help = "text or json") String format) {
        OutputFormat output = OutputFormat.parse(format);
        if (replace) {
            deleteSqliteFile(ConnectionUrls.parse(target));
        }
        DatabaseConnection connection = session.connect(Side.TARGET, new ConnectionRequest(target, null, passwordEnv));
        tableNames.invalidate();
        DemoResult result;
        try (OperationProgress progress = progressViews.open("demo", "demo create → " + target, scale <= 1, output)) {
            result = new DemoGenerator(connection, progress).create(Path.of(media), scale);
        } finally {
            tableNames.invalidate();
        }
        if (output.json()) {
            return Json.write(DemoOutput.Demo.of(connection.spec().display(), result));
        }
        TextTable table = new TextTable("table", "rows").alignRight(1);
        result.rows().forEach((name, rows) -> table.row(name, TextTable.number(rows)));
        table.row(ConnectionCommands.tableCount(result.rows().size()), TextTable.number(result.totalRows()));
        return "target: " + connection.spec().display() + " · schema version " + result.migration().toVersion() + "\n"
                + table.render()
                + "  media: " + result.mediaFiles() + " files (" + TextTable.number(result.mediaBytes()) + " bytes) in "
                + result.mediaDir() + "\n";
    }
}
