package io.dbferry.core.backup;

import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Side;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The backup folder as the catalog sees it: rotation by label, a backup killed half-way, one that failed. */
class BackupCatalogTest extends DemoAppBackupFixture {

    @Test
    void rotationKeepsTheNewestOfTheLabelAndNeverTheOneJustWritten() {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            names.add(backup("nightly", false, null).name());
        }
        String other = backup("weekly", false, null).name();
        BackupResult latest = backup("nightly", false, 2);
        assertThat(latest.removed()).containsExactlyInAnyOrder(names.get(0), names.get(1), names.get(2));
        List<String> left = new BackupCatalog(location).list().stream().map(BackupCatalog.Listing::name).toList();
        assertThat(left).containsExactly(names.get(3), other, latest.name());
        // keep 1: only the new one of its label survives
        BackupResult only = backup("nightly", false, 1);
        assertThat(only.removed()).containsExactlyInAnyOrder(names.get(3), latest.name());
        assertThat(new BackupCatalog(location).list().stream().map(BackupCatalog.Listing::name).toList())
                .containsExactly(other, only.name());
    }

    @Test
    void aBackupKilledHalfWayIsNeverComplete() throws Exception {
        BackupResult good = backup("app", false, null);
        // a killed backup: its temporary folder with files, even a manifest, but never renamed
        Path partial = location.resolve(".app-20260301T120000Z.partial");
        Files.createDirectories(partial);
        Files.copy(good.folder().resolve("db.json.gz"), partial.resolve("db.json.gz"));
        Files.copy(good.folder().resolve("manifest.json"), partial.resolve("manifest.json"));
        // and a folder whose media archive was lost
        Path broken = location.resolve("app-20260301T130000Z");
        Files.createDirectories(broken);
        Files.copy(good.folder().resolve("manifest.json"), broken.resolve("manifest.json"));
        Files.copy(good.folder().resolve("db.json.gz"), broken.resolve("db.json.gz"));

        List<BackupCatalog.Listing> listings = new BackupCatalog(location).list();
        assertThat(listings).hasSize(3);
        assertThat(listings).filteredOn(BackupCatalog.Listing::complete).extracting(BackupCatalog.Listing::name)
                .containsExactly(good.name());
        assertThat(listings).filteredOn(l -> l.name().equals("app-20260301T120000Z")).singleElement()
                .satisfies(l -> assertThat(l.problem()).contains("interrupted"));
        assertThat(listings).filteredOn(l -> l.folder().equals(broken)).singleElement()
                .satisfies(l -> assertThat(l.problem()).isEqualTo("media.tar.gz is missing"));
        // latest is the newest complete one; the broken one is refused by name
        DatabaseConnection target = sqliteTarget();
        assertThatThrownBy(() -> restore(target, "app-20260301T130000Z", temp.resolve("m"), null))
                .hasMessageContaining("incomplete");
        assertThat(restore(target, "latest", temp.resolve("m"), null).backup()).isEqualTo(good.name());
    }

    @Test
    void aFailingBackupLeavesNothingBehind() {
        now = now.plusSeconds(60);
        Backup backup = new Backup(session.require(Side.SOURCE), ProgressListener.NONE, Clock.fixed(now, ZoneOffset.UTC));
        assertThatThrownBy(() -> backup.run(new BackupOptions(location, "app", false, false, temp.resolve("no-such-media"), null, null)))
                .hasMessageContaining("does not exist");
        assertThat(new BackupCatalog(location).list()).isEmpty();
    }
}
