package io.dbferry.core.transfer.imports;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.dialect.LockFile;
import io.dbferry.core.dialect.WriterLock;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.ImportJournal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What keeps a second writer out for a whole import: the journal's lock file (two imports of one dump
 * would overwrite each other's journal) and the target's own lock, taken by its dialect on a connection
 * of its own, so it is released when that connection ends, also by a crash. Both are taken before the
 * first check of the target (its tables empty), without waiting: a second writer is refused at once,
 * naming the first.
 */
public final class WriterLocks implements AutoCloseable {

    private final LockFile journal;
    private final DatabaseConnection lockConnection;
    private final WriterLock target;

    private WriterLocks(LockFile journal, DatabaseConnection lockConnection, WriterLock target) {
        this.journal = journal;
        this.lockConnection = lockConnection;
        this.target = target;
    }

    /** {@code serverTimeout} bounds the lock connection's waits too, so a frozen server cannot hold the release. */
    static WriterLocks take(DatabaseConnection target, Path dumpFile, java.time.Duration serverTimeout) {
        return take(target, dumpFile, serverTimeout, "importing " + dumpFile.getFileName());
    }

    /**
     * For a run that writes more than one import (restore: records, media, then verify), taken once around it all
     * and handed to {@link Importer#importFileHolding}; {@code doing} names the run for the one refused.
     */
    public static WriterLocks take(DatabaseConnection target, Path dumpFile, java.time.Duration serverTimeout, String doing) {
        Path journalLock = ImportJournal.pathFor(dumpFile).resolveSibling(dumpFile.getFileName() + ".journal.lock");
        return take(target, journalLock, "the journal of " + dumpFile, doing, serverTimeout);
    }

    /** The same two locks for another writer (sync): {@code journalLock} beside its journal, {@code doing} as the holder says. */
    public static WriterLocks take(DatabaseConnection target, Path journalLock, String lockedWhat, String doing,
                                   java.time.Duration serverTimeout) {
        String holder = holder(doing);
        LockFile journal;
        try {
            journal = LockFile.tryLock(journalLock, lockedWhat, holder);
        } catch (IOException e) {
            throw new DbferryException(Kind.FILE, Where.NOWHERE, "Cannot create " + journalLock + ": " + e.getMessage(),
                    "Make the folder of " + journalLock.getFileName() + " writable; the journal there is what lets --retry-failed resume.", e);
        }
        DatabaseConnection own = null;
        try {
            own = target.openAnother();
            Importer.boundServerWait(own, serverTimeout);
            return new WriterLocks(journal, own, target.dialect().tryWriterLock(own.jdbc(), target.spec(), holder));
        } catch (SQLException e) {
            closeAll(journal, own);
            throw new DbferryException(Kind.DATABASE, Where.NOWHERE, "Cannot take dbferry's writer lock on "
                    + target.spec().display() + ": " + DbferryException.rootMessage(e), null, e);
        } catch (RuntimeException e) {
            closeAll(journal, own);
            throw e;
        }
    }

    /** dbferry's description of this writer: what it does, its process and host, and since when. */
    static String holder(String doing) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "an unknown host";
        }
        // the process first: PostgreSQL keeps 63 bytes of it, and tells the start time itself
        return "dbferry pid " + ProcessHandle.current().pid() + " on " + host + " " + doing + ", since "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static void closeAll(LockFile journal, DatabaseConnection own) {
        if (own != null) {
            own.close();
        }
        journal.close();
    }

    @Override
    public void close() {
        target.close();
        closeAll(journal, lockConnection);
    }
}
