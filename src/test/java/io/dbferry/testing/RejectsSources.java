package io.dbferry.testing;

import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.core.transfer.ExportOptions;
import io.dbferry.core.transfer.Exporter;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The SQLite source of the --rejects tests: {@code people}, whose rows 2 ('0000-00-00'), 3 ('abc' in qty) and 5 ('soon')
 * no server's DATE or INTEGER holds, and whatever else a test adds; exported to {@code data.json} beside it.
 */
public final class RejectsSources {

    private RejectsSources() {
    }

    /** The source file {@code src.sqlite3} in {@code dir}, with {@code more} statements run after people's. */
    public static Path people(Path dir, String... more) throws SQLException {
        Path db = dir.resolve("src.sqlite3");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("create table people (id integer primary key, name text, born date, qty integer)");
            s.execute("insert into people values (1, 'Ann', '2021-01-01', 3), (2, 'Bob', '0000-00-00', 4),"
                    + " (3, 'Cy', '2020-02-02', 'abc'), (4, 'Di', '2019-03-03', 5), (5, 'Ed', 'soon', 6)");
            for (String sql : more) {
                s.execute(sql);
            }
        }
        return db;
    }

    /** The source opened in {@code session} and exported to {@code data.json} beside it; returns the dump. */
    public static Path exported(Session session, Path db) {
        DatabaseConnection source = TestTargets.sqlite(session, Side.SOURCE, db);
        Path file = db.resolveSibling("data.json");
        new Exporter(source, ProgressListener.NONE).export(ExportOptions.all(file));
        return file;
    }
}
