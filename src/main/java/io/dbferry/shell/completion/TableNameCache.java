package io.dbferry.shell.completion;

import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Table and column names per side for completion, read once and kept until something changes the schema
 * or the connection ({@link #invalidate()}), so Tab stays instant on large catalogs. Each lookup runs on a
 * connection of its own, so a lookup still running when a command starts does not share its connection,
 * and Tab waits for it at most {@code dbferry.completion.wait} (300 ms).
 */
@Component
public class TableNameCache {

    static final Duration DEFAULT_WAIT = Duration.ofMillis(300);

    private record ColumnsOf(Side side, String table) {
    }

    private final Session session;
    private final BoundedLookups<Side, List<String>> tables;
    private final BoundedLookups<ColumnsOf, List<String>> columns;

    public TableNameCache(Session session) {
        this(session, DEFAULT_WAIT);
    }

    @Autowired
    public TableNameCache(Session session, @Value("${dbferry.completion.wait:300ms}") Duration wait) {
        this.session = session;
        this.tables = new BoundedLookups<>(wait);
        this.columns = new BoundedLookups<>(wait);
    }

    /** The side's table names; none when it is not connected or the answer is not there in time. */
    public List<String> tables(Side side) {
        Optional<DatabaseConnection> connection = session.get(side);
        if (connection.isEmpty()) {
            return List.of();
        }
        return tables.get(side, () -> onItsOwn(connection.get(), c -> c.catalog().tableNames()), List.of());
    }

    /** The column names of {@code table} on the side, in their order; none when unknown in time. */
    public List<String> columns(Side side, String table) {
        Optional<DatabaseConnection> connection = session.get(side);
        if (connection.isEmpty()) {
            return List.of();
        }
        return columns.get(new ColumnsOf(side, table),
                () -> onItsOwn(connection.get(), c -> c.catalog().table(table).columnNames()), List.of());
    }

    public void invalidate() {
        tables.clear();
        columns.clear();
    }

    private static List<String> onItsOwn(DatabaseConnection connection, Function<DatabaseConnection, List<String>> read) {
        try (DatabaseConnection own = connection.openAnother()) {
            return List.copyOf(read.apply(own));
        } catch (SQLException e) {
            throw new IllegalStateException("completion could not open a connection: " + e.getMessage(), e);
        }
    }
}
