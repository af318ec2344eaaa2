package io.dbferry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestServersTest {

    private static final String CHINOOK = "dbferry_chinook";

    @Test
    void mariadbAnswers() throws SQLException {
        ServerInfo server = TestServers.mariadb();
        assertThat(server.jdbcUrl("x")).startsWith("jdbc:mysql://");
        assertThat(queryInt(server, "", "select 1")).isEqualTo(1);
    }

    @Test
    void postgresAnswers() throws SQLException {
        ServerInfo server = TestServers.postgres();
        assertThat(server.jdbcUrl("x")).isEqualTo("jdbc:postgresql://" + server.host() + ":" + server.port() + "/x");
        assertThat(queryInt(server, "postgres", "select 1")).isEqualTo(1);
    }

    @Test
    void createDatabaseIsUtf8AndDropDatabaseRemovesIt() throws SQLException {
        ServerInfo maria = TestServers.mariadb();
        maria.createDatabase("dbferry_scratch");
        try (Connection c = maria.connect("dbferry_scratch"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select @@character_set_database")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("utf8mb4");
        }
        maria.dropDatabase("dbferry_scratch");
        assertThat(queryInt(maria, "",
                "select count(*) from information_schema.schemata where schema_name = 'dbferry_scratch'")).isZero();

        ServerInfo pg = TestServers.postgres();
        pg.createDatabase("dbferry_scratch");
        assertThat(queryInt(pg, "dbferry_scratch", "select 1")).isEqualTo(1);
        pg.dropDatabase("dbferry_scratch");
        assertThat(queryInt(pg, "postgres",
                "select count(*) from pg_database where datname = 'dbferry_scratch'")).isZero();
    }

    @Test
    void chinookLoadsIntoMariaDb() throws Exception {
        ServerInfo server = Chinook.loadIntoMariaDb(CHINOOK);
        assertThat(queryInt(server, CHINOOK, "select count(*) from Track")).isEqualTo(3503);
        assertThat(queryInt(server, CHINOOK, "select count(*) from PlaylistTrack")).isEqualTo(8715);
        // utf8mb3 NVARCHAR columns keep non-Latin-1 letters through the utf8mb4 connection
        assertThat(queryString(server, CHINOOK, "select Title from Album where AlbumId = 42"))
                .isEqualTo("Minha História");
        assertThat(queryString(server, CHINOOK, "select FirstName from Customer where CustomerId = 49"))
                .isEqualTo("Stanisław");
    }

    @Test
    void chinookLoadsIntoPostgres() throws Exception {
        ServerInfo server = Chinook.loadIntoPostgres(CHINOOK);
        assertThat(queryInt(server, CHINOOK, "select count(*) from track")).isEqualTo(3503);
        assertThat(queryInt(server, CHINOOK, "select count(*) from playlist_track")).isEqualTo(8715);
        // PostgreSQL keeps the literal backslashes that MySQL's default sql_mode drops
        assertThat(queryInt(server, CHINOOK, "select count(*) from track where name like '%\\\\%'")).isEqualTo(4);
    }

    @Test
    void secondLoadReusesTheDatabase() throws Exception {
        Chinook.loadIntoPostgres(CHINOOK);
        long start = System.nanoTime();
        Chinook.loadIntoPostgres(CHINOOK);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
    }

    @Test
    void splitterHandlesQuotesCommentsAndDatabaseSelection() {
        String mysql = """
                DROP DATABASE IF EXISTS `Chinook`;
                CREATE DATABASE `Chinook`;
                USE `Chinook`;
                /* block; comment */ CREATE TABLE `a;b` (x TEXT); -- trailing; comment
                # hash comment;
                INSERT INTO t VALUES ('it''s; fine', 'back\\'slash;', "dq;"),
                    ('two lines');
                """;
        List<SqlScripts.SqlStatement> m = SqlScripts.split(mysql, SqlScripts.Dialect.MYSQL);
        assertThat(m).extracting(SqlScripts.SqlStatement::sql).containsExactly(
                "CREATE TABLE `a;b` (x TEXT)",
                "INSERT INTO t VALUES ('it''s; fine', 'back\\'slash;', \"dq;\"),\n    ('two lines')");
        assertThat(m).extracting(SqlScripts.SqlStatement::line).containsExactly(4, 6);

        String pg = """
                DROP DATABASE IF EXISTS chinook;
                \\c chinook;
                SELECT 'a\\'; SELECT E'b\\';c';
                CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;
                """;
        assertThat(SqlScripts.split(pg, SqlScripts.Dialect.POSTGRESQL)).extracting(SqlScripts.SqlStatement::sql)
                .containsExactly("SELECT 'a\\'", "SELECT E'b\\';c'",
                        "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql");
    }

    @Test
    void datasetsAreFound() {
        assertThat(Datasets.chinookSqlite()).isRegularFile();
        assertThat(Datasets.root().resolve("README.md")).isRegularFile();
    }

    private static int queryInt(ServerInfo server, String database, String sql) throws SQLException {
        return Integer.parseInt(queryString(server, database, sql));
    }

    private static String queryString(ServerInfo server, String database, String sql) throws SQLException {
        try (Connection c = server.connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as("a row from %s", sql).isTrue();
            return rs.getString(1);
        }
    }
}
