package io.dbferry.core.transfer;

import io.dbferry.core.DbferryException;
import io.dbferry.core.backup.Backup;
import io.dbferry.core.backup.BackupOptions;
import io.dbferry.core.backup.BackupResult;
import io.dbferry.core.backup.Restore;
import io.dbferry.core.backup.RestoreOptions;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A dump (or backup) holding Foo and foo, into a target that keeps one table for both (SQLite's names ignore
 * case, as MariaDB's with lower_case_table_names do): refused up front, naming both, with nothing written,
 * where both used to load into the one table.
 */
class CaseFoldingTargetTest {

    @TempDir
    Path dir;

    private String pairSource() throws Exception {
        String url = freshPostgres("dbferry_hold_case_src");
        execute(url, "create table \"Foo\" (id integer primary key, name text)", "create table foo (id integer primary key, name text)",
                "insert into \"Foo\" values (1, 'upper')", "insert into foo values (1, 'lower')");
        return url;
    }

    private String foldingTarget() throws Exception {
        String url = sqliteUrl(dir.resolve("folding.sqlite3"));
        execute(url, "create table foo (id integer primary key, name text)");
        return url;
    }

    private static void assertRefusedNamingBoth(DbferryException refused) {
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.kind()).isEqualTo(DbferryException.Kind.TARGET_MISMATCH);
        assertThat(refused.getMessage()).contains("tables Foo and foo of the file would both load into target table foo",
                "nothing was written");
    }

    @Test
    void importOfFooAndFooIntoACaseFoldingTargetIsRefusedByName() throws Exception {
        String source = pairSource();
        Path file = dir.resolve("pair.json");
        export(source, ExportOptions.all(file));
        String target = foldingTarget();

        assertRefusedNamingBoth(catchThrowableOfType(() -> importFile(target, ImportOptions.all(file)), DbferryException.class));
        assertThat(count(target, "foo")).isZero();
    }

    @Test
    void restoreOfABackupHoldingFooAndFooIntoACaseFoldingTargetIsRefusedByName() throws Exception {
        String sourceUrl = pairSource();
        Path location = dir.resolve("backups");
        BackupResult written;
        try (DatabaseConnection source = source(sourceUrl)) {
            written = new Backup(source, ProgressListener.NONE, Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC))
                    .run(new BackupOptions(location, "pair", false, true, null, null, null));
        }
        String target = foldingTarget();

        DbferryException refused;
        try (DatabaseConnection into = io.dbferry.testing.TestDatabases.target(target)) {
            refused = catchThrowableOfType(() -> new Restore(into, ProgressListener.NONE, name -> null)
                    .run(new RestoreOptions(location, written.name(), false, true, null, false, false, false)), DbferryException.class);
        }
        assertRefusedNamingBoth(refused);
        assertThat(count(target, "foo")).isZero();
    }
}
