package io.dbferry.shell.completion;

import io.dbferry.core.session.ConnectionRequest;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.testing.Datasets;
import io.dbferry.testing.ShellContexts;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.Shell;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The application's real context for completion tests, with Chinook as the source and a SQLite target
 * holding the tables given, and Tab asked of Spring Shell as JLine asks it: {@link Shell#complete}, keeping
 * what JLine keeps (the proposals that start with the word). The wait for table names is generous here:
 * these tests are about which names; {@code BoundedLookupsTest} is about the time.
 */
final class TabShell implements AutoCloseable {

    final ConfigurableApplicationContext context;
    final Shell shell;
    final Session session;
    final TableNameCache cache;
    private final Path target;

    private TabShell(Path tmp, String... targetTables) throws SQLException {
        context = ShellContexts.start(tmp, "dbferry.completion.wait=20s");
        shell = context.getBean(Shell.class);
        session = context.getBean(Session.class);
        cache = context.getBean(TableNameCache.class);
        target = tmp.resolve("target.sqlite3");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + target); Statement s = c.createStatement()) {
            for (String table : targetTables) {
                s.execute("create table " + table + " (id integer primary key)");
            }
        }
    }

    static TabShell start(Path tmp, String... targetTables) throws SQLException {
        return new TabShell(tmp, targetTables);
    }

    /** Connects both sides afresh and forgets the names completion has read. */
    void connect() {
        session.connect(Side.SOURCE, new ConnectionRequest("sqlite:" + Datasets.chinookSqlite(), null, null));
        session.connect(Side.TARGET, new ConnectionRequest("sqlite:" + target, null, null));
        cache.invalidate();
    }

    /** The proposals for {@code line} with the cursor at its end, each value once. */
    List<CompletionProposal> proposals(String line) {
        List<String> words = List.of(line.split(" ", -1));
        int index = words.size() - 1;
        return proposals(words, index, words.get(index).length());
    }

    List<CompletionProposal> proposals(List<String> words, int wordIndex, int position) {
        String word = words.get(wordIndex).substring(0, position);
        List<CompletionProposal> kept = new ArrayList<>();
        for (CompletionProposal p : shell.complete(new CompletionContext(words, wordIndex, position, null, null))) {
            if (p.value().startsWith(word) && kept.stream().noneMatch(k -> k.value().equals(p.value()))) {
                kept.add(p);
            }
        }
        return kept;
    }

    List<String> values(String line) {
        return proposals(line).stream().map(CompletionProposal::value).toList();
    }

    List<String> values(List<String> words, int wordIndex, int position) {
        return proposals(words, wordIndex, position).stream().map(CompletionProposal::value).toList();
    }

    @Override
    public void close() {
        context.close();
    }
}
