package io.dbferry.core.transfer;

import io.dbferry.core.progress.OperationCancelledException;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.ConnectionRequest;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.core.transfer.imports.Importer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ctrl-C in the shell comes to the core as {@link ProgressListener#cancelled()}: what each operation does then. */
class CancellationTest {

    private static final String SCHEMA = """
            create table parent (id integer primary key, name text not null);
            create table child (id integer primary key, parent_id integer not null references parent(id), note text);
            """;

    @TempDir
    Path tmp;

    private final Session session = new Session();
    private Path dump;

    @BeforeEach
    void setUp() throws Exception {
        Path source = tmp.resolve("source.sqlite3");
        Path target = tmp.resolve("target.sqlite3");
        create(source, true);
        create(target, false);
        session.connect(Side.SOURCE, new ConnectionRequest("sqlite:" + source, null, null));
        session.connect(Side.TARGET, new ConnectionRequest("sqlite:" + target, null, null));
        dump = tmp.resolve("data.json.gz");
        new Exporter(session.require(Side.SOURCE), ProgressListener.NONE)
                .export(new ExportOptions(dump, List.of(), List.of(), Map.of(), false, false));
    }

    @AfterEach
    void tearDown() {
        session.close();
    }

    private static void create(Path file, boolean fill) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String sql : SCHEMA.split(";")) {
                if (!sql.isBlank()) {
                    s.execute(sql);
                }
            }
            if (fill) {
                c.setAutoCommit(false);
                try (PreparedStatement p = c.prepareStatement("insert into parent values (?, ?)")) {
                    for (int i = 1; i <= 100; i++) {
                        p.setInt(1, i);
                        p.setString(2, "parent " + i);
                        p.addBatch();
                    }
                    p.executeBatch();
                }
                try (PreparedStatement p = c.prepareStatement("insert into child values (?, ?, ?)")) {
                    for (int i = 1; i <= 20_000; i++) {
                        p.setInt(1, i);
                        p.setInt(2, i % 100 + 1);
                        p.setString(3, "note " + i);
                        p.addBatch();
                    }
                    p.executeBatch();
                }
                c.commit();
            }
        }
    }

    /** Cancels once the named table has reached the given rows; records what it was told. */
    private static class CancelAt implements ProgressListener {
        final String table;
        final long rows;
        final List<String> events = new ArrayList<>();
        volatile boolean cancelled;

        CancelAt(String table, long rows) {
            this.table = table;
            this.rows = rows;
        }

        @Override
        public void planned(List<String> tables, Map<String, Long> expectedRows) {
            events.add("planned " + tables + " " + expectedRows);
        }

        @Override
        public void rowsDone(String t, long done) {
            if (t.equals(table) && done >= rows) {
                cancelled = true;
            }
        }

        @Override
        public void tableFailed(String t, String reason) {
            events.add("failed " + t + ": " + reason);
        }

        @Override
        public boolean cancelled() {
            return cancelled;
        }
    }

    private long count(String table) throws Exception {
        try (Statement s = session.require(Side.TARGET).jdbc().createStatement();
             ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void cancelledImportRollsBackTheTableInFlightAndRetryFinishesIt() throws Exception {
        CancelAt listener = new CancelAt("child", 5_000);
        ImportResult result = new Importer(session.require(Side.TARGET), listener)
                .importFile(new ImportOptions(dump, List.of(), false, false, 1000, false));

        assertThat(listener.events.get(0)).isEqualTo("planned [parent, child] {parent=100, child=20000}");
        assertThat(result.succeeded()).isFalse();
        ImportJournal.Entry child = result.tables().stream().filter(e -> e.table().equals("child")).findFirst().orElseThrow();
        assertThat(child.state()).isEqualTo(TableState.FAILED);
        assertThat(child.reason()).isEqualTo(OperationCancelledException.REASON);
        assertThat(count("parent")).isEqualTo(100);
        assertThat(count("child")).isZero();
        assertThat(ImportJournal.read(dump).orElseThrow().entry("child").orElseThrow().reason())
                .isEqualTo("cancelled by the operator");

        ImportResult retry = new Importer(session.require(Side.TARGET), ProgressListener.NONE)
                .importFile(new ImportOptions(dump, List.of(), false, true, 1000, false));
        assertThat(retry.succeeded()).isTrue();
        assertThat(retry.tables()).extracting(ImportJournal.Entry::table).containsExactly("child");
        assertThat(count("child")).isEqualTo(20_000);
    }

    @Test
    void tablesAfterTheCancelledOneAreSkippedAsCancelled() {
        // cancel between tables: the first table finishes, the next is not started
        ProgressListener between = new ProgressListener() {
            boolean parentDone;

            @Override
            public void tableFinished(String table, long rows) {
                parentDone |= table.equals("parent");
            }

            @Override
            public boolean cancelled() {
                return parentDone;
            }
        };
        ImportResult result = new Importer(session.require(Side.TARGET), between)
                .importFile(new ImportOptions(dump, List.of(), false, false, 1000, false));
        assertThat(result.tables()).extracting(e -> e.table() + " " + e.state() + " " + e.reason())
                .containsExactly("parent DONE null", "child SKIPPED cancelled by the operator");
    }

    @Test
    void cancelledExportWritesNoFile() {
        Path file = tmp.resolve("cancelled.json");
        assertThatThrownBy(() -> new Exporter(session.require(Side.SOURCE), new CancelAt("child", 0) {
            @Override
            public boolean cancelled() {
                return true;
            }
        }).export(new ExportOptions(file, List.of(), List.of(), Map.of(), false, false)))
                .isInstanceOf(OperationCancelledException.class);
        assertThat(file).doesNotExist();
        assertThat(tmp.toFile().list()).noneMatch(n -> n.contains("partial"));
    }

    @Test
    void cancelledVerifyStops() {
        assertThatThrownBy(() -> new Verifier(session.require(Side.TARGET), new CancelAt("x", 0) {
            @Override
            public boolean cancelled() {
                return true;
            }
        }).againstFile(dump, List.of())).isInstanceOf(OperationCancelledException.class);
    }
}
