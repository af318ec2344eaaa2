package io.dbferry.shell.completion;

import io.dbferry.testing.ShellContexts;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbferry.core.session.ConnectionRequest;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.testing.Datasets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.Shell;

/**
 * Tab completion through Spring Shell's own {@link Shell#complete}, in the application's real context: the
 * same resolvers and value providers that JLine calls on Tab. The context starts without running dbferry's
 * runner (see {@link ShellContexts}), so no interactive loop waits for a terminal.
 */
class TableNameCompletionTest {


    @TempDir
    static Path tmp;

    private static ConfigurableApplicationContext context;
    private static Shell shell;
    private static Session session;
    private static TableNameCache cache;

    @BeforeAll
    static void start() throws Exception {
        // a generous bound: this test is about which names, CompletionBoundsTest about the time
        context = ShellContexts.start(tmp, "dbferry.completion.wait=20s");
        shell = context.getBean(Shell.class);
        session = context.getBean(Session.class);
        cache = context.getBean(TableNameCache.class);

        // a target whose tables differ from the source's, so the side is visible in the proposals
        Path target = tmp.resolve("target.sqlite3");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + target); Statement s = c.createStatement()) {
            s.execute("create table TrackingEvent (id integer primary key)");
            s.execute("create table Tractor (id integer primary key)");
        }
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @BeforeEach
    void connect() {
        session.connect(Side.SOURCE, new ConnectionRequest("sqlite:" + Datasets.chinookSqlite(), null, null));
        session.connect(Side.TARGET, new ConnectionRequest("sqlite:" + tmp.resolve("target.sqlite3"), null, null));
        cache.invalidate();
    }

    /** What Tab offers for {@code line} with the cursor at its end (JLine then keeps those that match the word). */
    private static List<String> complete(String line) {
        List<String> words = new java.util.ArrayList<>(List.of(line.split(" ", -1)));
        int wordIndex = words.size() - 1;
        int position = words.get(wordIndex).length();
        return complete(words, wordIndex, position);
    }

    private static List<String> complete(List<String> words, int wordIndex, int position) {
        List<CompletionProposal> proposals = shell.complete(new CompletionContext(words, wordIndex, position, null, null));
        String word = words.get(wordIndex).substring(0, position);
        return proposals.stream().map(CompletionProposal::value).filter(v -> v.startsWith(word)).distinct().toList();
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
        session.disconnect(Side.TARGET);
        cache.invalidate();
        assertThat(complete("describe --on target Tra")).isEmpty();
        assertThat(complete("describe Trac")).containsExactly("Track");
    }
}
