package io.dbferry.core.backup;

import io.dbferry.core.dialect.WriterLockHeld;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.ConnectionRequest;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.core.transfer.ImportOptions;
import io.dbferry.core.transfer.imports.Importer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * restore takes the writer lock once for its records, media and verify: a second writer that tries while the
 * verify runs (after the media were written) is refused, naming the restore; after it, the target is free.
 */
class RestoreUnderOneLockTest {

    @TempDir
    Path temp;

    private final Session session = new Session();

    @AfterEach
    void tearDown() {
        session.close();
    }

    /** On each table verify starts (its tables are announced with -1 rows): another import tried into the same target. */
    private static final class SecondWriter implements ProgressListener {
        final String targetUrl;
        final Path otherDump;
        final List<RuntimeException> outcomes = new ArrayList<>();
        final List<Boolean> mediaThere = new ArrayList<>();
        final Path mediaFile;

        SecondWriter(String targetUrl, Path otherDump, Path mediaFile) {
            this.targetUrl = targetUrl;
            this.otherDump = otherDump;
            this.mediaFile = mediaFile;
        }

        @Override
        public void tableStarted(String table, long expectedRows) {
            if (expectedRows != -1) {
                return;
            }
            mediaThere.add(Files.exists(mediaFile));
            try (DatabaseConnection other = target(targetUrl)) {
                new Importer(other, ProgressListener.NONE).importFile(ImportOptions.all(otherDump));
                outcomes.add(null);
            } catch (RuntimeException e) {
                outcomes.add(e);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "mariadb", "postgres"})
    void aSecondWriterDuringTheVerifyAfterTheMediaIsRefused(String engine) throws Exception {
        Path sqlite = temp.resolve("app.sqlite3");
        execute(sqliteUrl(sqlite), "create table note (id integer primary key, body text)", "insert into note values (1, 'one'), (2, 'two')");
        Path media = Files.createDirectories(temp.resolve("media"));
        Files.writeString(media.resolve("a.txt"), "a file");
        session.connect(Side.SOURCE, new ConnectionRequest("sqlite:" + sqlite, null, null));
        Path location = temp.resolve("backups");
        BackupResult written = new Backup(session.require(Side.SOURCE), ProgressListener.NONE,
                Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC))
                .run(new BackupOptions(location, "app", false, false, media, null, null));

        String url = switch (engine) {
            case "sqlite" -> sqliteUrl(temp.resolve("restored.sqlite3"));
            case "mariadb" -> freshMaria("dbferry_hold_restore");
            default -> freshPostgres("dbferry_hold_restore");
        };
        execute(url, "create table note (id integer primary key, body varchar(40))");
        Path other = temp.resolve("other.json.gz");
        export(sqliteUrl(sqlite), io.dbferry.core.transfer.ExportOptions.all(other));
        Path into = temp.resolve("restored-media");
        SecondWriter second = new SecondWriter(url, other, into.resolve("a.txt"));

        RestoreResult result;
        try (DatabaseConnection target = target(url)) {
            result = new Restore(target, second, name -> null)
                    .run(new RestoreOptions(location, written.name(), false, false, into, false, false, false));
        }

        assertThat(result.succeeded()).isTrue();
        assertThat(second.mediaThere).as("verify ran after the media were written").containsExactly(true);
        assertThat(second.outcomes).singleElement().isInstanceOf(WriterLockHeld.class);
        assertThat(second.outcomes.get(0).getMessage()).contains("held by", "dbferry");
        if (!engine.equals("mariadb")) {
            assertThat(second.outcomes.get(0).getMessage()).contains("restoring backup " + written.name());
        }
        assertThat(count(url, "note")).isEqualTo(2);
    }
}
