package io.dbferry.core.transfer;

import io.dbferry.core.DbferryException;
import io.dbferry.core.dialect.WriterLockHeld;
import io.dbferry.core.dump.DumpColumn;
import io.dbferry.core.dump.DumpHeader;
import io.dbferry.core.dump.DumpWriter;
import io.dbferry.core.model.PortableType;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.imports.Importer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.dbferry.core.transfer.TransferSupport.*;
import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A second writer into the same target while one imports (held mid-way, inside its first table) is
 * refused at once, naming the first, and writes nothing; the first then finishes exact. The table has
 * no primary key, where two loads at once used to leave every row twice.
 */
class TwoWritersTest {

    private static final int ROWS = 500;

    @TempDir
    Path dir;

    private Path dump(String name) throws Exception {
        Path file = dir.resolve(name);
        try (DumpWriter writer = DumpWriter.create(file, new DumpHeader(1, "0.1.0", Instant.parse("2024-05-01T10:15:30Z"),
                "SQLite", "3.45", "s.sqlite3", null))) {
            writer.beginTable("event", List.of(new DumpColumn("n", PortableType.INTEGER, "INTEGER", true, false),
                    new DumpColumn("what", PortableType.TEXT, "TEXT", true, false)));
            for (long i = 1; i <= ROWS; i++) {
                writer.writeRow(new Object[]{i, "event " + i});
            }
            writer.endTable();
        }
        return file;
    }

    private String targetOf(String engine) throws Exception {
        String url = freshTarget(engine, dir, "dbferry_two_writers");
        execute(url, "create table event (n integer, what varchar(40))");
        return url;
    }

    /** Holds the import inside its first table until released. */
    private static final class Holding implements ProgressListener {
        final CountDownLatch inside = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void tableStarted(String table, long expectedRows) {
            inside.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static CompletableFuture<ImportResult> startHeld(String url, Path file, Holding holding) {
        return CompletableFuture.supplyAsync(() -> {
            try (DatabaseConnection target = io.dbferry.testing.TestDatabases.target(url)) {
                return new Importer(target, holding).importFile(ImportOptions.all(file));
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "mariadb", "postgres"})
    void aSecondImportIntoTheSameTargetIsRefusedNamingTheFirstWhichFinishesExact(String engine) throws Exception {
        String url = targetOf(engine);
        Path first = dump("first.json");
        Path second = dump("second.json");
        Holding holding = new Holding();
        CompletableFuture<ImportResult> running = startHeld(url, first, holding);
        try {
            assertThat(holding.inside.await(30, TimeUnit.SECONDS)).as("the first import reached its table").isTrue();

            long before = System.nanoTime();
            WriterLockHeld refused = catchThrowableOfType(() -> importAll(url, second), WriterLockHeld.class);

            assertThat(refused).as("the second import is refused").isNotNull();
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - before)).as("at once, not after a wait").isLessThan(10);
            assertThat(refused.kind()).isEqualTo(DbferryException.Kind.USAGE);
            assertThat(refused.getMessage()).contains("held by", "dbferry");
            if (!engine.equals("mariadb")) {
                // dbferry's own description of the holder: what it imports and its process
                assertThat(refused.getMessage()).contains("first.json", "pid " + ProcessHandle.current().pid());
            } else {
                assertThat(refused.getMessage()).containsPattern("server connection \\d+");
            }
            assertThat(ImportJournal.read(second)).as("the refused import wrote no journal").isEmpty();
        } finally {
            holding.release.countDown();
        }
        ImportResult result = running.get(60, TimeUnit.SECONDS);
        assertAllDone(result);
        assertThat(count(url, "event")).isEqualTo(ROWS);
        assertAllEqual(verifyAgainstFile(url, first, List.of()), 1);

        // the locks are gone with the first import: the next one runs (and finds the table full)
        DbferryException next = catchThrowableOfType(() -> importAll(url, second), DbferryException.class);
        assertThat(next).isNotInstanceOf(WriterLockHeld.class).hasMessageContaining("already hold rows");
        if (engine.equals("sqlite")) {
            assertThat(Files.exists(Path.of(dir.resolve("dbferry_two_writers.sqlite3") + ".dbferry-lock"))).as("lock file removed").isFalse();
        }
    }

    @Test
    void theSameDumpIntoTwoTargetsAtOnceIsRefusedByItsJournal() throws Exception {
        Path file = dump("shared.json");
        String one = sqliteUrl(dir.resolve("one.sqlite3"));
        String two = sqliteUrl(dir.resolve("two.sqlite3"));
        execute(one, "create table event (n integer, what text)");
        execute(two, "create table event (n integer, what text)");
        Holding holding = new Holding();
        CompletableFuture<ImportResult> running = startHeld(one, file, holding);
        try {
            assertThat(holding.inside.await(30, TimeUnit.SECONDS)).isTrue();
            WriterLockHeld refused = catchThrowableOfType(() -> importAll(two, file), WriterLockHeld.class);
            assertThat(refused).isNotNull();
            assertThat(refused.getMessage()).contains("journal of", "shared.json", "pid " + ProcessHandle.current().pid());
            assertThat(count(two, "event")).isZero();
        } finally {
            holding.release.countDown();
        }
        assertAllDone(running.get(60, TimeUnit.SECONDS));
        assertThat(count(one, "event")).isEqualTo(ROWS);
        assertThat(ImportJournal.read(file).orElseThrow().target()).endsWith("one.sqlite3");
    }
}
