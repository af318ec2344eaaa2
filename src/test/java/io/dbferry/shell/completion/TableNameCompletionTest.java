package io.dbferry.shell.completion;

import io.dbferry.core.session.Side;
import io.dbferry.testing.ShellContexts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.shell.Shell;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tab completion through Spring Shell's own {@link Shell#complete}, in the application's real context: the
 * same resolvers and value providers that JLine calls on Tab. The context starts without running dbferry's
 * runner (see {@link ShellContexts}), so no interactive loop waits for a terminal.
 */
class TableNameCompletionTest extends TabShellTest {

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        // a target whose tables differ from the source's, so the side is visible in the proposals
        tab = TabShell.start(tmp, "TrackingEvent", "Tractor");
    }

    @Test
    void describeTracCompletesToTrackFromTheSource() {
        assertThat(complete("describe Trac")).containsExactly("Track");
    }

    @Test
    void allSourceTablesAreOfferedForAnEmptyWord() {
        assertThat(complete("describe ")).contains("Album", "PlaylistTrack", "Track").doesNotContain("Tractor");
        assertThat(complete("peek Playl")).containsExactlyInAnyOrder("Playlist", "PlaylistTrack");
        assertThat(complete("count Album Inv")).containsExactlyInAnyOrder("Invoice", "InvoiceLine");
    }

    @Test
    void onTargetSwitchesTheSide() {
        assertThat(complete("describe --on target Trac")).containsExactlyInAnyOrder("TrackingEvent", "Tractor");
        assertThat(complete("peek --limit 3 --on target Tra")).containsExactlyInAnyOrder("TrackingEvent", "Tractor");
        // --on typed after the table name still decides the side of the word being completed
        List<String> words = List.of("describe", "Trac", "--on", "target");
        assertThat(complete(words, 1, 4)).containsExactlyInAnyOrder("TrackingEvent", "Tractor");
        assertThat(complete("describe --on source Trac")).containsExactly("Track");
    }

    @Test
    void sidesAndOptionValuesComplete() {
        assertThat(complete("connect ")).contains("source", "target");
        assertThat(complete("connect t")).containsExactly("target");
        assertThat(complete("describe Track --on t")).containsExactly("target");
    }

    @Test
    void commandNamesComplete() {
        assertThat(complete("desc")).contains("describe");
        assertThat(complete("disc")).contains("disconnect");
    }

    @Test
    void noTablesAreOfferedForASideThatIsNotConnected() {
        tab.session.disconnect(Side.TARGET);
        tab.cache.invalidate();
        assertThat(complete("describe --on target Tra")).isEmpty();
        assertThat(complete("describe Trac")).containsExactly("Track");
    }
}
