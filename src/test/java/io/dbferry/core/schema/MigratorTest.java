package io.dbferry.core.schema;

import io.dbferry.core.DbferryException;
import io.dbferry.core.demo.DemoGenerator;
import io.dbferry.core.model.Engine;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.testing.TestServers;
import io.dbferry.testing.TestTargets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigratorTest {

    private final Session session = new Session();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        session.close();
    }

    private static List<String> demo(DatabaseConnection c) {
        return MigrationLocations.resolve(List.of(DemoGenerator.LOCATION), List.of(), c.dialect().engine());
    }

    @Test
    void sqliteMigratesStepByStepAndStaysUsable() {
        migratesStepByStep(TestTargets.sqlite(session, Side.TARGET, dir.resolve("t.sqlite3")));
    }

    @Test
    void mariadbMigratesStepByStepAndStaysUsable() throws Exception {
        migratesStepByStep(TestTargets.fresh(session, Side.TARGET, TestServers.mariadb(), "dbferry_migrate"));
    }

    @Test
    void postgresMigratesStepByStepAndStaysUsable() throws Exception {
        migratesStepByStep(TestTargets.fresh(session, Side.TARGET, TestServers.postgres(), "dbferry_migrate"));
    }

    private void migratesStepByStep(DatabaseConnection target) {
        List<String> locations = demo(target);
        assertThat(locations).containsExactly("classpath:db/demo/" + target.dialect().engine().vendor());

        MigrationInfo before = new MigrationStatus(target).read(locations);
        assertThat(before.currentVersion()).isNull();
        assertThat(before.pending()).extracting(MigrationInfo.Entry::version).containsExactly("1", "2");

        MigrateResult first = new Migrator(target).migrate(locations, "1");
        assertThat(first.applied()).extracting(AppliedMigration::version).containsExactly("1");
        assertThat(first.applied().get(0).script()).isEqualTo("V1__inventory.sql");
        assertThat(first.fromVersion()).isNull();
        assertThat(first.toVersion()).isEqualTo("1");
        assertThat(target.catalog().schemaVersion()).contains("1");

        MigrationInfo middle = new MigrationStatus(target).read(locations);
        assertThat(middle.currentVersion()).isEqualTo("1");
        assertThat(middle.applied()).extracting(MigrationInfo.Entry::version).containsExactly("1");
        assertThat(middle.pending()).extracting(MigrationInfo.Entry::script).containsExactly("V2__price_breaks_and_attachments.sql");

        MigrateResult second = new Migrator(target).migrate(locations, null);
        assertThat(second.applied()).extracting(AppliedMigration::version).containsExactly("2");
        assertThat(second.fromVersion()).isEqualTo("1");
        assertThat(second.toVersion()).isEqualTo("2");
        assertThat(target.catalog().schemaVersion()).contains("2");

        MigrateResult again = new Migrator(target).migrate(locations, null);
        assertThat(again.upToDate()).isTrue();
        assertThat(again.toVersion()).isEqualTo("2");

        // the session's connection is still open and in auto-commit mode
        assertThat(target.catalog().tableNames()).contains("part_part", "common_attachment", "company_supplierpricebreak");
        assertThat(target.catalog().count("part_part")).isZero();
        assertThat(catchingAutoCommit(target)).isTrue();
    }

    private static boolean catchingAutoCommit(DatabaseConnection c) {
        try {
            return c.jdbc().getAutoCommit() && !c.jdbc().isClosed();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void infoOnTheReadOnlySourceChangesNothingAndTheSourceCannotBeMigrated() {
        Path file = dir.resolve("s.sqlite3");
        DatabaseConnection writable = TestTargets.sqlite(session, Side.TARGET, file);
        new Migrator(writable).migrate(demo(writable), "1");
        session.disconnect(Side.TARGET);

        DatabaseConnection source = TestTargets.sqlite(session, Side.SOURCE, file);
        MigrationInfo info = new MigrationStatus(source).read(demo(source));
        assertThat(info.currentVersion()).isEqualTo("1");
        assertThat(info.applied()).hasSize(1);
        assertThat(info.pending()).hasSize(1);
        assertThat(info.database()).startsWith("source sqlite:");
        assertThatThrownBy(() -> new Migrator(source))
                .isInstanceOf(DbferryException.class).hasMessageContaining("read-only");
        assertThat(source.catalog().schemaVersion()).contains("1");
    }

    @Test
    void infoWorksOnReadOnlyServerSources() throws Exception {
        for (var server : List.of(TestServers.mariadb(), TestServers.postgres())) {
            DatabaseConnection writable = TestTargets.fresh(session, Side.TARGET, server, "dbferry_info_src");
            new Migrator(writable).migrate(demo(writable), "1");
            session.disconnect(Side.TARGET);
            DatabaseConnection source = TestTargets.connect(session, Side.SOURCE, server, "dbferry_info_src");
            MigrationInfo info = new MigrationStatus(source).read(demo(source));
            assertThat(info.currentVersion()).as(server.toString()).isEqualTo("1");
            assertThat(info.pending()).extracting(MigrationInfo.Entry::version).containsExactly("2");
            assertThat(source.catalog().tableNames()).contains("part_part").doesNotContain("common_attachment");
            session.disconnect(Side.SOURCE);
        }
    }

    @Test
    void noLocationsSaysHowToGiveThem() {
        assertThatThrownBy(() -> MigrationLocations.resolve(List.of(), List.of(), Engine.SQLITE))
                .isInstanceOfSatisfying(DbferryException.class, e -> assertThat(e.paragraph())
                        .contains("No migration locations").contains("--locations").contains("dbferry.yml")
                        .contains("copy-schema"));
    }

    @Test
    void locationsComeFromTheOptionFirstThenTheConfigurationWithVendorReplaced() throws Exception {
        Files.createDirectories(dir.resolve("app/mysql"));
        Files.createDirectories(dir.resolve("cfg/postgresql"));
        assertThat(MigrationLocations.resolve(List.of("filesystem:" + dir + "/app/{vendor}"), List.of("x"), Engine.MARIADB))
                .containsExactly("filesystem:" + dir.resolve("app/mysql"));
        assertThat(MigrationLocations.resolve(List.of(), List.of(dir + "/cfg/{vendor}"), Engine.POSTGRESQL))
                .containsExactly("filesystem:" + dir.resolve("cfg/postgresql"));
    }

    @Test
    void missingLocationsAreNamed() {
        assertThatThrownBy(() -> MigrationLocations.resolve(List.of("filesystem:" + dir + "/nope/{vendor}"), List.of(), Engine.SQLITE))
                .isInstanceOfSatisfying(DbferryException.class, e -> assertThat(e.paragraph())
                        .contains(dir.resolve("nope/sqlite").toString()).contains("does not exist").contains("{vendor}"));
        assertThatThrownBy(() -> MigrationLocations.resolve(List.of("classpath:db/nothing/{vendor}"), List.of(), Engine.SQLITE))
                .isInstanceOfSatisfying(DbferryException.class, e -> assertThat(e.paragraph())
                        .contains("classpath:db/nothing/sqlite").contains("does not exist"));
        assertThatThrownBy(() -> MigrationLocations.resolve(List.of("s3:bucket/x"), List.of(), Engine.SQLITE))
                .isInstanceOf(DbferryException.class).hasMessageContaining("prefix");
    }

    @Test
    void aFailedMigrationOnSqliteNamesTheFileAndIsRolledBack() throws Exception {
        Path folder = brokenMigrations();
        DatabaseConnection target = TestTargets.sqlite(session, Side.TARGET, dir.resolve("bad.sqlite3"));
        List<String> locations = MigrationLocations.resolve(List.of("filesystem:" + folder), List.of(), Engine.SQLITE);
        assertThatThrownBy(() -> new Migrator(target).migrate(locations, null))
                .isInstanceOfSatisfying(DbferryException.class, e -> assertThat(e.paragraph())
                        .contains("V1__bad.sql").contains("failed").contains("no_such_table").contains("rolled back"));
        assertThat(target.catalog().tableNames()).doesNotContain("fine");
        assertThat(target.catalog().count("flyway_schema_history")).isZero();
        // the connection still works
        assertThat(target.catalog().schemaVersion()).isEmpty();
    }

    @Test
    void aFailedMigrationOnMariadbSaysHowToRepair() throws Exception {
        Path folder = brokenMigrations();
        DatabaseConnection target = TestTargets.fresh(session, Side.TARGET, TestServers.mariadb(), "dbferry_badmig");
        List<String> locations = MigrationLocations.resolve(List.of(folder.toString()), List.of(), Engine.MARIADB);
        assertThatThrownBy(() -> new Migrator(target).migrate(locations, null))
                .isInstanceOfSatisfying(DbferryException.class, e -> assertThat(e.paragraph())
                        .contains("V1__bad.sql").contains("no_such_table").contains("migrate --repair"));
        // the next migrate refuses until repaired
        assertThatThrownBy(() -> new Migrator(target).migrate(locations, null))
                .isInstanceOfSatisfying(DbferryException.class, e -> assertThat(e.paragraph())
                        .contains("failed migration to version 1").contains("migrate --repair"));

        Files.writeString(folder.resolve("V1__bad.sql"), "CREATE TABLE fine2 (id INT);\n");
        try (Statement st = target.jdbc().createStatement()) {
            st.execute("DROP TABLE IF EXISTS fine");
        }
        RepairResult repair = new Migrator(target).repair(locations);
        assertThat(repair.actions()).isNotEmpty();
        MigrateResult fixed = new Migrator(target).migrate(locations, null);
        assertThat(fixed.applied()).extracting(AppliedMigration::script).containsExactly("V1__bad.sql");
        assertThat(target.catalog().schemaVersion()).contains("1");
        try (Statement st = target.jdbc().createStatement(); ResultSet rs = st.executeQuery("select count(*) from fine2")) {
            assertThat(rs.next()).isTrue();
        }
    }

    private Path brokenMigrations() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(folder.resolve("V1__bad.sql"),
                "CREATE TABLE fine (id INT);\nINSERT INTO no_such_table VALUES (1);\n");
        return folder;
    }
}
