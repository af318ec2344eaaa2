package io.dbferry.core.inspect;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.catalog.Catalog;
import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dialect.ValueConversionException;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.ForeignKey;
import io.dbferry.core.model.Table;
import io.dbferry.core.session.DatabaseConnection;
import org.jooq.impl.DSL;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Read-only looks at one side: tables and counts, a table's structure, its first rows, the side's status. */
public final class Inspector {

    private final DatabaseConnection connection;

    public Inspector(DatabaseConnection connection) {
        this.connection = connection;
    }

    public record TableCount(String table, long rows) {
    }

    public record Description(Table table, List<ForeignKey> referencedBy) {
    }

    /** Rows of a table, each value already read as its portable Java value. */
    public record Sample(String table, List<Column> columns, List<Object[]> rows) {
    }

    public record Status(String side, String url, String engine, String version, String database, String characterSet,
                         String schemaVersion, int tables) {
    }

    public List<String> tables() {
        return connection.catalog().tableNames();
    }

    /** Exact counts of the named tables (all when none are named), in catalog order. */
    public List<TableCount> counts(List<String> names) {
        Catalog catalog = connection.catalog();
        List<String> tables = names == null || names.isEmpty() ? catalog.tableNames()
                : names.stream().map(catalog::resolve).toList();
        Map<String, Long> counts = catalog.counts(tables);
        return counts.entrySet().stream().map(e -> new TableCount(e.getKey(), e.getValue())).toList();
    }

    public Description describe(String name) {
        Catalog catalog = connection.catalog();
        String table = catalog.resolve(name);
        return new Description(catalog.table(table), catalog.referencingKeys(table));
    }

    public Sample peek(String name, int limit) {
        if (limit < 1) {
            throw new DbferryException(Kind.USAGE, "--limit must be at least 1.", null);
        }
        Catalog catalog = connection.catalog();
        Table table = catalog.table(catalog.resolve(name));
        Dialect dialect = connection.dialect();
        var dsl = dialect.dsl(connection.jdbc());
        var query = dsl.select(table.columns().stream().map(c -> DSL.field(DSL.name(c.name()))).toList())
                .from(DSL.table(DSL.name(table.name())))
                .orderBy(table.primaryKey().stream().map(k -> DSL.field(DSL.name(k))).toList())
                .limit(limit);
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = connection.jdbc().prepareStatement(query.getSQL())) {
            List<Object> binds = query.getBindValues();
            for (int i = 0; i < binds.size(); i++) {
                ps.setObject(i + 1, binds.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object[] row = new Object[table.columns().size()];
                    for (int i = 0; i < row.length; i++) {
                        Column column = table.columns().get(i);
                        try {
                            row[i] = dialect.read(rs, i + 1, column);
                        } catch (ValueConversionException e) {
                            // a preview shows what is stored; export is where such values are reported
                            row[i] = rs.getString(i + 1);
                        }
                    }
                    rows.add(row);
                }
            }
        } catch (SQLException e) {
            throw new DbferryException(Kind.DATABASE, Where.table(table.name()),
                    "Cannot read the rows of " + table.name() + ".", null, e);
        }
        return new Sample(table.name(), table.columns(), rows);
    }

    public Status status() {
        var server = connection.server();
        Catalog catalog = connection.catalog();
        return new Status(connection.side().label(), connection.spec().display(), server.engine().displayName(),
                server.version(), server.database(), server.characterSet(), catalog.schemaVersion().orElse(null),
                catalog.tableNames().size());
    }
}
