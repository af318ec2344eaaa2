package io.dbferry.core.backup;

import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPDataValidationException;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPBEEncryptedData;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.PGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBEDataDecryptorFactoryBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBEKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Date;

/**
 * Backup files as OpenPGP messages (RFC 4880) encrypted with the passphrase, which {@code gpg --decrypt}
 * opens: a symmetric-key packet whose S2K is iterated and salted SHA-256 at the highest count
 * (65,011,712 bytes hashed), AES-256, and the data in an integrity-protected packet (SEIPD with MDC), so a
 * change anywhere fails the check at the end. GnuPG 2.2 reads neither Argon2 nor AEAD packets, so neither
 * is used. Both directions stream through 64 KiB partial-length packets; memory stays flat. Bouncy
 * Castle writes and parses the packets; the ciphers and digests are the JDK's (no provider to register).
 */
final class OpenPgpFiles {

    /** The S2K count byte: 0xff is 65,011,712 bytes of SHA-256 per key. */
    static final int S2K_COUNT = 0xff;
    private static final int BUFFER = 1 << 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The JDK's own SHA-256, SHA-1 and AES (with its CPU intrinsics): several times Bouncy Castle's pure-Java speed. */
    private static final PGPDigestCalculatorProvider DIGESTS = digests();

    private static PGPDigestCalculatorProvider digests() {
        try {
            return new JcaPGPDigestCalculatorProviderBuilder().build();
        } catch (PGPException e) {
            throw new IllegalStateException(e);
        }
    }

    private OpenPgpFiles() {
    }

    static OutputStream encrypt(OutputStream file, char[] passphrase, String fileName) throws IOException {
        try {
            PGPEncryptedDataGenerator encryption = new PGPEncryptedDataGenerator(
                    new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true).setSecureRandom(RANDOM));
            encryption.addMethod(new JcePBEKeyEncryptionMethodGenerator(passphrase,
                    DIGESTS.get(HashAlgorithmTags.SHA256), S2K_COUNT).setSecureRandom(RANDOM));
            OutputStream encrypted = encryption.open(file, new byte[BUFFER]);
            PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
            OutputStream plain = literal.open(encrypted, PGPLiteralData.BINARY, fileName, new Date(), new byte[BUFFER]);
            return new FilterOutputStream(plain) {
                private boolean closed;

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    try {
                        literal.close();
                        encryption.close();
                    } finally {
                        file.flush();
                        file.close();
                    }
                }
            };
        } catch (PGPException e) {
            throw new IOException("OpenPGP encryption failed: " + e.getMessage(), e);
        }
    }

    /** The literal data of the message; its integrity is checked when the stream reaches its end. */
    static InputStream decrypt(InputStream in, char[] passphrase, String fileName) throws IOException {
        try {
            PGPObjectFactory outer = new BcPGPObjectFactory(in);
            Object first = outer.nextObject();
            while (first instanceof PGPMarker) {
                first = outer.nextObject();
            }
            if (!(first instanceof PGPEncryptedDataList list)) {
                throw new BackupIntegrityException(fileName + " is neither an OpenPGP encrypted message nor a dbferry encrypted file");
            }
            PGPPBEEncryptedData data = null;
            for (PGPEncryptedData candidate : list) {
                if (candidate instanceof PGPPBEEncryptedData pbe) {
                    data = pbe;
                    break;
                }
            }
            if (data == null) {
                throw new BackupIntegrityException(fileName + " is encrypted to a key, not with a passphrase");
            }
            if (!data.isIntegrityProtected()) {
                throw new BackupIntegrityException(fileName + " carries no integrity check (MDC), so a change could go unnoticed");
            }
            PGPObjectFactory inner = new BcPGPObjectFactory(data.getDataStream(
                    new JcePBEDataDecryptorFactoryBuilder(DIGESTS).build(passphrase)));
            Object message = inner.nextObject();
            if (message instanceof PGPCompressedData compressed) {
                inner = new BcPGPObjectFactory(compressed.getDataStream());
                message = inner.nextObject();
            }
            if (!(message instanceof PGPLiteralData literal)) {
                throw new BackupIntegrityException(fileName + " holds no data packet where its data should be");
            }
            return new Checked(literal.getInputStream(), in, data, inner, outer, fileName);
        } catch (PGPDataValidationException e) {
            throw new BackupIntegrityException(fileName + " does not open with this passphrase (or it was changed)");
        } catch (PGPException | IOException | RuntimeException e) {
            throw damaged(fileName, e);
        }
    }

    private static BackupIntegrityException damaged(String fileName, Exception e) {
        if (e instanceof BackupIntegrityException integrity) {
            return integrity;
        }
        return new BackupIntegrityException(fileName + " cannot be read as the OpenPGP message it was written as: it was "
                + "changed or truncated (" + e.getMessage() + ")", e);
    }

    /** Hands out the plaintext; at its end checks the MDC and that nothing follows the message. */
    private static final class Checked extends InputStream {
        private final InputStream plain;
        private final InputStream file;
        private final PGPPBEEncryptedData data;
        private final PGPObjectFactory inner;
        private final PGPObjectFactory outer;
        private final String fileName;
        private boolean checked;

        Checked(InputStream plain, InputStream file, PGPPBEEncryptedData data, PGPObjectFactory inner,
                PGPObjectFactory outer, String fileName) {
            this.plain = plain;
            this.file = file;
            this.data = data;
            this.inner = inner;
            this.outer = outer;
            this.fileName = fileName;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = plain.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                throw damaged(fileName, e);
            }
            if (n < 0 && !checked) {
                check();
            }
            return n;
        }

        private void check() throws IOException {
            try {
                if (inner.nextObject() != null) {
                    throw new BackupIntegrityException(fileName + " holds more packets than its data");
                }
                if (!data.verify()) {
                    throw new BackupIntegrityException(fileName + " fails its integrity check (MDC): it was changed or "
                            + "truncated, or the passphrase is wrong");
                }
                if (outer.nextObject() != null) {
                    throw new BackupIntegrityException(fileName + " has bytes after the end of its message");
                }
            } catch (PGPException | IOException | RuntimeException e) {
                throw damaged(fileName, e);
            }
            checked = true;
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
