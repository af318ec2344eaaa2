package io.dbferry.core.dialect.sqlite;

import static io.dbferry.testing.TestDatabases.execute;
import static io.dbferry.testing.TestDatabases.sqliteUrl;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbferry.core.transfer.ExportOptions;
import io.dbferry.core.transfer.ExportResult;
import io.dbferry.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A WAL-mode source is read without leaving a -wal or -shm beside it, and a WAL someone else holds is read too. */
class SqliteSourceFilesTest {

    @TempDir
    Path dir;

    /** A WAL-mode database of three parts, closed, so nothing is beside it; its name needs percent-encoding in a URI. */
    private Path walDatabase() throws Exception {
        Path file = dir.resolve("app data %#1.sqlite3");
        execute(sqliteUrl(file), "pragma journal_mode=wal", "create table part (id INTEGER PRIMARY KEY, name TEXT)",
                "insert into part values (1, 'bolt'), (2, 'nut'), (3, 'washer')");
        assertThat(Files.readAllBytes(file)[18]).as("WAL mode in the header").isEqualTo((byte) 2);
        assertThat(besides(file)).isEmpty();
        return file;
    }

    private List<String> besides(Path file) throws Exception {
        try (Stream<Path> files = Files.list(file.getParent())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(file.getFileName().toString()) && !n.equals(file.getFileName().toString()))
                    .sorted().toList();
        }
    }

    @Test
    void exportingAWalModeSourceCreatesNothingBesideIt() throws Exception {
        Path file = walDatabase();
        ExportResult result = TestDatabases.export(sqliteUrl(file), ExportOptions.all(dir.resolve("out.json")));
        assertThat(result.totalRows()).isEqualTo(3);
        assertThat(besides(file)).isEmpty();
    }

    @Test
    void aWalHeldByARunningApplicationIsReadAndLeftAsItWas() throws Exception {
        Path file = walDatabase();
        try (Connection app = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = app.createStatement()) {
            // the application's last row waits in its WAL, not yet in the database file
            st.execute("pragma wal_autocheckpoint=0");
            st.execute("insert into part values (4, 'rivet')");
            assertThat(besides(file)).containsExactly(file.getFileName() + "-shm", file.getFileName() + "-wal");
            ExportResult result = TestDatabases.export(sqliteUrl(file), ExportOptions.all(dir.resolve("out.json")));
            assertThat(result.totalRows()).as("the row in the WAL is read").isEqualTo(4);
            assertThat(besides(file)).containsExactly(file.getFileName() + "-shm", file.getFileName() + "-wal");
        }
    }

    @Test
    void aRollbackJournalSourceIsOpenedAsBefore() throws Exception {
        Path file = dir.resolve("plain.sqlite3");
        execute(sqliteUrl(file), "create table part (id INTEGER PRIMARY KEY)", "insert into part values (1)");
        assertThat(SqliteSourceFiles.walWithoutCompanions(file)).isFalse();
        assertThat(TestDatabases.export(sqliteUrl(file), ExportOptions.all(dir.resolve("out.json"))).totalRows()).isEqualTo(1);
        assertThat(besides(file)).isEmpty();
    }
}
