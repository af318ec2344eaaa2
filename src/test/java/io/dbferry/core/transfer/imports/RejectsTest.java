package io.dbferry.core.transfer.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.core.transfer.ExportOptions;
import io.dbferry.core.transfer.Exporter;
import io.dbferry.core.transfer.ImportOptions;
import io.dbferry.core.transfer.ImportResult;
import io.dbferry.core.transfer.TableState;
import io.dbferry.core.transfer.Verifier;
import io.dbferry.testing.ServerInfo;
import io.dbferry.testing.TestServers;
import io.dbferry.testing.TestTargets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * --rejects: the rows the target cannot take exactly go to FILE.rejects.json with their reasons, the rest loads;
 * that file, once fixed, appends them, and the target then equals the source.
 */
class RejectsTest {

    @TempDir
    Path dir;

    private Path source() throws Exception {
        return io.dbferry.testing.RejectsSources.people(dir,
                "create table prices (id integer primary key, amount numeric(10,2))",
                "insert into prices values (1, 1.5), (2, 2.675), (3, 3.25)",
                "create table plain (id integer primary key, note text)",
                "insert into plain values (1, 'a'), (2, 'b')");
    }

    @Test
    void intoPostgresTheRejectedRowsGoToTheirFileAndAppendOnceFixed() throws Exception {
        ServerInfo pg = TestServers.postgres();
        Path db = source();
        try (Session session = new Session()) {
            DatabaseConnection source = TestTargets.sqlite(session, Side.SOURCE, db);
            Path file = dir.resolve("data.json");
            new Exporter(source, ProgressListener.NONE).export(ExportOptions.all(file));
            DatabaseConnection target = TestTargets.fresh(session, Side.TARGET, pg, "dbferry_rejects_pg");
            try (Statement st = target.jdbc().createStatement()) {
                st.execute("create table people (id integer primary key, name text, born date, qty integer)");
                st.execute("create table prices (id integer primary key, amount numeric(10,2))");
                st.execute("create table plain (id integer primary key, note text)");
            }

            ImportOptions options = ImportOptions.all(file).withRejects(true);
            ImportResult result = new Importer(target, ProgressListener.NONE).importFile(options);
            assertThat(result.succeeded()).isFalse(); // the command exits 1
            assertThat(result.tables()).allSatisfy(e -> assertThat(e.state()).isEqualTo(TableState.DONE));
            assertThat(result.rejected()).containsEntry("people", 3L).containsEntry("prices", 1L).doesNotContainKey("plain");
            assertThat(result.rejectsFile()).isEqualTo(options.rejectsFile());
            for (String table : List.of("people", "prices", "plain")) {
                assertThat(count(target, table) + result.rowsRejected(table)).as(table).isEqualTo(count(source, table));
                assertThat(result.tables().stream().filter(e -> e.table().equals(table)).findFirst().orElseThrow().rowsImported())
                        .isEqualTo(count(target, table));
            }

            // a dump of just those rows, each with its reason
            JsonNode rejects = new ObjectMapper().readTree(Files.readString(options.rejectsFile()));
            List<String> tables = new ArrayList<>();
            rejects.get("tables").forEach(t -> tables.add(t.get("name").asText()));
            assertThat(tables).containsExactly("people", "prices");
            JsonNode people = rejects.get("tables").get(0);
            assertThat(people.get("rowCount").asLong()).isEqualTo(3);
            assertThat(people.get("reasons")).hasSize(3);
            assertThat(people.get("reasons").get(0).get("sourceRow").asLong()).isEqualTo(2);
            assertThat(people.get("reasons").get(0).get("column").asText()).isEqualTo("born");
            assertThat(people.get("reasons").get(1).get("column").asText()).isEqualTo("qty");
            assertThat(rejects.get("tables").get(1).get("reasons").get(0).get("reason").asText()).contains("2.675");

            // fixed in the open (the same change made in the source), the file appends to the tables that hold the rest
            ImportResult appended = new Importer(target, ProgressListener.NONE).importFile(
                    ImportOptions.all(options.rejectsFile()).withConvert(List.of("invalid-to-null")));
            assertThat(appended.succeeded()).isTrue();
            assertThat(appended.rowsImported()).isEqualTo(4);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
                s.execute("update people set born = null where id in (2, 5)");
                s.execute("update people set qty = null where id = 3");
                s.execute("update prices set amount = null where id = 2");
            }
            for (String table : List.of("people", "prices", "plain")) {
                assertThat(count(target, table)).as(table).isEqualTo(count(source, table));
            }
            assertThat(new Verifier(target, ProgressListener.NONE).againstSource(source, List.of()).allEqual()).isTrue();
        }
    }

    private static long count(DatabaseConnection db, String table) throws Exception {
        try (Statement st = db.jdbc().createStatement(); ResultSet rs = st.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
