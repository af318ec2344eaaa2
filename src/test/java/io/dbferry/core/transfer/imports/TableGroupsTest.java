package io.dbferry.core.transfer.imports;

import io.dbferry.core.dump.DumpColumn;
import io.dbferry.core.dump.DumpTable;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.ForeignKey;
import io.dbferry.core.model.PortableType;
import io.dbferry.core.model.Table;
import org.junit.jupiter.api.Test;

import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Tables joined by foreign keys stay in one group; groups come largest first. */
class TableGroupsTest {

    private static final Column ID = new Column("id", "BIGINT", Types.BIGINT, 0, 0, false, null, false, PortableType.INTEGER, null);
    private static final Column PARENT = new Column("parent_id", "BIGINT", Types.BIGINT, 0, 0, true, null, false, PortableType.INTEGER, null);

    private static TargetTable table(String name, String... parents) {
        List<ForeignKey> keys = java.util.Arrays.stream(parents)
                .map(p -> new ForeignKey(name + "_" + p, name, List.of("parent_id"), p, List.of("id"))).toList();
        List<Column> columns = parents.length == 0 ? List.of(ID) : List.of(ID, PARENT);
        DumpTable source = new DumpTable(name, columns.stream()
                .map(c -> new DumpColumn(c.name(), c.portableType(), c.typeName(), c.nullable(), c == ID)).toList());
        return new TargetTable(source, new Table(name, columns, List.of("id"), List.of(), keys), columns, List.of());
    }

    private static final List<TargetTable> LOADING = List.of(table("artist"), table("album", "artist"), table("track", "album"),
            table("genre"), table("playlist"), table("playlist_track", "playlist"));
    private static final Map<String, Long> ROWS = Map.of("artist", 10L, "album", 20L, "track", 30L, "genre", 100L,
            "playlist", 5L, "playlist_track", 1000L);

    @Test
    void oneGroupUnlessSplit() {
        List<Set<String>> groups = TableGroups.of(LOADING, t -> ROWS.get(t.name()), false);
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0)).containsExactly("artist", "album", "track", "genre", "playlist", "playlist_track");
    }

    @Test
    void tablesSharingAForeignKeyLoadTogetherLargestGroupFirst() {
        List<Set<String>> groups = TableGroups.of(LOADING, t -> ROWS.get(t.name()), true);
        assertThat(groups).containsExactly(Set.of("playlist", "playlist_track"), Set.of("genre"), Set.of("artist", "album", "track"));
        assertThat(groups.get(2)).as("file order within a group").containsExactly("artist", "album", "track");
    }

    @Test
    void aKeyToATableNotBeingLoadedJoinsNothing() {
        List<TargetTable> some = List.of(table("album", "artist"), table("genre"));
        assertThat(TableGroups.of(some, t -> ROWS.get(t.name()), true)).containsExactly(Set.of("genre"), Set.of("album"));
    }
}
