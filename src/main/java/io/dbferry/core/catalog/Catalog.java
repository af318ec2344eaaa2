package io.dbferry.core.catalog;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.ForeignKey;
import io.dbferry.core.model.Index;
import io.dbferry.core.model.Names;
import io.dbferry.core.model.PortableType;
import io.dbferry.core.model.Table;
import org.jooq.impl.DSL;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads a database's tables, columns, keys and indexes through JDBC metadata, in the dialect's
 * catalog and schema, and counts rows exactly.
 */
public final class Catalog {

    /** Flyway's history table: skipped by exports unless named, read for the schema version. */
    public static final String FLYWAY_HISTORY = "flyway_schema_history";

    private final Connection connection;
    private final Dialect dialect;

    public Catalog(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    /** The application's table names, sorted ignoring case ({@link Names#ORDER}). */
    public List<String> tableNames() {
        try {
            DatabaseMetaData md = connection.getMetaData();
            List<String> names = new ArrayList<>();
            try (ResultSet rs = md.getTables(dialect.metadataCatalog(connection), dialect.metadataSchema(connection), "%",
                    new String[]{"TABLE"})) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME");
                    if (dialect.isApplicationTable(name)) {
                        names.add(name);
                    }
                }
            }
            names.sort(Names.ORDER);
            return names;
        } catch (SQLException e) {
            throw new DbferryException(Kind.DATABASE, "Cannot list the tables.", null, e);
        }
    }

    /** The table of exactly that name, or an error naming the closest names (found ignoring case). */
    public String resolve(String requested) {
        List<String> names = tableNames();
        if (names.contains(requested)) {
            return requested;
        }
        List<String> close = TableNames.closest(requested, names, 3);
        throw new DbferryException(Kind.USAGE, Where.table(requested), "There is no table '" + requested + "'.",
                close.isEmpty() ? "Run 'tables' to see the names." : "Did you mean " + TableNames.quoteList(close) + "?");
    }

    public long count(String table) {
        try {
            Long n = dialect.dsl(connection).selectCount().from(DSL.table(DSL.name(table))).fetchOne(0, Long.class);
            return n == null ? 0 : n;
        } catch (org.jooq.exception.DataAccessException e) {
            throw new DbferryException(Kind.DATABASE, Where.table(table),
                    "Cannot count the rows of " + table + ".", null, e);
        }
    }

    /** Row counts of the given tables, in the order given. */
    public Map<String, Long> counts(List<String> tables) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tables) {
            counts.put(table, count(table));
        }
        return counts;
    }

    public Table table(String name) {
        try {
            DatabaseMetaData md = connection.getMetaData();
            String catalog = dialect.metadataCatalog(connection);
            String schema = dialect.metadataSchema(connection);
            Table read = new Table(name, columns(md, catalog, schema, name), primaryKey(md, catalog, schema, name),
                    indexes(md, catalog, schema, name), importedKeys(md, catalog, schema, name));
            return dialect.withEngineDetails(connection, read);
        } catch (SQLException e) {
            throw new DbferryException(Kind.DATABASE, Where.table(name),
                    "Cannot read the structure of table " + name + ".", null, e);
        }
    }

    /** Foreign keys in other tables that point at this one. */
    public List<ForeignKey> referencingKeys(String name) {
        try {
            Optional<List<ForeignKey>> told = dialect.referencingKeys(connection, name);
            if (told.isPresent()) {
                return told.get();
            }
            DatabaseMetaData md = connection.getMetaData();
            try (ResultSet rs = md.getExportedKeys(dialect.metadataCatalog(connection), dialect.metadataSchema(connection), name)) {
                return foreignKeys(rs);
            }
        } catch (SQLException e) {
            throw new DbferryException(Kind.DATABASE, Where.table(name),
                    "Cannot read the keys that reference " + name + ".", null, e);
        }
    }

    /** The schema version recorded by Flyway, if this database has Flyway's history table. */
    public Optional<String> schemaVersion() {
        if (tableNames().stream().noneMatch(FLYWAY_HISTORY::equalsIgnoreCase)) {
            return Optional.empty();
        }
        var dsl = dialect.dsl(connection);
        var version = DSL.field(DSL.name("version"), String.class);
        var rank = DSL.field(DSL.name("installed_rank"), Integer.class);
        var success = DSL.field(DSL.name("success"), Boolean.class);
        String latest = dsl.select(version).from(DSL.table(DSL.name(FLYWAY_HISTORY)))
                .where(version.isNotNull()).and(success.isTrue())
                .orderBy(rank.desc()).limit(1).fetchOne(version);
        return Optional.ofNullable(latest);
    }

    private List<Column> columns(DatabaseMetaData md, String catalog, String schema, String table) throws SQLException {
        List<Column> columns = new ArrayList<>();
        Map<String, String> characterSets = dialect.characterSets(connection, table);
        java.util.Set<String> json = dialect.jsonColumns(connection, table);
        try (ResultSet rs = md.getColumns(catalog, schema, escape(md, table), "%")) {
            while (rs.next()) {
                if (!table.equals(rs.getString("TABLE_NAME"))) {
                    continue;
                }
                int jdbcType = rs.getInt("DATA_TYPE");
                String typeName = rs.getString("TYPE_NAME");
                int size = rs.getInt("COLUMN_SIZE");
                int scale = rs.getInt("DECIMAL_DIGITS");
                String columnName = rs.getString("COLUMN_NAME");
                PortableType portable = json.contains(columnName) ? PortableType.JSON
                        : dialect.portableType(jdbcType, typeName, size, scale);
                // the character set only where text is stored in one (not for numbers on PostgreSQL)
                String characterSet = portable == PortableType.TEXT || portable == PortableType.JSON
                        ? characterSets.get(columnName) : null;
                columns.add(new Column(columnName, typeName, jdbcType, size, scale,
                        rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls, rs.getString("COLUMN_DEF"),
                        "YES".equalsIgnoreCase(rs.getString("IS_AUTOINCREMENT")), portable, characterSet));
            }
        }
        if (columns.isEmpty()) {
            throw new DbferryException(Kind.DATABASE, Where.table(table),
                    "Table " + table + " has no columns the driver can see.", "Check the table name and your privileges.");
        }
        return columns;
    }

    private static String escape(DatabaseMetaData md, String pattern) throws SQLException {
        String esc = md.getSearchStringEscape();
        if (esc == null || esc.isEmpty()) {
            return pattern;
        }
        return pattern.replace(esc, esc + esc).replace("_", esc + "_").replace("%", esc + "%");
    }

    private static List<String> primaryKey(DatabaseMetaData md, String catalog, String schema, String table) throws SQLException {
        TreeMap<Integer, String> byPosition = new TreeMap<>();
        try (ResultSet rs = md.getPrimaryKeys(catalog, schema, table)) {
            while (rs.next()) {
                byPosition.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        return List.copyOf(byPosition.values());
    }

    private static List<Index> indexes(DatabaseMetaData md, String catalog, String schema, String table) throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        Map<String, Boolean> unique = new LinkedHashMap<>();
        try (ResultSet rs = md.getIndexInfo(catalog, schema, table, false, true)) {
            while (rs.next()) {
                String name = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                if (name == null || column == null) {
                    continue;
                }
                columns.computeIfAbsent(name, k -> new ArrayList<>()).add(column);
                unique.put(name, !rs.getBoolean("NON_UNIQUE"));
            }
        }
        List<Index> indexes = new ArrayList<>();
        columns.forEach((name, cols) -> indexes.add(new Index(name, List.copyOf(cols), unique.get(name))));
        indexes.sort(Comparator.comparing(Index::name));
        return indexes;
    }

    private static List<ForeignKey> importedKeys(DatabaseMetaData md, String catalog, String schema, String table) throws SQLException {
        try (ResultSet rs = md.getImportedKeys(catalog, schema, table)) {
            return foreignKeys(rs);
        }
    }

    private static List<ForeignKey> foreignKeys(ResultSet rs) throws SQLException {
        record Part(String name, String table, String column, String refTable, String refColumn, int seq,
                    int updateRule, int deleteRule, int deferrability) {
        }
        List<Part> parts = new ArrayList<>();
        while (rs.next()) {
            String name = rs.getString("FK_NAME");
            parts.add(new Part(name, rs.getString("FKTABLE_NAME"), rs.getString("FKCOLUMN_NAME"),
                    rs.getString("PKTABLE_NAME"), rs.getString("PKCOLUMN_NAME"), rs.getInt("KEY_SEQ"),
                    rs.getInt("UPDATE_RULE"), rs.getInt("DELETE_RULE"), rs.getInt("DEFERRABILITY")));
        }
        // unnamed keys (SQLite) are told apart by their table pair and the restart of KEY_SEQ
        Map<String, List<Part>> grouped = new LinkedHashMap<>();
        int unnamed = 0;
        String current = null;
        for (Part part : parts) {
            String key;
            if (part.name() != null && !part.name().isBlank()) {
                key = part.table() + "/" + part.name();
            } else {
                if (part.seq() <= 1 || current == null) {
                    unnamed++;
                }
                key = part.table() + "/#" + unnamed;
            }
            current = key;
            grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(part);
        }
        List<ForeignKey> keys = new ArrayList<>();
        for (List<Part> group : grouped.values()) {
            group.sort(Comparator.comparingInt(Part::seq));
            Part first = group.get(0);
            keys.add(new ForeignKey(first.name(), first.table(), group.stream().map(Part::column).toList(),
                    first.refTable(), group.stream().map(Part::refColumn).toList(), action(first.updateRule()),
                    action(first.deleteRule()), deferral(first.deferrability())));
        }
        return keys;
    }

    private static ForeignKey.Action action(int rule) {
        return switch (rule) {
            case DatabaseMetaData.importedKeyCascade -> ForeignKey.Action.CASCADE;
            case DatabaseMetaData.importedKeyRestrict -> ForeignKey.Action.RESTRICT;
            case DatabaseMetaData.importedKeySetNull -> ForeignKey.Action.SET_NULL;
            case DatabaseMetaData.importedKeySetDefault -> ForeignKey.Action.SET_DEFAULT;
            default -> ForeignKey.Action.NO_ACTION;
        };
    }

    private static ForeignKey.Deferral deferral(int deferrability) {
        return switch (deferrability) {
            case DatabaseMetaData.importedKeyInitiallyDeferred -> ForeignKey.Deferral.INITIALLY_DEFERRED;
            case DatabaseMetaData.importedKeyInitiallyImmediate -> ForeignKey.Deferral.INITIALLY_IMMEDIATE;
            default -> ForeignKey.Deferral.NOT_DEFERRABLE;
        };
    }
}
