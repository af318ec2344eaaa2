package io.dbferry.shell.render.output;

import io.dbferry.core.inspect.Inspector;

import java.util.List;

/** The JSON of connect, disconnect and status. */
public final class ConnectionOutput {

    private ConnectionOutput() {
    }

    /** One open connection: what {@code connect} prints, and each side of {@code status}. */
    public record Connection(String side, String url, String engine, String version, String database, String characterSet,
                             String schemaVersion, int tables) {
        public static Connection of(Inspector.Status s) {
            return new Connection(s.side(), s.url(), s.engine(), s.version(), s.database(), s.characterSet(),
                    s.schemaVersion(), s.tables());
        }
    }

    /** Both sides; a side that is not connected is null. */
    public record Status(Connection source, Connection target) {
        public static Status of(List<Inspector.Status> statuses) {
            return new Status(side(statuses, "source"), side(statuses, "target"));
        }

        private static Connection side(List<Inspector.Status> statuses, String side) {
            return statuses.stream().filter(s -> s.side().equals(side)).findFirst().map(Connection::of).orElse(null);
        }
    }

    /** {@code wasConnected}: false when the side had no connection to close. */
    public record Disconnected(String side, boolean wasConnected) {
    }
}
