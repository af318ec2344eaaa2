package io.dbferry.core.dialect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * A file locked by the OS ({@link FileChannel#tryLock()}), holding the holder's description for the one
 * refused. The OS drops the lock when the holder dies, so a lock file left by a crash does not block.
 * It is deleted on release; one who opened it just before that deletion and locked it just after would
 * hold a lock on a file no longer there, so after locking the holder checks that the path still shows
 * what it wrote itself (a nonce), and else tries again.
 */
public final class LockFile implements WriterLock {

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private LockFile(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code path} for {@code holder}, or throws {@link WriterLockHeld} naming who holds it ({@code what} is what it guards). */
    public static LockFile tryLock(Path path, String what, String holder) throws IOException {
        for (int attempt = 0; attempt < 3; attempt++) {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                lock = null; // held by this same process, through another channel
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            if (lock == null) {
                channel.close();
                throw new WriterLockHeld(what, describeHolder(path));
            }
            String text = holder + "\nlock " + UUID.randomUUID() + "\n";
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            if (text.equals(readQuietly(path))) {
                return new LockFile(path, channel, lock);
            }
            lock.release();
            channel.close(); // the file was deleted under us: try the one now at the path
        }
        throw new WriterLockHeld(what, describeHolder(path));
    }

    /** The first line the holder wrote, or a plain description when it has written nothing yet. */
    private static String describeHolder(Path path) {
        String text = readQuietly(path);
        String first = text == null ? "" : text.lines().findFirst().orElse("").strip();
        return first.isEmpty() ? "another process (lock file " + path + ")" : first + " (lock file " + path + ")";
    }

    private static String readQuietly(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(path); // while still holding the lock: see the class comment
        } catch (IOException ignored) {
            // a lock file left behind does not block: the OS lock is what counts
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock in any case
        }
    }
}
