package io.dbferry.core.inspect;

import io.dbferry.core.DbferryException;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.ForeignKey;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Session;
import io.dbferry.testing.Chinook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@link Inspector} must tell about Chinook on every engine. Subclasses open the connection; names are
 * Chinook's PascalCase ones, mapped through {@link #name(String)} (PostgreSQL's script uses snake_case).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InspectorContract {

    protected final Session session = new Session();

    /** The open connection to Chinook (opened once per class). */
    protected abstract DatabaseConnection connection();

    /** The engine's name for a Chinook table or column given in PascalCase. */
    protected abstract String name(String pascalCase);

    protected abstract String expectedEngine();

    protected abstract String expectedCharacterSet();

    protected abstract String expectedDatabase();

    @AfterAll
    void closeSession() {
        session.close();
    }

    private Inspector inspector() {
        return new Inspector(connection());
    }

    @Test
    void listsTheElevenChinookTables() {
        assertThat(inspector().tables()).containsExactlyInAnyOrderElementsOf(
                Chinook.ROW_COUNTS.keySet().stream().map(this::name).toList());
    }

    @Test
    void countsEveryTableExactly() {
        Map<String, Long> counts = inspector().counts(List.of()).stream()
                .collect(Collectors.toMap(Inspector.TableCount::table, Inspector.TableCount::rows));
        assertThat(counts).containsEntry(name("Track"), 3503L).containsEntry(name("PlaylistTrack"), 8715L);
        Chinook.ROW_COUNTS.forEach((table, rows) -> assertThat(counts).containsEntry(name(table), rows.longValue()));
    }

    @Test
    void countsOnlyTheNamedTablesInTheOrderGivenAndNamesAreExact() {
        List<Inspector.TableCount> counts = inspector().counts(List.of(name("Track"), name("Genre")));
        assertThat(counts).containsExactly(new Inspector.TableCount(name("Track"), 3503),
                new Inspector.TableCount(name("Genre"), 25));
        // Foo and foo can be two tables, so a name in another case is only a suggestion
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> inspector().counts(List.of(name("Track").toUpperCase())))
                .isInstanceOfSatisfying(io.dbferry.core.DbferryException.class,
                        e -> assertThat(e.nextStep()).contains("'" + name("Track") + "'"));
    }

    @Test
    void describesTrackColumnsPrimaryKeyAndForeignKeysBothWays() {
        Inspector.Description d = inspector().describe(name("Track"));
        assertThat(d.table().name()).isEqualTo(name("Track"));
        assertThat(d.table().columnNames()).containsExactly(name("TrackId"), name("Name"), name("AlbumId"),
                name("MediaTypeId"), name("GenreId"), name("Composer"), name("Milliseconds"), name("Bytes"),
                name("UnitPrice"));
        assertThat(d.table().primaryKey()).containsExactly(name("TrackId"));

        Column trackName = d.table().column(name("Name")).orElseThrow();
        assertThat(trackName.nullable()).isFalse();
        assertThat(trackName.size()).isEqualTo(200);
        assertThat(d.table().column(name("Composer")).orElseThrow().nullable()).isTrue();
        assertThat(d.table().column(name("UnitPrice")).orElseThrow().portableType().name()).isEqualTo("DECIMAL");
        assertThat(d.table().column(name("TrackId")).orElseThrow().portableType().name()).isEqualTo("INTEGER");

        assertThat(d.table().foreignKeys()).extracting(ForeignKey::referencedTable)
                .containsExactlyInAnyOrder(name("Album"), name("Genre"), name("MediaType"));
        ForeignKey album = d.table().foreignKeys().stream()
                .filter(fk -> fk.referencedTable().equals(name("Album"))).findFirst().orElseThrow();
        assertThat(album.columns()).containsExactly(name("AlbumId"));
        assertThat(album.referencedColumns()).containsExactly(name("AlbumId"));

        assertThat(d.referencedBy()).extracting(ForeignKey::table)
                .containsExactlyInAnyOrder(name("InvoiceLine"), name("PlaylistTrack"));
        assertThat(d.referencedBy()).allSatisfy(fk -> {
            assertThat(fk.referencedTable()).isEqualTo(name("Track"));
            assertThat(fk.columns()).containsExactly(name("TrackId"));
        });
    }

    @Test
    void describesACompositePrimaryKeyInKeyOrder() {
        Inspector.Description d = inspector().describe(name("PlaylistTrack"));
        assertThat(d.table().primaryKey()).containsExactly(name("PlaylistId"), name("TrackId"));
        assertThat(d.referencedBy()).isEmpty();
        assertThat(d.table().foreignKeys()).extracting(ForeignKey::referencedTable)
                .containsExactlyInAnyOrder(name("Playlist"), name("Track"));
    }

    @Test
    void peekHonoursTheLimitAndOrdersByPrimaryKey() {
        Inspector.Sample sample = inspector().peek(name("Track"), 3);
        assertThat(sample.rows()).hasSize(3);
        assertThat(sample.columns()).extracting(Column::name).first().isEqualTo(name("TrackId"));
        assertThat(sample.rows()).extracting(r -> r[0]).containsExactly(1L, 2L, 3L);
        assertThat(sample.rows().get(0)[1]).isEqualTo("For Those About To Rock (We Salute You)");
        assertThat(sample.rows().get(1)[1]).isEqualTo("Balls to the Wall");
    }

    @Test
    void peekOrdersByEveryColumnOfACompositeKey() {
        // the scripts insert PlaylistTrack in (1, 3402), (1, 3389), ... order: only ORDER BY gives (1, 1) first
        List<Object[]> rows = inspector().peek(name("PlaylistTrack"), 20).rows();
        assertThat(rows).hasSize(20);
        assertThat(rows.get(0)).containsExactly(1L, 1L);
        for (int i = 1; i < rows.size(); i++) {
            long[] prev = {(Long) rows.get(i - 1)[0], (Long) rows.get(i - 1)[1]};
            long[] cur = {(Long) rows.get(i)[0], (Long) rows.get(i)[1]};
            assertThat(prev[0] < cur[0] || (prev[0] == cur[0] && prev[1] < cur[1]))
                    .as("row %d (%d,%d) after (%d,%d)", i, cur[0], cur[1], prev[0], prev[1]).isTrue();
        }
    }

    @Test
    void peekOfMoreRowsThanTheTableHasGivesThemAll() {
        assertThat(inspector().peek(name("MediaType"), 100).rows()).hasSize(5);
    }

    @Test
    void peekRefusesALimitBelowOne() {
        assertThatThrownBy(() -> inspector().peek(name("Track"), 0))
                .isInstanceOf(DbferryException.class).hasMessageContaining("--limit");
    }

    @Test
    void statusNamesEngineVersionDatabaseCharacterSetAndTableCount() {
        Inspector.Status status = inspector().status();
        assertThat(status.engine()).isEqualTo(expectedEngine());
        assertThat(status.version()).matches("\\d+\\.\\d+(\\.\\d+)?");
        assertThat(status.database()).isEqualTo(expectedDatabase());
        assertThat(status.characterSet()).isEqualToIgnoringCase(expectedCharacterSet());
        assertThat(status.tables()).isEqualTo(11);
        assertThat(status.schemaVersion()).isNull();
        assertThat(status.side()).isEqualTo("source");
        assertThat(status.url()).doesNotContain("password");
    }

    @Test
    void unknownTableSuggestsTheClosestNames() {
        String typo = name("Track").substring(0, name("Track").length() - 1) + "c"; // Tracc / tracc
        assertThatThrownBy(() -> inspector().describe(typo))
                .isInstanceOfSatisfying(DbferryException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("There is no table '" + typo + "'.");
                    assertThat(e.nextStep()).startsWith("Did you mean ").contains("'" + name("Track") + "'");
                });
        assertThatThrownBy(() -> inspector().peek("Invoicee", 1))
                .isInstanceOfSatisfying(DbferryException.class,
                        e -> assertThat(e.nextStep()).contains("'" + name("Invoice") + "'"));
        assertThatThrownBy(() -> inspector().counts(List.of("zzzzzzzz")))
                .isInstanceOfSatisfying(DbferryException.class,
                        e -> assertThat(e.nextStep()).isEqualTo("Run 'tables' to see the names."));
    }

    @Test
    void theSourceSessionIsReadOnly() throws Exception {
        assertThat(connection().isReadOnly()).isTrue();
        assertThat(connection().jdbc().isReadOnly()).isTrue();
        try (var st = connection().jdbc().createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("delete from " + connection().dialect().dsl(connection().jdbc())
                    .render(org.jooq.impl.DSL.name(name("MediaType"))) + " where 1 = 0"))
                    .isInstanceOf(java.sql.SQLException.class);
        }
    }
}
