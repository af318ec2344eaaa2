package io.dbferry.core.transfer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static io.dbferry.testing.TestDatabases.*;
import static io.dbferry.core.transfer.TransferSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * --jobs: groups of tables that share no foreign key load at once on connections of their own, on the
 * real servers; the result is the same as loading one table at a time, and a failure stays in its group.
 */
class ParallelImportTest {

    @TempDir
    Path dir;

    private String source;
    private Path dump;

    /** Three groups: parent <- child <- grandchild, a self-referencing tree, and a lone table. */
    @BeforeEach
    void sourceAndDump() throws Exception {
        source = sqliteUrl(dir.resolve("source.sqlite"));
        try (Connection c = jdbc(source); Statement s = c.createStatement()) {
            s.execute("create table parent (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL)");
            s.execute("create table child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id), note VARCHAR(40))");
            s.execute("create table grandchild (id INTEGER PRIMARY KEY, child_id INTEGER REFERENCES child(id), v REAL)");
            s.execute("create table tree (id INTEGER PRIMARY KEY, up INTEGER REFERENCES tree(id), label VARCHAR(40))");
            s.execute("create table lone (id INTEGER PRIMARY KEY, payload VARCHAR(40))");
            s.execute("with recursive n(i) as (select 1 union all select i + 1 from n where i < 2000) insert into parent select i, 'parent ' || i from n");
            s.execute("with recursive n(i) as (select 1 union all select i + 1 from n where i < 20000) insert into child select i, 1 + i % 2000, 'child ' || i from n");
            s.execute("with recursive n(i) as (select 1 union all select i + 1 from n where i < 30000) insert into grandchild select i, 1 + i % 20000, i * 0.5 from n");
            s.execute("with recursive n(i) as (select 1 union all select i + 1 from n where i < 5000) insert into tree select i, case when i = 1 then null else i / 2 end, 'node ' || i from n");
            s.execute("with recursive n(i) as (select 1 union all select i + 1 from n where i < 40000) insert into lone select i, 'lone row ' || i from n");
        }
        dump = dir.resolve("data.json.gz");
        export(source, ExportOptions.all(dump));
    }

    private void loadsTheSameAsOneAtATime(String target) throws Exception {
        copySchema(source, target, List.of(), Map.of());
        ImportResult result = importFile(target, ImportOptions.all(dump).withJobs(3));
        assertAllDone(result);
        assertThat(result.constraintViolations()).isEmpty();
        assertAllEqual(verifyAgainstSource(source, target, List.of()), 5);
        assertThat(ImportJournal.read(dump).orElseThrow().entries()).extracting(ImportJournal.Entry::state)
                .containsOnly(TableState.DONE);
    }

    @Test
    void postgres() throws Exception {
        loadsTheSameAsOneAtATime(freshPostgres("xfer_jobs"));
    }

    @Test
    void mariadb() throws Exception {
        loadsTheSameAsOneAtATime(freshMaria("xfer_jobs"));
    }

    @Test
    void aFailureSkipsOnlyItsOwnGroup() throws Exception {
        String target = freshPostgres("xfer_jobs_fail");
        copySchema(source, target, List.of(), Map.of());
        execute(target, "alter table child alter column note type varchar(4)");
        ImportResult result = importFile(target, ImportOptions.all(dump).withJobs(2).withSkipValidation(true));
        Map<String, TableState> states = new java.util.HashMap<>();
        result.tables().forEach(e -> states.put(e.table(), e.state()));
        assertThat(states).containsEntry("parent", TableState.DONE).containsEntry("child", TableState.FAILED)
                .containsEntry("grandchild", TableState.SKIPPED).containsEntry("tree", TableState.DONE)
                .containsEntry("lone", TableState.DONE);
        assertThat(count(target, "child")).isZero();
        assertThat(count(target, "lone")).isEqualTo(40_000);
        assertThat(count(target, "tree")).isEqualTo(5_000);
    }

    @Test
    void sqliteLoadsOneTableAtATime() throws Exception {
        String target = sqliteUrl(dir.resolve("target.sqlite"));
        copySchema(source, target, List.of(), Map.of());
        assertAllDone(importFile(target, ImportOptions.all(dump).withJobs(4)));
        assertAllEqual(verifyAgainstSource(source, target, List.of()), 5);
    }
}
