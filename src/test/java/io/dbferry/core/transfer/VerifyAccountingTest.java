package io.dbferry.core.transfer;

import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.core.transfer.imports.Importer;
import io.dbferry.testing.RejectsSources;
import io.dbferry.testing.ServerInfo;
import io.dbferry.testing.TestServers;
import io.dbferry.testing.TestTargets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * verify -f FILE after an import with --rejects and --convert accounts for every row: the rejected ones as rejected (in
 * FILE.rejects.json), the converted values as recorded, every other difference still shown; once the rejects are
 * fixed and appended, equal.
 */
class VerifyAccountingTest {

    @TempDir
    Path dir;

    @Test
    void intoPostgres() throws Exception {
        accountsForEveryRow(TestServers.postgres(), "dbferry_verify_acct_pg");
    }

    @Test
    void intoMariaDb() throws Exception {
        accountsForEveryRow(TestServers.mariadb(), "dbferry_verify_acct_my");
    }

    private void accountsForEveryRow(ServerInfo server, String database) throws Exception {
        Path db = RejectsSources.people(dir, "create table plain (id integer primary key, note text)",
                "insert into plain values (1, 'a'), (2, 'b'), (3, 'c')");
        try (Session session = new Session()) {
            Path file = RejectsSources.exported(session, db);
            DatabaseConnection target = TestTargets.fresh(session, Side.TARGET, server, database);
            try (Statement st = target.jdbc().createStatement()) {
                st.execute("create table people (id integer primary key, name varchar(20), born date, qty integer)");
                st.execute("create table plain (id integer primary key, note varchar(20))");
            }
            ImportResult result = new Importer(target, ProgressListener.NONE).importFile(ImportOptions.all(file)
                    .withRejects(true).withConvert(List.of("people.born=zero-date-to-null")));
            assertThat(result.rejected()).containsEntry("people", 2L); // 'abc' in qty, 'soon' in born
            assertThat(Files.exists(ImportOptions.all(file).changesFile())).isTrue();

            // a row changed outside dbferry is still a difference
            try (Statement st = target.jdbc().createStatement()) {
                st.execute("update plain set note = 'changed' where id = 2");
            }
            VerifyResult pending = new Verifier(target, ProgressListener.NONE).againstFile(file, List.of());
            VerifyResult.TableComparison people = table(pending, "people");
            assertThat(people.accounted().rejected()).isEqualTo(2);
            assertThat(people.accounted().converted()).isEqualTo(1); // Bob's zero date, NULL as recorded
            assertThat(people.accounted().text()).contains("2 rejected (in " + file + ".rejects.json)")
                    .contains("1 converted, as recorded");
            assertThat(people.firstDifference()).isNull(); // neither counted as missing nor as a difference
            assertThat(people.expectedRows()).isEqualTo(people.actualRows()).isEqualTo(3);
            assertThat(people.expectedSha256()).isEqualTo(people.actualSha256());
            assertThat(people.equal()).isFalse(); // two rows are not on the target yet
            VerifyResult.TableComparison plain = table(pending, "plain");
            assertThat(plain.equal()).isFalse();
            assertThat(plain.firstDifference()).isEqualTo("(id=2) differs in note: 'b' vs 'changed'");
            try (Statement st = target.jdbc().createStatement()) {
                st.execute("update plain set note = 'b' where id = 2");
            }

            // the rejects fixed on their way in (their own changes report), appended: equal
            ImportResult appended = new Importer(target, ProgressListener.NONE).importFile(
                    ImportOptions.all(result.rejectsFile()).withConvert(List.of("invalid-to-null")));
            assertThat(appended.rowsImported()).isEqualTo(2);
            VerifyResult after = new Verifier(target, ProgressListener.NONE).againstFile(file, List.of());
            assertThat(after.allEqual()).as(after.toString()).isTrue();
            assertThat(table(after, "people").accounted().converted()).isEqualTo(3);
            assertThat(table(after, "people").expectedRows()).isEqualTo(5);

            // a recorded NULL that the target no longer holds is a difference again
            try (Statement st = target.jdbc().createStatement()) {
                st.execute("update people set qty = 7 where id = 3");
            }
            VerifyResult edited = new Verifier(target, ProgressListener.NONE).againstFile(file, List.of());
            assertThat(table(edited, "people").firstDifference()).isEqualTo("(id=3) differs in qty: 'abc' vs '7'");
        }
    }

    private static VerifyResult.TableComparison table(VerifyResult result, String name) {
        return result.tables().stream().filter(t -> t.table().equals(name)).findFirst().orElseThrow();
    }
}
