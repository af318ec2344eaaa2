package io.dbferry.core.schema;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.session.DatabaseConnection;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.jooq.tools.jdbc.SingleConnectionDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs one Flyway command on a session connection: lends the connection through jOOQ's
 * {@link SingleConnectionDataSource} (whose connection ignores {@code close()}, so the session's stays open;
 * the session keeps no password, so opening a second one is not an option), puts its auto-commit mode back
 * afterwards, logs through SLF4J (to dbferry's log file, never the console), and
 * turns Flyway's exceptions into paragraphs for the operator. The connection is usable afterwards.
 */
final class FlywaySetup {

    private FlywaySetup() {
    }

    static <T> T run(DatabaseConnection connection, List<String> locations, String targetVersion,
                     Function<Flyway, T> command) {
        try (AutoCommitRestored restored = new AutoCommitRestored(connection.jdbc())) {
            SingleConnectionDataSource dataSource = new SingleConnectionDataSource(connection.jdbc());
            FluentConfiguration config = Flyway.configure(FlywaySetup.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(locations.toArray(String[]::new))
                    .loggers("slf4j")
                    .encoding("UTF-8")
                    .cleanDisabled(true)
                    .failOnMissingLocations(true)
                    .validateMigrationNaming(true);
            if (targetVersion != null && !targetVersion.isBlank()) {
                config.target(targetVersion.trim());
            }
            return command.apply(config.load());
        } catch (SQLException e) {
            throw new DbferryException(Kind.DATABASE, "Cannot use the " + connection.side().label() + " connection for Flyway.",
                    "Reconnect with 'connect " + connection.side().label() + " URL' and try again.", e);
        } catch (FlywayMigrateException e) {
            throw failedMigration(connection, locations, e);
        } catch (FlywayValidateException e) {
            throw new DbferryException(Kind.TARGET_MISMATCH,
                    "Flyway refuses to migrate " + where(connection) + ": its history table and the migrations in "
                    + String.join(", ", locations) + " disagree: " + details(e.getMessage()) + ".",
                    "Put back the files that were applied as they were; if a migration failed earlier or a file was "
                            + "changed on purpose, fix it and run 'migrate --repair', then 'migrate' again.", e);
        } catch (FlywayException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("non-empty schema") || message.contains("without schema history table")) {
                throw new DbferryException(Kind.TARGET_MISMATCH, "The " + where(connection) + " already holds tables but no Flyway history "
                        + "table, so Flyway cannot tell which migrations it has.",
                        "Migrate into an empty database, or create the tables with 'copy-schema' instead.", e);
            }
            if (message.contains("Unable to scan") || message.contains("Unable to resolve location")
                    || message.contains("location")) {
                throw new DbferryException(Kind.FILE, "Flyway cannot read the migration locations " + String.join(", ", locations)
                        + ": " + firstLine(message), "Check that each location exists and can be read.", e);
            }
            throw new DbferryException(Kind.DATABASE, "Flyway failed on the " + where(connection) + ": " + firstLine(message),
                    "Details are in ~/.dbferry/dbferry.log.", e);
        }
    }

    private static DbferryException failedMigration(DatabaseConnection connection, List<String> locations,
                                                    FlywayMigrateException e) {
        String script = e.getMigration() != null ? e.getMigration().getScript() : "a migration";
        String file = e.getAbsolutePathOnDisk() != null ? e.getAbsolutePathOnDisk() : script;
        String line = e.getLineNumber() > 0 ? " at line " + e.getLineNumber() : "";
        String cause = sqlMessage(e);
        boolean recordedAsFailed = hasFailedEntry(connection, locations);
        String next = "Fix " + file + " and run 'migrate' again.";
        if (recordedAsFailed) {
            next = "Flyway recorded it as failed, and " + connection.dialect().engine().displayName()
                    + " keeps the statements that ran before the error (no transactional DDL): undo them by hand, fix "
                    + file + ", run 'migrate --repair' to remove the failed entry from flyway_schema_history, then "
                    + "'migrate' again.";
        } else {
            next = "The migration was rolled back and not recorded. " + next;
        }
        return new DbferryException(Kind.DATABASE, "Migration " + script + " failed on the " + where(connection) + line + ": "
                + cause + ".", next, e);
    }

    private static boolean hasFailedEntry(DatabaseConnection connection, List<String> locations) {
        try (AutoCommitRestored restored = new AutoCommitRestored(connection.jdbc())) {
            SingleConnectionDataSource dataSource = new SingleConnectionDataSource(connection.jdbc());
            Flyway flyway = Flyway.configure(FlywaySetup.class.getClassLoader()).dataSource(dataSource)
                    .locations(locations.toArray(String[]::new)).loggers("slf4j").load();
            for (org.flywaydb.core.api.MigrationInfo info : flyway.info().all()) {
                MigrationState state = info.getState();
                if (state.isFailed()) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException | SQLException ignored) {
            return false;
        }
    }

    private static String sqlMessage(Throwable e) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState() == null ? "" : " (SQL state " + sql.getSQLState() + ")";
                return firstLine(sql.getMessage()).replaceFirst("\\.$", "") + state;
            }
            messages.add(t.getMessage());
        }
        return firstLine(e.getMessage());
    }

    static String where(DatabaseConnection connection) {
        return connection.side().label() + " " + connection.spec().display();
    }

    /** Flyway's message without its headline and its advertising, on one line. */
    static String details(String text) {
        if (text == null) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String line : text.strip().split("\\R")) {
            String l = line.strip();
            if (l.isEmpty() || l.matches("^-+$") || l.startsWith("Validate failed: Migrations have failed validation")
                    || l.startsWith("Need more flexibility") || l.contains("https://") || l.startsWith("To fix this error")) {
                continue;
            }
            kept.add(l.replaceFirst("[.]$", ""));
        }
        String joined = kept.isEmpty() ? firstLine(text) : String.join("; ", kept);
        return joined.length() > 600 ? joined.substring(0, 600) + " …" : joined;
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        for (String line : text.strip().split("\\R")) {
            if (!line.isBlank() && !line.matches("^-+$")) {
                return line.strip();
            }
        }
        return text.strip();
    }

    /** Ends what Flyway left open and puts the connection's auto-commit mode back as it was. */
    private static final class AutoCommitRestored implements AutoCloseable {
        private final Connection connection;
        private final boolean autoCommit;

        AutoCommitRestored(Connection connection) throws SQLException {
            this.connection = connection;
            this.autoCommit = connection.getAutoCommit();
        }

        @Override
        public void close() {
            try {
                if (!connection.isClosed()) {
                    if (autoCommit && !connection.getAutoCommit()) {
                        connection.rollback();
                    }
                    if (connection.getAutoCommit() != autoCommit) {
                        connection.setAutoCommit(autoCommit);
                    }
                }
            } catch (SQLException ignored) {
                // the connection is broken; the next command on it will say so
            }
        }
    }
}
