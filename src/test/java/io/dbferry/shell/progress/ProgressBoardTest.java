package io.dbferry.shell.progress;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBoardTest {

    private final AtomicLong clock = new AtomicLong();
    private final ProgressBoard board = new ProgressBoard("import-records ← data.json.gz", "Ctrl-C cancels.", clock::get);

    private static final long SECOND = 1_000_000_000L;

    @Test
    void showsEveryTableWithRatesEtaAndTheOverallBar() {
        board.planned(List.of("Artist", "Album", "Track"), Map.of("Artist", 275L, "Album", 347L, "Track", 1_000_000L));
        board.tableStarted("Artist", 275);
        clock.addAndGet(SECOND / 2);
        board.tableFinished("Artist", 275);
        board.tableStarted("Album", 347);
        board.tableFailed("Album", "row 3: Data too long");
        board.tableStarted("Track", 1_000_000);
        clock.addAndGet(10 * SECOND);
        board.rowsDone("Track", 250_000);

        List<String> lines = board.render(120, 40);
        String text = String.join("\n", lines);
        assertThat(lines.get(0)).startsWith("dbferry import-records ← data.json.gz").endsWith("elapsed 0:11   errors 1");
        assertThat(text).contains("Artist").contains("275 of 275").contains("done");
        assertThat(text).contains("failed: row 3: Data too");
        String track = lines.stream().filter(l -> l.startsWith("Track")).findFirst().orElseThrow();
        assertThat(track).contains("250,000 of 1,000,000").contains(" 25%").contains("25,000").contains("0:30").contains("running");
        String overall = lines.stream().filter(l -> l.startsWith("overall")).findFirst().orElseThrow();
        assertThat(overall).contains("2 of 3 tables").contains("ETA").contains("elapsed 0:11");
        assertThat(lines).allMatch(l -> l.length() <= 120);
        assertThat(board.errors()).isEqualTo(1);
    }

    @Test
    void unknownExpectedRowsShowCountsWithoutEta() {
        board.planned(List.of("a", "b"), Map.of());
        board.tableStarted("a", -1);
        clock.addAndGet(2 * SECOND);
        board.rowsDone("a", 20_000);
        String text = String.join("\n", board.render(100, 30));
        assertThat(text).contains("20,000").contains("10,000").contains("0 of 2 tables").contains("waiting");
    }

    @Test
    void manyTablesScrollToTheOneRunningAndFitTheHeight() {
        List<String> names = java.util.stream.IntStream.range(0, 60).mapToObj(i -> "table_" + i).toList();
        board.planned(names, Map.of());
        for (int i = 0; i < 40; i++) {
            board.tableStarted(names.get(i), 10);
            board.tableFinished(names.get(i), 10);
        }
        board.tableStarted("table_40", 10);
        board.cancelling();
        List<String> lines = board.render(80, 20);
        assertThat(lines).hasSizeLessThanOrEqualTo(20);
        assertThat(String.join("\n", lines)).contains("table_40").contains("of 60)").contains("Cancelling");
    }

    @Test
    void aTableWhoseRowsStopMovingSaysItWaitsForTheServer() {
        board.planned(List.of("part"), Map.of("part", 100_000L));
        board.tableStarted("part", 100_000);
        clock.addAndGet(SECOND);
        board.rowsDone("part", 5_000);
        clock.addAndGet(9 * SECOND);
        String moving = board.render(160, 20).stream().filter(l -> l.startsWith("part")).findFirst().orElseThrow();
        assertThat(moving).endsWith("running");

        clock.addAndGet(6 * SECOND);
        board.rowsDone("part", 5_000); // the same count again: nothing moved
        String stalled = board.render(160, 20).stream().filter(l -> l.startsWith("part")).findFirst().orElseThrow();
        assertThat(stalled).endsWith("running, no rows for 0:15 (waiting for the server)");

        board.rowsDone("part", 6_000);
        assertThat(board.render(160, 20).stream().filter(l -> l.startsWith("part")).findFirst().orElseThrow()).endsWith("running");
    }
}
