package io.dbferry.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbferry.core.DbferryException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableNamesTest {

    private static final List<String> CHINOOK = List.of("Album", "Artist", "Customer", "Employee", "Genre", "Invoice",
            "InvoiceLine", "MediaType", "Playlist", "PlaylistTrack", "Track");

    @Test
    void closestPutsPrefixMatchesFirst() {
        assertThat(TableNames.closest("Trac", CHINOOK, 3)).containsExactly("Track");
        assertThat(TableNames.closest("invoice_line", CHINOOK, 3)).contains("InvoiceLine").doesNotContain("Track");
        assertThat(TableNames.closest("Playlst", CHINOOK, 3)).containsExactly("Playlist");
        assertThat(TableNames.closest("Playlis", CHINOOK, 1)).containsExactly("Playlist");
        assertThat(TableNames.closest("Zebra", CHINOOK, 3)).isEmpty();
    }

    @Test
    void selectKeepsCatalogOrderAndExpandsGlobs() {
        assertThat(TableNames.select("Track,Invoice*", CHINOOK)).containsExactly("Invoice", "InvoiceLine", "Track");
        assertThat(TableNames.select("playlist?", CHINOOK)).isEmpty();
        assertThat(TableNames.select("nothing*", CHINOOK)).isEmpty();
    }

    @Test
    void selectOfAnUnknownNameSuggestsTheClosest() {
        assertThatThrownBy(() -> TableNames.select("Track,Gnre", CHINOOK))
                .isInstanceOfSatisfying(DbferryException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("There is no table 'Gnre'.");
                    assertThat(e.nextStep()).isEqualTo("Did you mean 'Genre'?");
                });
    }

    @Test
    void namesAndGlobsMatchExactlyAndOnlySuggestionsIgnoreCase() {
        List<String> pair = List.of("Foo", "foo", "food");
        assertThat(TableNames.select("Foo", pair)).containsExactly("Foo");
        assertThat(TableNames.select("foo", pair)).containsExactly("foo");
        assertThat(TableNames.select("f*", pair)).containsExactly("foo", "food");
        assertThat(TableNames.select("F??", pair)).containsExactly("Foo");
        assertThat(TableNames.filter(List.of("Foo")).test("foo")).isFalse();
        assertThat(TableNames.filter(List.of("Foo")).test("Foo")).isTrue();
        assertThatThrownBy(() -> TableNames.select("FOO", pair))
                .isInstanceOfSatisfying(DbferryException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("There is no table 'FOO'.");
                    assertThat(e.nextStep()).isEqualTo("Did you mean 'Foo', 'foo' or 'food'?");
                });
    }

    @Test
    void quoteListReadsAsEnglish() {
        assertThat(TableNames.quoteList(List.of("a"))).isEqualTo("'a'");
        assertThat(TableNames.quoteList(List.of("a", "b", "c"))).isEqualTo("'a', 'b' or 'c'");
    }
}
