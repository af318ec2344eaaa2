package io.dbferry.core.transfer.imports;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.session.DatabaseConnection;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The read-only snapshot of the source a copy reads in, begun once and ended whatever happened. With --jobs N
 * the copy's own connection and N-1 more all read the source as it was at one moment, opened before anything is
 * read: joined to one exported snapshot where the engine shares it (PostgreSQL), else each begun while a guard
 * connection holds back every commit to the copied tables (MySQL/MariaDB); SQLite's readers begin their own.
 */
final class CopySnapshot {

    private CopySnapshot() {
    }

    /** Begins the snapshot on {@code source} and {@code jobs - 1} more connections in it, returned for the jobs to read through. */
    static List<DatabaseConnection> begin(DatabaseConnection source, List<String> tables, int jobs) {
        Dialect dialect = source.dialect();
        List<DatabaseConnection> readers = new ArrayList<>();
        DatabaseConnection guard = null;
        try {
            for (int i = 1; i < jobs; i++) {
                readers.add(source.openAnother());
            }
            if (!readers.isEmpty()) {
                guard = source.openAnother();
                if (!dialect.holdCommits(guard.jdbc(), tables)) {
                    guard.close();
                    guard = null;
                }
            }
            dialect.beginSnapshot(source.jdbc());
            Optional<String> shared = readers.isEmpty() ? Optional.empty() : dialect.exportSnapshot(source.jdbc());
            for (DatabaseConnection reader : readers) {
                if (shared.isPresent()) {
                    dialect.joinSnapshot(reader.jdbc(), shared.get());
                } else {
                    dialect.beginSnapshot(reader.jdbc());
                }
            }
            return readers;
        } catch (SQLException e) {
            end(source, readers);
            throw new DbferryException(Kind.DATABASE, Where.NOWHERE, readers.isEmpty()
                    ? "The copy could not start its read-only snapshot of the source."
                    : "The copy could not start " + jobs + " read-only snapshots of the source showing one moment (with "
                    + "--jobs, the readers begin while every commit to the copied tables is held back where the engine "
                    + "cannot share a snapshot).", readers.isEmpty()
                    ? "Check that the source is still connected ('status'), then copy again."
                    : "Check that the source is still connected and that its user may lock the copied tables for "
                    + "reading, or copy with --jobs 1.", e);
        } finally {
            if (guard != null) {
                guard.close(); // the held commits go through; the snapshots are already taken
            }
        }
    }

    /** Ends the snapshot on {@code source} and closes the job readers {@link #begin} opened. */
    static void end(DatabaseConnection source, List<DatabaseConnection> readers) {
        readers.forEach(DatabaseConnection::close);
        source.dialect().endSnapshot(source.jdbc());
    }
}
