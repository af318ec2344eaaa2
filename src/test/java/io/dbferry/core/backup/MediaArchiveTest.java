package io.dbferry.core.backup;

import io.dbferry.core.DbferryException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MediaArchiveTest {

    @TempDir
    Path temp;

    private Path sampleMedia() throws IOException {
        Path media = Files.createDirectories(temp.resolve("media"));
        Files.createDirectories(media.resolve("part_images/thumbs"));
        Files.createDirectories(media.resolve("empty"));
        Files.writeString(media.resolve("part_images/a.txt"), "alpha");
        Files.write(media.resolve("part_images/thumbs/big.bin"), bytes(200_000));
        String longName = "x".repeat(120) + "/" + "y".repeat(130) + ".png";
        Files.createDirectories(media.resolve(longName).getParent());
        Files.writeString(media.resolve(longName), "long");
        Files.writeString(media.resolve("Łódź ünïcode.txt"), "utf-8 name");
        Files.createSymbolicLink(media.resolve("part_images/latest.txt"), Path.of("a.txt"));
        return media;
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + i / 7);
        }
        return b;
    }

    private Path archive(Path media) throws IOException {
        Path file = temp.resolve("media.tar.gz");
        try (OutputStream out = Files.newOutputStream(file)) {
            MediaArchive.write(media, out);
        }
        return file;
    }

    @Test
    void roundTripsFilesFoldersLinksAndLongNames() throws IOException {
        Path media = sampleMedia();
        Path file = archive(media);
        Path restored = temp.resolve("restored");
        MediaArchive.Plan plan = MediaArchive.plan(file, restored);
        assertThat(plan.summary().files()).isEqualTo(4);
        assertThat(plan.summary().bytes()).isEqualTo(5 + 200_000 + 4 + "utf-8 name".length());
        assertThat(plan.summary().links()).isEqualTo(1);
        assertThat(plan.conflicts()).isEmpty();
        MediaArchive.Restored done = MediaArchive.extract(file, restored, plan, false);
        assertThat(done.identical()).isTrue();
        assertThat(done.written()).isEqualTo(4);
        for (String name : plan.sha256().keySet()) {
            assertThat(Files.readAllBytes(restored.resolve(name))).as(name).isEqualTo(Files.readAllBytes(media.resolve(name)));
        }
        assertThat(Files.isDirectory(restored.resolve("empty"))).isTrue();
        assertThat(Files.readSymbolicLink(restored.resolve("part_images/latest.txt"))).isEqualTo(Path.of("a.txt"));
        assertThat(Files.getLastModifiedTime(restored.resolve("part_images/a.txt")).toMillis() / 1000)
                .isEqualTo(Files.getLastModifiedTime(media.resolve("part_images/a.txt")).toMillis() / 1000);
    }

    @Test
    void existingFilesThatDifferAreConflictsAndIdenticalOnesAreKept() throws IOException {
        Path media = sampleMedia();
        Path file = archive(media);
        Path restored = temp.resolve("restored");
        Files.createDirectories(restored.resolve("part_images"));
        Files.writeString(restored.resolve("part_images/a.txt"), "changed");
        Files.writeString(restored.resolve("Łódź ünïcode.txt"), "utf-8 name");
        MediaArchive.Plan plan = MediaArchive.plan(file, restored);
        assertThat(plan.conflicts()).containsExactly("part_images/a.txt (differs)");
        assertThat(plan.unchanged()).isEqualTo(1);
        assertThatThrownBy(() -> MediaArchive.extract(file, restored, plan, false)).isInstanceOf(DbferryException.class)
                .satisfies(e -> assertThat(((DbferryException) e).paragraph()).contains("--overwrite-media"));
        MediaArchive.Restored done = MediaArchive.extract(file, restored, plan, true);
        assertThat(done.identical()).isTrue();
        assertThat(done.overwritten()).isEqualTo(1);
        assertThat(done.unchanged()).isEqualTo(1);
        assertThat(Files.readString(restored.resolve("part_images/a.txt"))).isEqualTo("alpha");
    }

    /** An archive written with the media archive's own tar writer, so any name or link can be put in. */
    private Path crafted(TarArchiveEntry... entries) throws IOException {
        Path file = temp.resolve("crafted-" + System.nanoTime() + ".tar.gz");
        try (OutputStream raw = Files.newOutputStream(file); GZIPOutputStream gzip = new GZIPOutputStream(raw)) {
            TarArchiveOutputStream tar = MediaTar.writer(gzip);
            for (TarArchiveEntry e : entries) {
                tar.putArchiveEntry(e);
                if (e.isFile()) {
                    tar.write(new byte[(int) e.getSize()]);
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        return file;
    }

    private static TarArchiveEntry file(String name) {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(3);
        return entry;
    }

    private static TarArchiveEntry link(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        entry.setLinkName(target);
        return entry;
    }

    @Test
    void entriesLeadingOutsideTheMediaFolderAreRefusedBeforeAnythingIsWritten() throws IOException {
        Path restored = temp.resolve("restored");
        Object[][] cases = {
                {crafted(file("ok.txt"), file("../evil.txt")), "'..'"},
                {crafted(file("ok.txt"), file("a/../../evil.txt")), "'..'"},
                {crafted(file("/etc/evil.txt")), "absolute path"},
                {crafted(file("ok.txt"), link("up", "../outside")), "outside the media folder"},
                {crafted(link("abs", "/etc/passwd")), "outside the media folder"},
                {crafted(link("deep/link", "../../x")), "outside the media folder"},
        };
        for (Object[] c : cases) {
            Path archive = (Path) c[0];
            assertThatThrownBy(() -> MediaArchive.plan(archive, restored)).as(c[1].toString())
                    .isInstanceOf(MediaArchive.UnsafeEntryException.class).hasMessageContaining((String) c[1]);
        }
        assertThat(Files.exists(restored)).isFalse();
        assertThat(Files.exists(temp.resolve("evil.txt"))).isFalse();
    }

    private static TarArchiveEntry dir(String name) {
        return new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, true);
    }

    @Test
    void chainsOfLinksAreResolvedAsAWholeAndRefusedWhenTheyLeadOutside() throws IOException {
        Path restored = temp.resolve("restored");
        Object[][] cases = {
                // each link alone stays inside; x/y is really y, so its '..' leaves the folder
                {crafted(link("x", "."), link("x/y", "..")), "outside the media folder"},
                {crafted(link("x", "."), link("x/y", ".."), file("x/y/evil.txt")), "outside the media folder"},
                {crafted(dir("d"), link("d/x", ".."), link("d/x/y", "..")), "outside the media folder"},
                // a later link changes where an earlier one leads: a -> b/.. with b -> . is ./..
                {crafted(link("a", "b/.."), link("b", ".")), "outside the media folder"},
                {crafted(link("l1", "l2"), link("l2", "l1")), "loop of links"},
                // two names for one place, and a write beneath a file or a dangling link
                {crafted(link("x", "."), file("ok.txt"), file("x/ok.txt")), "already wrote"},
                {crafted(file("f"), file("f/g")), "beneath the file f"},
                {crafted(link("l", "nowhere"), file("l/g")), "does not lead to a folder of the archive"},
        };
        for (Object[] c : cases) {
            Path archive = (Path) c[0];
            assertThatThrownBy(() -> MediaArchive.plan(archive, restored)).as(Arrays.toString(c))
                    .isInstanceOf(MediaArchive.UnsafeEntryException.class).hasMessageContaining((String) c[1]);
        }
        assertThat(Files.exists(restored)).isFalse();
        assertThat(Files.exists(temp.resolve("evil.txt"))).isFalse();
    }

    @Test
    void aFileWrittenThroughALinkInsideTheFolderIsRestoredWhereTheLinkLeads() throws IOException {
        Path restored = temp.resolve("restored");
        Path archive = crafted(link("alias", "real"), dir("real"), file("alias/f.txt"), link("real/up", "../alias"));
        MediaArchive.Plan plan = MediaArchive.plan(archive, restored);
        MediaArchive.Restored done = MediaArchive.extract(archive, restored, plan, false);
        assertThat(done.identical()).isTrue();
        assertThat(Files.isRegularFile(restored.resolve("real/f.txt"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(restored.resolve("real/up/f.txt").toRealPath()).isEqualTo(restored.resolve("real/f.txt").toRealPath());
    }

    @Test
    void hardLinksAndDevicesAreRefused() throws IOException {
        Path hard = crafted(file("a.txt"));
        // patch the type flag of the first header to '1' (hard link) and fix its checksum: crafted() cannot write one
        Path restored = temp.resolve("restored");
        Path patched = temp.resolve("hard.tar.gz");
        byte[] tar = new java.util.zip.GZIPInputStream(Files.newInputStream(hard)).readAllBytes();
        tar[156] = '1';
        byte[] link = "/etc/passwd".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(link, 0, tar, 157, link.length);
        Arrays.fill(tar, 148, 156, (byte) ' ');
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += tar[i] & 0xff;
        }
        System.arraycopy(String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII), 0, tar, 148, 8);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(patched))) {
            out.write(tar);
        }
        assertThatThrownBy(() -> MediaArchive.plan(patched, restored)).isInstanceOf(MediaArchive.UnsafeEntryException.class)
                .hasMessageContaining("hard link");
    }

    @Test
    void aLinkOnDiskLeadingOutsideIsNotWrittenThrough() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Path restored = Files.createDirectories(temp.resolve("restored"));
        Files.createSymbolicLink(restored.resolve("sub"), outside);
        Path archive = crafted(file("sub/planted.txt"));
        assertThatThrownBy(() -> MediaArchive.plan(archive, restored)).isInstanceOf(MediaArchive.UnsafeEntryException.class)
                .hasMessageContaining("outside the media folder");
        assertThat(outside.resolve("planted.txt")).doesNotExist();
    }

    @Test
    void aTruncatedOrDamagedArchiveIsRefused() throws IOException {
        Path media = sampleMedia();
        Path file = archive(media);
        byte[] whole = Files.readAllBytes(file);
        Path restored = temp.resolve("restored");
        Path cut = temp.resolve("cut.tar.gz");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> MediaArchive.plan(cut, restored)).isInstanceOf(IOException.class)
                .hasMessageContaining("truncated");
        // a tar stream without its end marker, in an intact gzip
        byte[] tar = new java.util.zip.GZIPInputStream(Files.newInputStream(file)).readAllBytes();
        Path noEnd = temp.resolve("noend.tar.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(noEnd))) {
            out.write(tar, 0, tar.length - 1024);
        }
        assertThatThrownBy(() -> MediaArchive.plan(noEnd, restored)).isInstanceOf(IOException.class)
                .hasMessageContaining("truncated");
        Path flipped = temp.resolve("flipped.tar.gz");
        byte[] changed = whole.clone();
        changed[whole.length / 3] ^= 0x10;
        Files.write(flipped, changed);
        assertThatThrownBy(() -> MediaArchive.plan(flipped, restored)).isInstanceOf(IOException.class);
        assertThat(Files.exists(restored)).isFalse();
    }

    @Test
    void aLinkInTheMediaFolderLeadingOutsideIsRefusedAtBackupTime() throws IOException {
        Path media = Files.createDirectories(temp.resolve("media"));
        Files.createSymbolicLink(media.resolve("passwd"), Path.of("/etc/passwd"));
        assertThatThrownBy(() -> archive(media)).hasMessageContaining("outside the media folder");
        // two links, each inside alone: a -> b/.. with b -> . leads to the folder's parent
        Files.delete(media.resolve("passwd"));
        Files.createSymbolicLink(media.resolve("a"), Path.of("b/.."));
        Files.createSymbolicLink(media.resolve("b"), Path.of("."));
        assertThatThrownBy(() -> archive(media)).hasMessageContaining("outside the media folder");
    }
}
