package io.dbferry.core.transfer.sync;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rows waiting to be written, on disk: the walk finds them while both sides stream, and they are written
 * once the reads are closed (MySQL allows no statement beside a streaming read on its connection, and a
 * write under an open read of the same table could show the walk its own rows). Memory stays flat.
 */
final class RowSpool implements AutoCloseable {

    private final Path file;
    private ObjectOutputStream out;
    private long rows;

    RowSpool(String label) {
        try {
            file = Files.createTempFile("dbferry-sync-" + label.replaceAll("[^A-Za-z0-9_]", "_") + "-", ".rows");
            file.toFile().deleteOnExit();
            out = new ObjectOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        } catch (IOException e) {
            throw failure(e);
        }
    }

    void add(Object[] row) {
        try {
            out.writeObject(row);
            out.reset(); // no back-references kept: memory flat whatever the number of rows
            rows++;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    long rows() {
        return rows;
    }

    /** Reads the rows back in the order written. */
    void forEach(RowConsumer consumer) throws java.sql.SQLException {
        try {
            out.close();
            try (ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                for (long i = 0; i < rows; i++) {
                    consumer.accept((Object[]) in.readObject());
                }
            }
        } catch (EOFException e) {
            throw new DbferryException(Kind.FILE, "The rows waiting in " + file + " end early.", "Run sync again.", e);
        } catch (IOException | ClassNotFoundException e) {
            throw failure(e);
        }
    }

    @FunctionalInterface
    interface RowConsumer {
        void accept(Object[] row) throws java.sql.SQLException;
    }

    private DbferryException failure(Exception e) {
        return new DbferryException(Kind.FILE, "Cannot keep the rows to write in a temporary file: " + e.getMessage(),
                "Make the temporary folder (java.io.tmpdir) writable and give it room for the changed rows.", e);
    }

    @Override
    public void close() {
        try {
            out.close();
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file left behind is deleted at exit
        }
    }
}
