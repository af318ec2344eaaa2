package io.dbferry.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbferry.core.DbferryException;
import io.dbferry.testing.Chinook;
import io.dbferry.testing.Datasets;
import io.dbferry.testing.PasswordLogins;
import io.dbferry.testing.ServerInfo;
import io.dbferry.testing.TestServers;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input at connect time and after: every case is a {@link DbferryException} whose one paragraph says
 * what failed and what to do next. Real servers and files only.
 */
class ConnectionErrorsTest {

    private static final String CHINOOK = "dbferry_chinook";

    private final Session session = new Session();

    @TempDir
    Path tmp;

    @AfterEach
    void close() {
        session.close();
    }

    private DbferryException connectFails(Side side, String url) {
        return connectFails(side, new ConnectionRequest(url, null, null));
    }

    private DbferryException connectFails(Side side, ConnectionRequest request) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> session.connect(side, request));
        assertThat(thrown).as("connect %s %s", side, request.url()).isInstanceOf(DbferryException.class);
        assertThat(session.get(side)).as("nothing is left open after a failed connect").isEmpty();
        return (DbferryException) thrown;
    }

    /** A TCP port on 127.0.0.1 that nothing listens on (bound, then released). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    // --- wrong password ---------------------------------------------------------------------------

    /**
     * MariaDB with grant tables (the local server): a user with a password, connected with a wrong one
     * typed at the prompt. The embedded MariaDB runs with --skip-grant-tables and cannot refuse anyone; then
     * the same case runs against PostgreSQL when that one checks passwords. Both local and embedded
     * PostgreSQL trust 127.0.0.1, so on a machine with only embedded servers no engine can refuse a
     * password: the test then fails loudly rather than pass without checking anything.
     */
    @Test
    void wrongPasswordTypedAtThePromptIsRefusedNamingUserAndServer() throws Exception {
        Chinook.loadIntoMariaDb(CHINOOK);
        ServerInfo login = passwordLogin();
        AtomicInteger asked = new AtomicInteger();
        session.setPasswordPrompt(prompt -> {
            asked.incrementAndGet();
            assertThat(prompt).isEqualTo("Password for " + login.user() + "@" + login.host() + ": ");
            return Optional.of("not-the-" + login.password());
        });
        DbferryException e = connectFails(Side.SOURCE, url(login, login.isMySql() ? CHINOOK : "postgres"));
        assertThat(asked).hasValue(1);
        assertThat(e.getMessage()).contains(login.host() + ":" + login.port())
                .contains("refused the login of user '" + login.user() + "'")
                .contains("wrong password");
        assertThat(e.nextStep()).contains("--password-env");
        assertThat(e.paragraph()).doesNotContain("not-the-" + login.password());
    }

    @Test
    void wrongPasswordFromAnEnvironmentVariableIsRefusedWithoutAPrompt() throws Exception {
        Chinook.loadIntoMariaDb(CHINOOK);
        ServerInfo login = passwordLogin();
        session.setPasswordPrompt(prompt -> {
            throw new AssertionError("a password from --password-env must not be asked for again");
        });
        // HOME is set in every test JVM and is certainly not the password
        DbferryException e = connectFails(Side.TARGET, new ConnectionRequest(
                url(login, login.isMySql() ? CHINOOK : "postgres"), null, "HOME"));
        assertThat(e.getMessage()).contains("refused the login of user '" + login.user() + "'");
    }

    @Test
    void theRightPasswordFromThePromptGetsIn() throws Exception {
        Chinook.loadIntoMariaDb(CHINOOK);
        ServerInfo login = passwordLogin();
        session.setPasswordPrompt(prompt -> Optional.of(login.password()));
        DatabaseConnection c = session.connect(Side.SOURCE,
                new ConnectionRequest(url(login, login.isMySql() ? CHINOOK : "postgres"), null, null));
        assertThat(c.spec().user()).isEqualTo(PasswordLogins.USER);
        assertThat(c.spec().display()).doesNotContain(login.password());
    }

    /** Unattended (--file) runs have no prompt: the error must say how to give the password. */
    @Test
    void aPasswordNeededWithoutAPromptNamesPasswordEnv() throws Exception {
        Chinook.loadIntoMariaDb(CHINOOK);
        ServerInfo login = passwordLogin();
        // the default prompt is PasswordPrompt.NONE, as in --file and single-command mode
        DbferryException e = connectFails(Side.SOURCE, url(login, login.isMySql() ? CHINOOK : "postgres"));
        assertThat(e.getMessage()).contains(login.host() + ":" + login.port()).contains("wants a password")
                .contains("user '" + login.user() + "'");
        assertThat(e.nextStep()).contains("--password-env");
    }

    @Test
    void aPasswordEnvironmentVariableThatIsNotSetIsNamed() {
        DbferryException e = connectFails(Side.TARGET, new ConnectionRequest(
                "mysql://someone@127.0.0.1/whatever", null, "DBFERRY_TEST_SURELY_UNSET_VARIABLE"));
        assertThat(e.getMessage()).isEqualTo("The environment variable DBFERRY_TEST_SURELY_UNSET_VARIABLE is not set.");
        assertThat(e.nextStep()).contains("--password-env");
    }

    private static ServerInfo passwordLogin() throws Exception {
        return PasswordLogins.any(CHINOOK);
    }

    private static String url(ServerInfo server, String database) {
        return PasswordLogins.url(server, database);
    }

    // --- server down --------------------------------------------------------------------------------

    @Test
    void mysqlServerDownNamesHostAndPort() throws IOException {
        int port = closedPort();
        DbferryException e = connectFails(Side.TARGET, "mysql://root@127.0.0.1:" + port + "/anything");
        assertThat(e.getMessage()).isEqualTo("No MySQL/MariaDB server answers at 127.0.0.1:" + port + ".");
        assertThat(e.nextStep()).contains("running").contains("host and port");
    }

    @Test
    void postgresServerDownNamesHostAndPort() throws IOException {
        int port = closedPort();
        DbferryException e = connectFails(Side.SOURCE, "postgresql://postgres@127.0.0.1:" + port + "/anything");
        assertThat(e.getMessage()).isEqualTo("No PostgreSQL server answers at 127.0.0.1:" + port + ".");
        assertThat(e.nextStep()).contains("running");
    }

    // --- unknown database ---------------------------------------------------------------------------

    @Test
    void unknownMariaDbDatabaseIsNamed() {
        ServerInfo server = TestServers.mariadb();
        DbferryException e = connectFails(Side.TARGET, url(server, "dbferry_no_such_db"));
        assertThat(e.getMessage()).isEqualTo("The server at " + server.host() + ":" + server.port()
                + " has no database 'dbferry_no_such_db'.");
        assertThat(e.nextStep()).contains("CREATE DATABASE `dbferry_no_such_db`");
    }

    @Test
    void unknownPostgresDatabaseIsNamed() {
        ServerInfo server = TestServers.postgres();
        DbferryException e = connectFails(Side.TARGET, url(server, "dbferry_no_such_db"));
        assertThat(e.getMessage()).isEqualTo("The PostgreSQL server at " + server.host() + ":" + server.port()
                + " has no database 'dbferry_no_such_db'.");
        assertThat(e.nextStep()).contains("createdb dbferry_no_such_db");
    }

    // --- SQLite files -------------------------------------------------------------------------------

    @Test
    void missingSqliteSourceIsAnErrorAndNoFileIsCreated() {
        Path missing = tmp.resolve("nope").resolve("missing.sqlite3");
        Path missingHere = tmp.resolve("missing-here.sqlite3");
        DbferryException e = connectFails(Side.SOURCE, "sqlite:" + missing);
        assertThat(e.getMessage()).isEqualTo("The SQLite file " + missing + " does not exist; a source is never created.");
        assertThat(e.nextStep()).contains("Check the path");
        assertThat(e.paragraph()).as("nothing from SQLite to quote").doesNotContain("The server said");
        DbferryException again = connectFails(Side.SOURCE, "sqlite:" + missingHere);
        assertThat(again.getMessage()).contains(missingHere.toString());
        assertThat(missing.getParent()).doesNotExist();
        assertThat(missingHere).doesNotExist();
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void missingSqliteTargetIsCreated() {
        Path fresh = tmp.resolve("fresh.sqlite3");
        DatabaseConnection c = session.connect(Side.TARGET, new ConnectionRequest("sqlite:" + fresh, null, null));
        assertThat(fresh).isRegularFile();
        assertThat(c.catalog().tableNames()).isEmpty();
    }

    @Test
    void aTextFileIsNotASqliteDatabase() throws IOException {
        Path text = tmp.resolve("notes.sqlite3");
        Files.writeString(text, "These are notes, not a database.\n".repeat(200), StandardCharsets.UTF_8);
        for (Side side : Side.values()) {
            DbferryException e = connectFails(side, "sqlite:" + text);
            assertThat(e.getMessage()).as(side.label()).isEqualTo("The file " + text + " is not a SQLite database.");
            assertThat(e.nextStep()).contains("database file itself");
        }
        assertThat(Files.readString(text)).startsWith("These are notes");
    }

    @Test
    void aSqliteSourceIsOpenedReadOnly() throws Exception {
        Path copy = Datasets.copyToTemp(Datasets.chinookSqlite(), tmp);
        DatabaseConnection c = session.connect(Side.SOURCE, new ConnectionRequest("sqlite:" + copy, null, null));
        try (var st = c.jdbc().createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("delete from MediaType"))
                    .isInstanceOf(java.sql.SQLException.class).hasMessageContaining("readonly");
        }
    }

    // --- URLs ---------------------------------------------------------------------------------------

    @Test
    void unknownUrlSchemeListsTheFormsThatWork() {
        DbferryException e = connectFails(Side.SOURCE, "oracle://scott@db.example.com/orcl");
        assertThat(e.getMessage()).isEqualTo("Cannot read the connection URL 'oracle://scott@db.example.com/orcl'.");
        assertThat(e.nextStep()).contains("sqlite:PATH").contains("mysql://").contains("postgresql://").contains("jdbc:");
    }

    @Test
    void aPasswordInTheUrlIsRefusedAndNotRepeated() {
        DbferryException e = connectFails(Side.TARGET, "mysql://root:hunter2@127.0.0.1/chinook");
        assertThat(e.getMessage()).contains("holds a password");
        assertThat(e.nextStep()).contains("--password-env");
        assertThat(e.paragraph()).doesNotContain("hunter2");
    }

    // --- no connection ------------------------------------------------------------------------------

    @Test
    void aSideThatIsNotConnectedSaysToConnectItFirst() {
        session.connect(Side.SOURCE, new ConnectionRequest("sqlite:" + Datasets.chinookSqlite(), null, null));
        assertThatThrownBy(() -> session.require(Side.TARGET))
                .isInstanceOfSatisfying(DbferryException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("No target connection is open.");
                    assertThat(e.nextStep()).isEqualTo("Run 'connect target URL' first.");
                });
        assertThat(session.require(Side.SOURCE).spec().file()).isEqualTo(Datasets.chinookSqlite().toAbsolutePath().normalize());
        session.disconnect(Side.SOURCE);
        assertThatThrownBy(() -> session.require(Side.SOURCE))
                .isInstanceOfSatisfying(DbferryException.class,
                        e -> assertThat(e.paragraph()).isEqualTo("No source connection is open. Run 'connect source URL' first."));
    }

    @Test
    void aFailedReconnectKeepsTheConnectionThatWasOpen() {
        session.connect(Side.SOURCE, new ConnectionRequest("sqlite:" + Datasets.chinookSqlite(), null, null));
        assertThatThrownBy(() -> session.connect(Side.SOURCE,
                new ConnectionRequest("sqlite:" + tmp.resolve("missing.sqlite3"), null, null)))
                .isInstanceOf(DbferryException.class);
        assertThat(session.get(Side.SOURCE)).isPresent();
        assertThat(session.require(Side.SOURCE).catalog().tableNames()).hasSize(11);
    }
}
