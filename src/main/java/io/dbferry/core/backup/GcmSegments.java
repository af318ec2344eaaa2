package io.dbferry.core.backup;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The first encrypted-file format (files {@code *.enc}, manifest cipher {@code AES-256-GCM}; see
 * docs/backup-format.md): AES-256-GCM over 64 KiB segments, each with its own nonce (a random base nonce
 * XOR the segment index) and the file header, segment index and a final-segment flag as associated data,
 * so a changed, dropped, reordered or appended segment fails authentication. New backups are OpenPGP
 * ({@link OpenPgpFiles}); restore still reads this. The writer stays so the reader's tests can make files.
 */
final class GcmSegments {

    static final byte[] MAGIC = "DBFENC1\n".getBytes(StandardCharsets.US_ASCII);
    static final int FORMAT_VERSION = 1;
    static final int SEGMENT_SIZE = BackupCrypto.SEGMENT_SIZE;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private GcmSegments() {
    }

    /** An output stream that encrypts into {@code out}; closing it writes the final segment and closes {@code out}. */
    static OutputStream encrypt(OutputStream out, BackupCrypto.Keys keys) throws IOException {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] header = header(keys.parameters(), SEGMENT_SIZE, nonce);
        out.write(header);
        return new EncryptingStream(out, keys, header, nonce);
    }

    /**
     * An input stream of the plaintext. Every segment is authenticated before its bytes are handed out;
     * a failure throws {@link BackupIntegrityException} naming {@code fileName}.
     */
    static InputStream decrypt(InputStream in, BackupCrypto.Keys keys, String fileName) throws IOException {
        DataInputStream data = new DataInputStream(in);
        ByteArrayOutputStream headerBytes = new ByteArrayOutputStream();
        try {
            byte[] magic = data.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new BackupIntegrityException(fileName + " is not a dbferry encrypted file (its first bytes differ)");
            }
            int version = data.readUnsignedByte();
            if (version != FORMAT_VERSION) {
                throw new BackupIntegrityException(fileName + " is in encrypted format version " + version + ", not " + FORMAT_VERSION);
            }
            int segmentSize = data.readInt();
            int saltLength = data.readUnsignedByte();
            byte[] salt = data.readNBytes(saltLength);
            int iterations = data.readInt();
            byte[] nonce = data.readNBytes(NONCE_BYTES);
            if (salt.length != saltLength || nonce.length != NONCE_BYTES) {
                throw new EOFException();
            }
            if (segmentSize <= 0 || segmentSize > 16 * 1024 * 1024) {
                throw new BackupIntegrityException(fileName + " has a damaged header (segment size " + segmentSize + ")");
            }
            if (iterations != keys.parameters().iterations() || !Arrays.equals(salt, keys.parameters().saltBytes())) {
                throw new BackupIntegrityException(fileName + " was encrypted with other key parameters than its manifest names");
            }
            headerBytes.write(header(keys.parameters(), segmentSize, nonce));
            return new DecryptingStream(new PushbackInputStream(in, 1), keys, headerBytes.toByteArray(), nonce, segmentSize, fileName);
        } catch (EOFException e) {
            throw new BackupIntegrityException(fileName + " ends inside its header: it is truncated");
        }
    }

    private static byte[] header(BackupCrypto.KdfParameters parameters, int segmentSize, byte[] nonce) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        byte[] salt = parameters.saltBytes();
        out.write(MAGIC);
        out.writeByte(FORMAT_VERSION);
        out.writeInt(segmentSize);
        out.writeByte(salt.length);
        out.write(salt);
        out.writeInt(parameters.iterations());
        out.write(nonce);
        out.flush();
        return bytes.toByteArray();
    }

    private static byte[] segmentNonce(byte[] base, long index) {
        byte[] nonce = base.clone();
        for (int i = 0; i < 8; i++) {
            nonce[NONCE_BYTES - 1 - i] ^= (byte) (index >>> (8 * i));
        }
        return nonce;
    }

    private static byte[] aad(byte[] header, long index, boolean last) {
        return ByteBuffer.allocate(header.length + 9).put(header).putLong(index).put((byte) (last ? 1 : 0)).array();
    }

    private static final class EncryptingStream extends FilterOutputStream {
        private final BackupCrypto.Keys keys;
        private final byte[] header;
        private final byte[] nonce;
        private final byte[] buffer = new byte[SEGMENT_SIZE];
        private int filled;
        private long index;
        private boolean closed;

        EncryptingStream(OutputStream out, BackupCrypto.Keys keys, byte[] header, byte[] nonce) {
            super(out);
            this.keys = keys;
            this.header = header;
            this.nonce = nonce;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (filled == buffer.length) {
                    // a full segment is final only if nothing follows, which close() decides
                    emit(false);
                }
                int n = Math.min(len, buffer.length - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                off += n;
                len -= n;
            }
        }

        private void emit(boolean last) throws IOException {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, keys.gcmFileKey(), new GCMParameterSpec(TAG_BYTES * 8, segmentNonce(nonce, index)));
                cipher.updateAAD(aad(header, index, last));
                out.write(cipher.doFinal(buffer, 0, filled));
            } catch (GeneralSecurityException e) {
                throw new IOException("encryption failed: " + e.getMessage(), e);
            }
            index++;
            filled = 0;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                emit(true);
                out.flush();
            } finally {
                out.close();
            }
        }
    }

    private static final class DecryptingStream extends InputStream {
        private final PushbackInputStream in;
        private final BackupCrypto.Keys keys;
        private final byte[] header;
        private final byte[] nonce;
        private final int segmentSize;
        private final String fileName;
        private byte[] plain = new byte[0];
        private int position;
        private long index;
        private boolean finished;

        DecryptingStream(PushbackInputStream in, BackupCrypto.Keys keys, byte[] header, byte[] nonce, int segmentSize, String fileName) {
            this.in = in;
            this.keys = keys;
            this.header = header;
            this.nonce = nonce;
            this.segmentSize = segmentSize;
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
            if (len == 0) {
                return 0;
            }
            while (position == plain.length) {
                if (finished) {
                    return -1;
                }
                nextSegment();
            }
            int n = Math.min(len, plain.length - position);
            System.arraycopy(plain, position, b, off, n);
            position += n;
            return n;
        }

        private void nextSegment() throws IOException {
            byte[] sealed = in.readNBytes(segmentSize + TAG_BYTES);
            if (sealed.length < TAG_BYTES) {
                throw new BackupIntegrityException(fileName + " is truncated: segment " + index + " is incomplete");
            }
            boolean last = sealed.length < segmentSize + TAG_BYTES;
            if (!last) {
                int next = in.read();
                if (next < 0) {
                    last = true;
                } else {
                    in.unread(next);
                }
            }
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, keys.gcmFileKey(), new GCMParameterSpec(TAG_BYTES * 8, segmentNonce(nonce, index)));
                cipher.updateAAD(aad(header, index, last));
                plain = cipher.doFinal(sealed);
            } catch (AEADBadTagException e) {
                throw new BackupIntegrityException(fileName + " fails authentication at segment " + index
                        + " (bytes " + index * (segmentSize + (long) TAG_BYTES) + " on): it was changed or truncated, or the passphrase is wrong");
            } catch (GeneralSecurityException e) {
                throw new IOException("decryption failed: " + e.getMessage(), e);
            }
            position = 0;
            index++;
            finished = last;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
