package io.dbferry.core.transfer;

import io.dbferry.testing.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.dbferry.testing.TestDatabases.*;
import static io.dbferry.core.transfer.TransferSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A --where subset with its parents, and a failed table fixed and retried alone. */
class SubsetAndRetryTest {

    private static final List<String> CHINOOK = List.of("Album", "Artist", "Customer", "Employee", "Genre", "Invoice",
            "InvoiceLine", "MediaType", "Playlist", "PlaylistTrack", "Track");

    @TempDir
    Path dir;

    @Test
    void invoiceLinesWithTheirParentsImportCleanlyWithForeignKeysEnforced() throws Exception {
        String chinook = sqliteUrl(Datasets.chinookSqlite());
        Path file = dir.resolve("subset.json.gz");
        ExportResult exported = export(chinook, new ExportOptions(file, List.of("InvoiceLine"), List.of(),
                Map.of("InvoiceLine", "\"InvoiceId\" <= 5"), true, false));
        Map<String, Long> rows = exported.tables().stream()
                .collect(Collectors.toMap(ExportResult.TableExport::table, ExportResult.TableExport::rows));
        assertThat(rows.keySet()).containsExactlyInAnyOrder("InvoiceLine", "Invoice", "Customer", "Employee", "Track",
                "Album", "Artist", "Genre", "MediaType");

        // what the subset must hold, computed on the source by SQL of its own
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("InvoiceLine", "select count(*) from InvoiceLine where InvoiceId <= 5");
        expected.put("Invoice", "select count(distinct InvoiceId) from InvoiceLine where InvoiceId <= 5");
        expected.put("Customer", "select count(distinct CustomerId) from Invoice where InvoiceId <= 5");
        expected.put("Track", "select count(distinct TrackId) from InvoiceLine where InvoiceId <= 5");
        expected.put("Album", "select count(distinct t.AlbumId) from InvoiceLine l join Track t using (TrackId) where l.InvoiceId <= 5");
        expected.put("Employee", """
                with recursive chain(id) as (
                  select c.SupportRepId from Invoice i join Customer c using (CustomerId) where i.InvoiceId <= 5
                  union select e.ReportsTo from Employee e join chain on e.EmployeeId = chain.id where e.ReportsTo is not null)
                select count(distinct id) from chain""");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertThat(rows.get(e.getKey())).as(e.getKey()).isEqualTo(((Number) value(chinook, e.getValue())).longValue());
        }
        assertThat(rows.get("Employee")).as("the managers up to the general manager come along").isGreaterThan(
                ((Number) value(chinook, "select count(distinct c.SupportRepId) from Invoice i join Customer c using (CustomerId) where i.InvoiceId <= 5")).longValue());

        // into an empty SQLite (foreign keys enforced by the engine, checked with its own PRAGMA) and PostgreSQL
        String sqlite = sqliteUrl(dir.resolve("subset.sqlite"));
        String pg = freshPostgres("xfer_subset");
        for (String target : List.of(sqlite, pg)) {
            copySchema(chinook, target, CHINOOK, Map.of());
            ImportResult result = importAll(target, file);
            assertAllDone(result);
            assertAllEqual(target, verifyAgainstFile(target, file, List.of()), rows.size());
            assertThat(count(target, "InvoiceLine")).isEqualTo(rows.get("InvoiceLine"));
        }
        try (Connection c = jdbc(sqlite); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
            assertThat(rs.next()).as("no row of the subset references a missing parent").isFalse();
        }
        // PostgreSQL, checks on: every reference of the loaded rows resolves (validated by the engine itself)
        for (String[] fk : new String[][] {{"InvoiceLine", "Track", "TrackId"}, {"InvoiceLine", "Invoice", "InvoiceId"},
                {"Invoice", "Customer", "CustomerId"}, {"Track", "Album", "AlbumId"}, {"Album", "Artist", "ArtistId"}}) {
            assertThat(value(pg, "select count(*) from \"" + fk[0] + "\" c where not exists (select 1 from \"" + fk[1]
                    + "\" p where p.\"" + fk[2] + "\" = c.\"" + fk[2] + "\")")).as("%s → %s", fk[0], fk[1]).isEqualTo(0L);
        }
        assertThat(value(pg, "select count(*) from \"Employee\" e where \"ReportsTo\" is not null and not exists "
                + "(select 1 from \"Employee\" m where m.\"EmployeeId\" = e.\"ReportsTo\")")).isEqualTo(0L);
        assertThat(value(pg, "select count(*) from \"Customer\" c where not exists "
                + "(select 1 from \"Employee\" m where m.\"EmployeeId\" = c.\"SupportRepId\")")).isEqualTo(0L);
    }

    @Test
    void aFailedTableIsFixedAndRetriedAlone() throws Exception {
        String chinook = sqliteUrl(Datasets.chinookSqlite());
        String maria = freshMaria("xfer_retry");
        copySchema(chinook, maria, CHINOOK, Map.of());
        execute(maria, "alter table Track modify Name varchar(10) not null");
        Path file = dir.resolve("chinook.json.gz");
        export(chinook, ExportOptions.all(file));

        assertThatThrownBy(() -> importFile(maria, ImportOptions.all(file).withCheckFirst(true)))
                .as("--check-first: the check sees the narrow column before anything is written")
                .hasMessageContaining("Track.Name").hasMessageContaining("(TrackId=1)");
        assertThat(count(maria, "Artist")).isZero();
        // by default each table is checked as it loads: Track is read to its end, listed and rolled back, its
        // dependents read and checked but not written, the independent tables committed
        TablesRefused refused = catchThrowableOfType(() -> importAll(maria, file), TablesRefused.class);
        assertThat(refused.getMessage()).contains("Track.Name", "(TrackId=1)", "For Those", "rolled back: Track",
                "not written", "PlaylistTrack", "committed: ").doesNotContain("nothing was written");
        assertThat(refused.report().errors()).hasSize(1);
        assertThat(refused.report().errors().get(0).count()).as("every too long name of the table, not the first")
                .isEqualTo(((Number) value(chinook, "select count(*) from Track where length(Name) > 10")).longValue());
        assertThat(refused.nextStep()).contains("--retry-failed", "--check-first");
        ImportResult first = refused.result();
        assertThat(first.succeeded()).isFalse();
        Map<String, ImportJournal.Entry> byTable = first.tables().stream()
                .collect(Collectors.toMap(ImportJournal.Entry::table, e -> e));
        ImportJournal.Entry track = byTable.get("Track");
        assertThat(track.state()).isEqualTo(TableState.FAILED);
        assertThat(track.column()).isEqualTo("Name");
        assertThat(track.reason()).contains("Track.Name", "TrackId=1", "longer");
        for (String dependent : List.of("PlaylistTrack", "InvoiceLine")) {
            assertThat(byTable.get(dependent).state()).as(dependent).isEqualTo(TableState.SKIPPED);
            assertThat(byTable.get(dependent).reason()).contains("Track");
        }
        for (String independent : List.of("Album", "Artist", "Customer", "Employee", "Genre", "Invoice", "MediaType", "Playlist")) {
            assertThat(byTable.get(independent).state()).as(independent).isEqualTo(TableState.DONE);
            assertThat(byTable.get(independent).rowsImported()).isEqualTo(count(chinook, independent));
        }
        assertThat(count(maria, "Track")).isZero();
        assertThat(count(maria, "InvoiceLine")).isZero();

        // the journal on disk says the same
        Path journalFile = ImportJournal.pathFor(file);
        assertThat(journalFile).exists();
        ImportJournal journal = ImportJournal.read(file).orElseThrow();
        assertThat(journal.entry("Track").orElseThrow().state()).isEqualTo(TableState.FAILED);
        assertThat(journal.entry("PlaylistTrack").orElseThrow().state()).isEqualTo(TableState.SKIPPED);
        assertThat(journal.entry("Album").orElseThrow().state()).isEqualTo(TableState.DONE);
        assertThat(Files.readString(journalFile)).contains("\"FAILED\"", "\"SKIPPED\"", "\"DONE\"");

        // a plain import again is refused: the done tables hold rows
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> importAll(maria, file)))
                .hasMessageContaining("already hold rows").hasMessageContaining("Album");

        execute(maria, "alter table Track modify Name varchar(200) not null");
        long albumsBefore = count(maria, "Album");
        ImportResult retried = importFile(maria, retry(file));
        assertAllDone(retried);
        assertThat(retried.tables()).extracting(ImportJournal.Entry::table)
                .containsExactlyInAnyOrder("Track", "PlaylistTrack", "InvoiceLine");
        assertThat(count(maria, "Album")).isEqualTo(albumsBefore);
        assertThat(ImportJournal.read(file).orElseThrow().entries()).allMatch(e -> e.state() == TableState.DONE);
        assertAllEqual(verifyAgainstSource(chinook, maria, List.of()), CHINOOK.size());
        assertAllEqual(verifyAgainstFile(maria, file, List.of()), CHINOOK.size());

        // auto-increment moved past the imported keys: the application can insert right away
        execute(maria, "insert into Artist (Name) values ('new artist')");
        assertThat(((Number) value(maria, "select ArtistId from Artist where Name = 'new artist'")).longValue()).isEqualTo(276L);
    }
}
