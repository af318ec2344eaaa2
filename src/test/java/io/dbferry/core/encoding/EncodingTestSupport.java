package io.dbferry.core.encoding;

import io.dbferry.core.dump.DumpColumn;
import io.dbferry.core.dump.DumpHeader;
import io.dbferry.core.dump.DumpWriter;
import io.dbferry.core.model.PortableType;
import io.dbferry.core.session.ConnectionRequest;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.testing.ServerInfo;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/** Connections through dbferry's own session, and small dump files written for one test. */
final class EncodingTestSupport {

    private EncodingTestSupport() {
    }

    static DatabaseConnection connect(Session session, Side side, ServerInfo server, String database) {
        if (!server.password().isEmpty()) {
            throw new IllegalStateException("these tests connect without a password; " + server + " has one");
        }
        String scheme = server.isMySql() ? "mysql" : "postgresql";
        return session.connect(side, new ConnectionRequest(scheme + "://" + server.user() + "@" + server.host() + ":"
                + server.port() + "/" + database, null, null));
    }

    static DatabaseConnection sqlite(Session session, Side side, Path file) {
        return session.connect(side, new ConnectionRequest("sqlite:" + file, null, null));
    }

    static void execute(ServerInfo server, String database, String... statements) throws SQLException {
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** A dump with one table {@code name(id INTEGER primary key, value TEXT)} holding {@code values} as ids 1, 2, ... */
    static Path dump(Path file, String name, String... values) throws IOException {
        try (DumpWriter writer = DumpWriter.create(file, new DumpHeader(DumpHeader.CURRENT_VERSION, "test", Instant.now(),
                "SQLite", "3", "test.sqlite3", null))) {
            writer.beginTable(name, List.of(new DumpColumn("id", PortableType.INTEGER, "INTEGER", false, true),
                    new DumpColumn("value", PortableType.TEXT, "TEXT", true, false)));
            for (int i = 0; i < values.length; i++) {
                writer.writeRow(new Object[]{(long) i + 1, values[i]});
            }
            writer.endTable();
        }
        return file;
    }

    static EncodingReport.Finding finding(EncodingReport report, String column, EncodingReport.Kind kind) {
        return report.findings().stream().filter(f -> (f.table() + "." + f.column()).equalsIgnoreCase(column) && f.kind() == kind)
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " finding for " + column + " in " + report.findings()));
    }
}
