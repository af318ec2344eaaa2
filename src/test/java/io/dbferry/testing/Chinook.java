package io.dbferry.testing;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Chinook sample database (shared/datasets/chinook) loaded into the test servers from its own
 * MySQL and PostgreSQL scripts.
 *
 * <p>A load is skipped when the database already holds every table with {@link #ROW_COUNTS}, so test
 * classes can share one copy: treat it as read-only. In MySQL/MariaDB the 4 track names with a literal
 * backslash lose it (the script's own escaping under the default sql_mode, see chinook/SOURCE.txt).
 */
public final class Chinook {

    /** Rows per table, with the SQLite/MySQL table names; PostgreSQL's are {@link #snakeCase(String)}. */
    public static final Map<String, Integer> ROW_COUNTS = rowCounts();

    private Chinook() {
    }

    /** Loads Chinook_MySql.sql into {@code database} of {@link TestServers#mariadb()}. */
    public static ServerInfo loadIntoMariaDb(String database) throws SQLException, IOException {
        return load(TestServers.mariadb(), database, "chinook/Chinook_MySql.sql");
    }

    /** Loads Chinook_PostgreSql.sql into {@code database} of {@link TestServers#postgres()}. */
    public static ServerInfo loadIntoPostgres(String database) throws SQLException, IOException {
        return load(TestServers.postgres(), database, "chinook/Chinook_PostgreSql.sql");
    }

    /** {@code "PlaylistTrack"} → {@code "playlist_track"}, the naming of the PostgreSQL script. */
    public static String snakeCase(String pascalCase) {
        return pascalCase.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
    }

    // synchronized: two test classes running in parallel must not both drop and load the same database.
    private static synchronized ServerInfo load(ServerInfo server, String database, String script)
            throws SQLException, IOException {
        if (isLoaded(server, database)) {
            return server;
        }
        server.createDatabase(database);
        try (Connection c = server.connect(database)) {
            SqlScripts.load(c, Datasets.file(script));
        }
        if (!isLoaded(server, database)) {
            throw new IllegalStateException("Chinook row counts differ after loading " + script + " into "
                    + database + " on " + server);
        }
        return server;
    }

    private static boolean isLoaded(ServerInfo server, String database) {
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            for (Map.Entry<String, Integer> table : ROW_COUNTS.entrySet()) {
                String name = server.isMySql() ? "`" + table.getKey() + "`" : snakeCase(table.getKey());
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + name)) {
                    if (!rs.next() || rs.getInt(1) != table.getValue()) {
                        return false;
                    }
                }
            }
            return true;
        } catch (SQLException e) {
            return false; // no such database or table yet
        }
    }

    private static Map<String, Integer> rowCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("Album", 347);
        counts.put("Artist", 275);
        counts.put("Customer", 59);
        counts.put("Employee", 8);
        counts.put("Genre", 25);
        counts.put("Invoice", 412);
        counts.put("InvoiceLine", 2240);
        counts.put("MediaType", 5);
        counts.put("Playlist", 18);
        counts.put("PlaylistTrack", 8715);
        counts.put("Track", 3503);
        return Map.copyOf(counts);
    }
}
