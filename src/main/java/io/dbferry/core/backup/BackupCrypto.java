package io.dbferry.core.backup;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Encryption of backups (see docs/backup-format.md). The data files are OpenPGP messages encrypted with
 * the passphrase ({@link OpenPgpFiles}), so {@code gpg --decrypt} opens them without dbferry. The
 * manifest is authenticated by an HMAC under a key derived from the same passphrase with
 * PBKDF2-HMAC-SHA256. Files of the first format (AES-256-GCM segments, {@link GcmSegments}) are still
 * read: {@link #decrypt} tells the two apart by their first bytes.
 */
public final class BackupCrypto {

    /** The manifest's {@code cipher} for backups written now. */
    public static final String CIPHER = "OpenPGP";
    /** The manifest's {@code cipher} of the first format, still restored. */
    public static final String GCM_CIPHER = "AES-256-GCM";
    public static final String KDF = "PBKDF2WithHmacSHA256";
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** Fewer iterations than this are refused on restore too: a manifest cannot talk us into a weak key. */
    public static final int MIN_ITERATIONS = 600_000;
    public static final int MAX_ITERATIONS = 10_000_000;
    /** The first format's segment size. */
    public static final int SEGMENT_SIZE = 64 * 1024;
    public static final int MIN_PASSPHRASE_LENGTH = 8;

    private static final int SALT_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private BackupCrypto() {
    }

    /** How the manifest key was derived; stored in the manifest (and, for the first format, in every file). */
    public record KdfParameters(String algorithm, int iterations, String salt) {

        public static KdfParameters fresh() {
            byte[] salt = new byte[SALT_BYTES];
            RANDOM.nextBytes(salt);
            return new KdfParameters(KDF, DEFAULT_ITERATIONS, Base64.getEncoder().encodeToString(salt));
        }

        byte[] saltBytes() {
            return Base64.getDecoder().decode(salt);
        }
    }

    /**
     * The keys of one backup: HMAC-SHA256 for the manifest, AES-256 for first-format files, and the
     * passphrase itself, which OpenPGP's S2K needs per file. {@link #forget()} wipes the passphrase.
     */
    public static final class Keys {
        private final KdfParameters parameters;
        private final SecretKeySpec gcmFileKey;
        private final SecretKeySpec macKey;
        private final char[] passphrase;

        private Keys(KdfParameters parameters, byte[] gcmFileKey, byte[] macKey, char[] passphrase) {
            this.parameters = parameters;
            this.gcmFileKey = new SecretKeySpec(gcmFileKey, "AES");
            this.macKey = new SecretKeySpec(macKey, "HmacSHA256");
            this.passphrase = passphrase;
        }

        public KdfParameters parameters() {
            return parameters;
        }

        SecretKeySpec gcmFileKey() {
            return gcmFileKey;
        }

        char[] passphrase() {
            return passphrase;
        }

        /** Wipes the copy of the passphrase; call when the backup or restore is done. */
        public void forget() {
            Arrays.fill(passphrase, '\0');
        }
    }

    /** Runs the slow key derivation once; the keys keep their own copy of the passphrase until {@link Keys#forget()}. */
    public static Keys derive(char[] passphrase, KdfParameters parameters) {
        if (!KDF.equals(parameters.algorithm())) {
            throw new DbferryException(Kind.BACKUP_DAMAGED, "The backup uses the key derivation " + parameters.algorithm()
                    + ", which this dbferry does not know.", "Restore it with the dbferry version that wrote it.");
        }
        if (parameters.iterations() < MIN_ITERATIONS || parameters.iterations() > MAX_ITERATIONS) {
            throw new DbferryException(Kind.BACKUP_DAMAGED, "The backup's key derivation asks for " + parameters.iterations()
                    + " iterations, outside " + MIN_ITERATIONS + ".." + MAX_ITERATIONS + "; its manifest was changed.",
                    "Restore another backup.");
        }
        try {
            SecretKeyFactory factory = SecretKeyFactory.getInstance(KDF);
            PBEKeySpec spec = new PBEKeySpec(passphrase, parameters.saltBytes(), parameters.iterations(), 256);
            byte[] master = factory.generateSecret(spec).getEncoded();
            spec.clearPassword();
            Keys keys = new Keys(parameters, hmac(master, "dbferry backup file key v1"), hmac(master, "dbferry backup manifest mac v1"),
                    passphrase.clone());
            Arrays.fill(master, (byte) 0);
            return keys;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + KDF + ": " + e.getMessage(), e);
        }
    }

    /** HMAC-SHA256 of the manifest's canonical bytes, base64. */
    static String manifestMac(Keys keys, byte[] canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(keys.macKey);
            return Base64.getEncoder().encodeToString(mac.doFinal(canonical));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean macMatches(Keys keys, byte[] canonical, String mac) {
        if (mac == null) {
            return false;
        }
        byte[] expected = Base64.getDecoder().decode(manifestMac(keys, canonical));
        byte[] given;
        try {
            given = Base64.getDecoder().decode(mac);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, given);
    }

    private static byte[] hmac(byte[] key, String info) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(info.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * An output stream that encrypts into {@code out} as an OpenPGP message holding {@code fileName};
     * closing it ends the message and closes {@code out}.
     */
    public static OutputStream encrypt(OutputStream out, Keys keys, String fileName) throws IOException {
        return OpenPgpFiles.encrypt(out, keys.passphrase(), fileName);
    }

    /**
     * An input stream of the plaintext of either format. A damaged, truncated or extended file, or a wrong
     * passphrase, throws {@link BackupIntegrityException} naming {@code fileName}, at the latest when the
     * stream reaches its end: trust what was read only once the end was reached without an exception.
     */
    public static InputStream decrypt(InputStream in, Keys keys, String fileName) throws IOException {
        PushbackInputStream peek = new PushbackInputStream(in, GcmSegments.MAGIC.length);
        byte[] first = peek.readNBytes(GcmSegments.MAGIC.length);
        peek.unread(first);
        if (Arrays.equals(first, GcmSegments.MAGIC)) {
            return GcmSegments.decrypt(peek, keys, fileName);
        }
        return OpenPgpFiles.decrypt(peek, keys.passphrase(), fileName);
    }

    /** What a stored backup file is, by its first bytes, whatever the manifest says. */
    enum StoredForm {
        GZIP("a plain (unencrypted) gzip file"), OPENPGP("an OpenPGP-encrypted file"),
        GCM("an encrypted file of the first format"), UNKNOWN("none of the forms a backup file takes (gzip, OpenPGP)");

        final String description;

        StoredForm(String description) {
            this.description = description;
        }

        boolean encrypted() {
            return this == OPENPGP || this == GCM;
        }

        static StoredForm of(Path file) throws IOException {
            byte[] first;
            try (InputStream in = Files.newInputStream(file)) {
                first = in.readNBytes(GcmSegments.MAGIC.length);
            }
            if (first.length >= 2 && (first[0] & 0xff) == 0x1f && (first[1] & 0xff) == 0x8b) {
                return GZIP;
            }
            if (Arrays.equals(first, GcmSegments.MAGIC)) {
                return GCM;
            }
            if (first.length > 0 && (first[0] & 0x80) != 0) {
                // an OpenPGP packet header: new format 11tttttt, old format 10ttttll; tag 3 (passphrase) or 1 (public key)
                int tag = (first[0] & 0x40) != 0 ? first[0] & 0x3f : (first[0] >> 2) & 0x0f;
                if (tag == 3 || tag == 1) {
                    return OPENPGP;
                }
            }
            return UNKNOWN;
        }
    }
}
