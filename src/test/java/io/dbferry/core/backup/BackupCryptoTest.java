package io.dbferry.core.backup;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Both encrypted-file formats through {@link BackupCrypto#decrypt}, which tells them apart by their first
 * bytes: the OpenPGP messages written now, and the first format's AES-256-GCM segments, still restored.
 */
class BackupCryptoTest {

    private static final int SEGMENT_ON_DISK = BackupCrypto.SEGMENT_SIZE + 16;
    private static BackupCrypto.KdfParameters parameters;
    private static BackupCrypto.Keys keys;
    private static int headerLength;

    @BeforeAll
    static void deriveOnce() throws IOException {
        parameters = BackupCrypto.KdfParameters.fresh();
        keys = BackupCrypto.derive("correct horse battery".toCharArray(), parameters);
        headerLength = encrypt(new byte[0]).length - 16;
    }

    private static byte[] encrypt(byte[] plain) throws IOException {
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        try (OutputStream out = GcmSegments.encrypt(sealed, keys)) {
            // odd-sized writes cross segment boundaries
            for (int off = 0; off < plain.length; off += 7001) {
                out.write(plain, off, Math.min(7001, plain.length - off));
            }
        }
        return sealed.toByteArray();
    }

    private static byte[] decrypt(byte[] sealed, BackupCrypto.Keys with) throws IOException {
        try (InputStream in = BackupCrypto.decrypt(new ByteArrayInputStream(sealed), with, "test.enc")) {
            return in.readAllBytes();
        }
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }

    @Test
    void roundTripsEverySizeAroundSegmentBoundaries() throws IOException {
        int s = BackupCrypto.SEGMENT_SIZE;
        for (int size : new int[]{0, 1, s - 1, s, s + 1, 2 * s, 3 * s + 12345}) {
            byte[] plain = random(size);
            byte[] sealed = encrypt(plain);
            assertThat(decrypt(sealed, keys)).as("size %d", size).isEqualTo(plain);
            assertThat(sealed.length).as("one tag per segment, size %d", size)
                    .isEqualTo(headerLength + size + 16 * (size / s + (size % s == 0 && size > 0 ? 0 : 1)));
        }
    }

    @Test
    void theSameInputEncryptsDifferentlyEachTime() throws IOException {
        byte[] plain = random(1000);
        assertThat(encrypt(plain)).isNotEqualTo(encrypt(plain));
    }

    @Test
    void aWrongPassphraseFailsAuthentication() throws IOException {
        byte[] sealed = encrypt(random(5000));
        BackupCrypto.Keys wrong = BackupCrypto.derive("correct horse battery!".toCharArray(), parameters);
        assertThatThrownBy(() -> decrypt(sealed, wrong)).isInstanceOf(BackupIntegrityException.class)
                .hasMessageContaining("fails authentication at segment 0");
        assertThat(BackupCrypto.macMatches(wrong, "manifest".getBytes(), BackupCrypto.manifestMac(keys, "manifest".getBytes())))
                .isFalse();
        assertThat(BackupCrypto.macMatches(keys, "manifest".getBytes(), BackupCrypto.manifestMac(keys, "manifest".getBytes())))
                .isTrue();
    }

    @Test
    void everyFlippedByteIsDetected() throws IOException {
        byte[] sealed = encrypt(random(2 * BackupCrypto.SEGMENT_SIZE + 100));
        // header bytes, first segment, a tag, the last segment
        for (int at : new int[]{0, 9, headerLength - 1, headerLength, headerLength + 500, headerLength + SEGMENT_ON_DISK - 1,
                sealed.length - 1}) {
            byte[] changed = sealed.clone();
            changed[at] ^= 0x01;
            assertThatThrownBy(() -> decrypt(changed, keys)).as("byte %d", at).isInstanceOf(BackupIntegrityException.class);
        }
    }

    @Test
    void truncationAtASegmentBoundaryIsDetected() throws IOException {
        byte[] sealed = encrypt(random(3 * BackupCrypto.SEGMENT_SIZE + 10));
        byte[] twoSegments = Arrays.copyOf(sealed, headerLength + 2 * SEGMENT_ON_DISK);
        assertThatThrownBy(() -> decrypt(twoSegments, keys)).isInstanceOf(BackupIntegrityException.class)
                .hasMessageContaining("segment 1");
        byte[] midSegment = Arrays.copyOf(sealed, headerLength + SEGMENT_ON_DISK + 100);
        assertThatThrownBy(() -> decrypt(midSegment, keys)).isInstanceOf(BackupIntegrityException.class);
        byte[] headerOnly = Arrays.copyOf(sealed, headerLength - 3);
        assertThatThrownBy(() -> decrypt(headerOnly, keys)).isInstanceOf(BackupIntegrityException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void reorderedSegmentsAndAppendedBytesAreDetected() throws IOException {
        byte[] sealed = encrypt(random(3 * BackupCrypto.SEGMENT_SIZE));
        byte[] swapped = sealed.clone();
        System.arraycopy(sealed, headerLength, swapped, headerLength + SEGMENT_ON_DISK, SEGMENT_ON_DISK);
        System.arraycopy(sealed, headerLength + SEGMENT_ON_DISK, swapped, headerLength, SEGMENT_ON_DISK);
        assertThatThrownBy(() -> decrypt(swapped, keys)).isInstanceOf(BackupIntegrityException.class)
                .hasMessageContaining("segment 0");
        byte[] appended = Arrays.copyOf(sealed, sealed.length + 1);
        assertThatThrownBy(() -> decrypt(appended, keys)).isInstanceOf(BackupIntegrityException.class);
    }

    @Test
    void weakOrForeignKeyParametersAreRefused() {
        assertThatThrownBy(() -> BackupCrypto.derive("x".toCharArray(),
                new BackupCrypto.KdfParameters(BackupCrypto.KDF, 1000, parameters.salt())))
                .hasMessageContaining("1000 iterations");
        assertThatThrownBy(() -> BackupCrypto.derive("x".toCharArray(),
                new BackupCrypto.KdfParameters("scrypt", 600_000, parameters.salt())))
                .hasMessageContaining("scrypt");
    }

    // ---------------------------------------------------------------- OpenPGP, the format written now

    private static byte[] encryptPgp(byte[] plain, BackupCrypto.Keys with) throws IOException {
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        try (OutputStream out = BackupCrypto.encrypt(sealed, with, "test.bin")) {
            for (int off = 0; off < plain.length; off += 7001) {
                out.write(plain, off, Math.min(7001, plain.length - off));
            }
        }
        return sealed.toByteArray();
    }

    @Test
    void openPgpRoundTripsEverySizeAndStartsAsAnOpenPgpPacket() throws IOException {
        int s = 1 << 16;
        for (int size : new int[]{0, 1, s - 1, s, s + 1, 3 * s + 12345}) {
            byte[] plain = random(size);
            byte[] sealed = encryptPgp(plain, keys);
            assertThat(decrypt(sealed, keys)).as("size %d", size).isEqualTo(plain);
            // a symmetric-key encrypted session key packet (tag 3), old or new packet format
            assertThat(sealed[0] & 0xff).as("first byte").isIn(0x8c, 0x8d, 0x8e, 0xc3);
        }
        assertThat(encryptPgp(random(1000), keys)).isNotEqualTo(encryptPgp(random(1000), keys));
    }

    @Test
    void openPgpWithAWrongPassphraseIsRefused() throws IOException {
        byte[] sealed = encryptPgp(random(5000), keys);
        BackupCrypto.Keys wrong = BackupCrypto.derive("correct horse battery!".toCharArray(), parameters);
        assertThatThrownBy(() -> decrypt(sealed, wrong)).isInstanceOf(BackupIntegrityException.class)
                .hasMessageContaining("test.enc");
    }

    @Test
    void openPgpDetectsEveryFlippedByteTruncationAndAppendedBytes() throws IOException {
        byte[] sealed = encryptPgp(random(2 * 65536 + 100), keys);
        for (int at : new int[]{0, 1, 5, 20, 40, 60, 500, 65536, 2 * 65536, sealed.length - 30, sealed.length - 1}) {
            byte[] changed = sealed.clone();
            changed[at] ^= 0x01;
            assertThatThrownBy(() -> decrypt(changed, keys)).as("byte %d", at).isInstanceOf(BackupIntegrityException.class);
        }
        for (int length : new int[]{0, 10, 60, sealed.length / 2, sealed.length - 22, sealed.length - 1}) {
            byte[] cut = Arrays.copyOf(sealed, length);
            assertThatThrownBy(() -> decrypt(cut, keys)).as("cut at %d", length).isInstanceOf(BackupIntegrityException.class);
        }
        byte[] appended = Arrays.copyOf(sealed, sealed.length + 1);
        assertThatThrownBy(() -> decrypt(appended, keys)).isInstanceOf(BackupIntegrityException.class);
        byte[] twice = Arrays.copyOf(sealed, 2 * sealed.length);
        System.arraycopy(sealed, 0, twice, sealed.length, sealed.length);
        assertThatThrownBy(() -> decrypt(twice, keys)).isInstanceOf(BackupIntegrityException.class)
                .hasMessageContaining("after the end");
    }

    @Test
    void forgettingTheKeysWipesTheirPassphrase() {
        BackupCrypto.Keys forgotten = BackupCrypto.derive("correct horse battery".toCharArray(), parameters);
        forgotten.forget();
        assertThat(new String(forgotten.passphrase())).isEqualTo("\0".repeat("correct horse battery".length()));
    }
}
