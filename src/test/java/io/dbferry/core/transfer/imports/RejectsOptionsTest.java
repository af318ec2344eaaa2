package io.dbferry.core.transfer.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.core.transfer.ImportOptions;
import io.dbferry.core.transfer.ImportResult;
import io.dbferry.core.transfer.TableState;
import io.dbferry.testing.RejectsSources;
import io.dbferry.testing.TestServers;
import io.dbferry.testing.TestTargets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * --rejects into MariaDB, beside --jobs, --commit-every and --retry-failed: per table count(target) + count(rejects)
 * = count(source), each rejected row once in the rejects file, also after a retry resumed a table part way.
 */
class RejectsOptionsTest {

    @TempDir
    Path dir;

    @Test
    void withJobsCommitEveryAndRetryFailedEveryRowIsOnTheTargetOrInTheRejects() throws Exception {
        try (Session session = new Session()) {
            ImportOptions options = failedFirstRun(session);
            DatabaseConnection source = session.require(Side.SOURCE);
            DatabaseConnection target = session.require(Side.TARGET);
            ImportResult retry = new Importer(target, ProgressListener.NONE).importFile(options.withRetryFailed(true));
            assertThat(state(retry, "plain")).isEqualTo(TableState.DONE);
            assertThat(retry.rowsRejected("plain")).isEqualTo(2);
            // the earlier run's rejects of the tables not loaded again stay; plain's come once each
            assertThat(rejects(options)).containsEntry("people", List.of(2L, 3L, 5L)).containsEntry("plain", List.of(1L, 6L))
                    .containsEntry("prices", List.of(2L));
            Map<String, List<Long>> inFile = rejects(options);
            for (String table : List.of("people", "plain", "prices")) {
                assertThat(count(target, table) + inFile.get(table).size()).as(table).isEqualTo(count(source, table));
            }
        }
    }

    /** A killed run never writes its rejects file: the retry resumes by the journal's rows read, not by that file. */
    @Test
    void aRetryWithoutTheEarlierRejectsFileResumesAfterTheRowsReadWithNoDuplicate() throws Exception {
        try (Session session = new Session()) {
            ImportOptions options = failedFirstRun(session);
            DatabaseConnection target = session.require(Side.TARGET);
            Files.delete(options.rejectsFile());
            ImportResult retry = new Importer(target, ProgressListener.NONE).importFile(options.withRetryFailed(true));
            assertThat(state(retry, "plain")).isEqualTo(TableState.DONE);
            assertThat(ids(target, "plain")).containsExactly(2L, 3L, 4L, 5L, 7L); // 1 went with the lost file, 6 rejected again
            assertThat(rejects(options)).containsEntry("plain", List.of(6L));
        }
    }

    /** Source, dump and a MariaDB target; a first run with plain failed after two committed chunks. */
    private ImportOptions failedFirstRun(Session session) throws Exception {
        Path db = RejectsSources.people(dir, "insert into people values (6, 'Fe', null, 7)",
                "create table plain (id integer primary key, note text, qty integer)",
                // row 5 repeats row 3's note: the target's unique index refuses it, failing the table after two chunks
                "insert into plain values (1, 'a', 'x'), (2, 'b', 2), (3, 'c', 3), (4, 'd', 4), (5, 'c', 5), (6, 'f', 'y'), (7, 'g', 7)",
                "create table prices (id integer primary key, amount numeric(10,2))",
                "insert into prices values (1, 1.5), (2, 2.675), (3, 3.25)");
        Path file = RejectsSources.exported(session, db);
        DatabaseConnection target = TestTargets.fresh(session, Side.TARGET, TestServers.mariadb(), "dbferry_rejects_options");
        try (Statement st = target.jdbc().createStatement()) {
            st.execute("create table people (id integer primary key, name varchar(20), born date, qty integer)");
            st.execute("create table plain (id integer primary key, note varchar(20), qty integer)");
            st.execute("create unique index plain_note on plain (note)");
            st.execute("create table prices (id integer primary key, amount decimal(10,2))");
        }
        ImportOptions options = ImportOptions.all(file).withRejects(true).withJobs(3).withCommitEvery(2);
        ImportResult first = new Importer(target, ProgressListener.NONE).importFile(options);
        assertThat(state(first, "plain")).isEqualTo(TableState.FAILED);
        assertThat(state(first, "people")).isEqualTo(TableState.DONE);
        assertThat(count(target, "plain")).isEqualTo(3); // two chunks committed: rows 2, 3, 4 (1 rejected)
        // only the committed chunks' rejects are in the file: row 6's goes there when its chunk commits
        assertThat(rejects(options)).containsEntry("people", List.of(2L, 3L, 5L)).containsEntry("plain", List.of(1L))
                .containsEntry("prices", List.of(2L));
        try (Statement st = target.jdbc().createStatement()) {
            st.execute("drop index plain_note on plain");
        }
        return options;
    }

    private static List<Long> ids(DatabaseConnection db, String table) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Statement st = db.jdbc().createStatement(); ResultSet rs = st.executeQuery("select id from " + table + " order by id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** Per table in the rejects file, the source rows of its reasons, which the row count matches. */
    private static Map<String, List<Long>> rejects(ImportOptions options) throws Exception {
        JsonNode file = new ObjectMapper().readTree(Files.readString(options.rejectsFile()));
        Map<String, List<Long>> byTable = new HashMap<>();
        for (JsonNode t : file.get("tables")) {
            List<Long> rows = new ArrayList<>();
            t.get("reasons").forEach(r -> rows.add(r.get("sourceRow").asLong()));
            assertThat(t.get("rowCount").asLong()).isEqualTo(rows.size());
            assertThat(t.get("rows")).hasSize(rows.size());
            byTable.put(t.get("name").asText(), rows);
        }
        return byTable;
    }

    private static TableState state(ImportResult result, String table) {
        return result.tables().stream().filter(e -> e.table().equals(table)).findFirst().orElseThrow().state();
    }

    private static long count(DatabaseConnection db, String table) throws Exception {
        try (Statement st = db.jdbc().createStatement(); ResultSet rs = st.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
