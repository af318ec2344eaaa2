package io.dbferry.core.schema;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.catalog.Catalog;
import io.dbferry.core.catalog.DependencyOrder;
import io.dbferry.core.catalog.TableNames;
import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.ForeignKey;
import io.dbferry.core.model.Index;
import io.dbferry.core.model.Names;
import io.dbferry.core.model.Table;
import io.dbferry.core.session.DatabaseConnection;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Creates the target's tables from the source's metadata, for databases that ship no migrations:
 * columns through the target dialect's type mapping (overridable), primary keys, unique constraints,
 * indexes, foreign keys and auto-increment keys. Existing tables are left alone and reported.
 */
public final class SchemaCopier {

    private final DatabaseConnection source;
    private final DatabaseConnection target;
    private final Map<String, String> typeOverrides;
    private final String collation;

    /** {@code typeOverrides}: source type name (without length, any case) to the target type to use instead. */
    public SchemaCopier(DatabaseConnection source, DatabaseConnection target, Map<String, String> typeOverrides) {
        this(source, target, typeOverrides, null);
    }

    /** {@code collation}: the target's collation for every text column (--collation), null to compare as the source did. */
    public SchemaCopier(DatabaseConnection source, DatabaseConnection target, Map<String, String> typeOverrides, String collation) {
        this.source = source;
        this.target = target;
        this.typeOverrides = typeOverrides;
        this.collation = collation;
    }

    /** The tables, then the views and triggers; their definitions are written to no file. */
    public CopySchemaResult copy(List<String> tables, boolean dryRun) {
        return copy(tables, dryRun, null);
    }

    /** {@code objectsFile}: where the views' and triggers' definitions are written, for the operator to port (null: nowhere). */
    public CopySchemaResult copy(List<String> tables, boolean dryRun, java.nio.file.Path objectsFile) {
        Catalog sourceCatalog = source.catalog();
        List<String> all = sourceCatalog.tableNames().stream().filter(n -> !n.equalsIgnoreCase(Catalog.FLYWAY_HISTORY)).toList();
        List<String> chosen = tables.isEmpty() ? all : TableNames.select(String.join(",", tables), sourceCatalog.tableNames());
        List<Table> sourceTables = chosen.stream().map(sourceCatalog::table).toList();
        checkIdentifierLengths(sourceTables);

        Catalog targetCatalog = target.catalog();
        List<String> targetNames = targetCatalog.tableNames();
        List<CopySchemaResult.ExistingTable> existing = new ArrayList<>();
        List<Table> toCreate = new ArrayList<>();
        for (Table table : sourceTables) {
            Optional<String> present = Names.find(table.name(), targetNames);
            if (present.isPresent()) {
                existing.add(new CopySchemaResult.ExistingTable(present.get(), differences(table, targetCatalog.table(present.get()))));
            } else {
                toCreate.add(table);
            }
        }

        checkReferencedTables(toCreate, targetNames);
        List<SchemaNote> notes = new ArrayList<>();
        List<String> statements = statements(toCreate, notes);
        notes.addAll(CaseCollisions.find(source, target.dialect(), toCreate, collation));
        if (!dryRun) {
            execute(statements);
        }
        // after every table: views and triggers (ViewsAndTriggers)
        ViewsAndTriggers.Result objects = new ViewsAndTriggers(source, target)
                .copy(Set.copyOf(chosen), tables.isEmpty(), dryRun, objectsFile);
        return new CopySchemaResult(statements, toCreate.stream().map(Table::name).toList(), existing, dryRun, notes,
                objects.outcomes(), objects.file() == null ? null : objects.file().toString());
    }

    private List<String> statements(List<Table> tables, List<SchemaNote> notes) {
        Dialect dialect = target.dialect();
        DSLContext dsl = dialect.dsl(target.jdbc());
        TableDefinition definition = new TableDefinition(source.dialect(), dialect, dsl, typeOverrides, collation, tables, notes);
        List<String> creates = new ArrayList<>();
        List<String> after = new ArrayList<>();
        for (String name : DependencyOrder.of(tables).order()) {
            Table table = tables.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
            creates.add(createTable(definition, dialect, table, after));
            for (Index index : table.indexes()) {
                boolean implicit = source.dialect().isImplicitIndex(index);
                // an index the engine made by itself for a UNIQUE constraint is made again under a name of ours
                if (!coversPrimaryKey(table, index) && (!implicit || index.unique())) {
                    String indexName = implicit ? fit(table.name() + "_" + String.join("_", index.columns()) + "_key",
                            dialect.maxIdentifierLength()) : indexName(table, index);
                    after.add((index.unique() ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") + q(dsl, indexName)
                            + " ON " + q(dsl, table.name()) + " (" + columns(dsl, index.columns()) + ")");
                }
            }
            if (dialect.canAddForeignKeys()) {
                for (ForeignKey fk : table.foreignKeys()) {
                    after.add("ALTER TABLE " + q(dsl, table.name()) + " ADD " + definition.foreignKey(table, fk));
                }
            }
        }
        creates.addAll(after);
        return creates;
    }

    private String createTable(TableDefinition definition, Dialect dialect, Table table, List<String> after) {
        DSLContext dsl = dialect.dsl(target.jdbc());
        Set<String> keyed = keyedColumns(table);
        List<String> parts = new ArrayList<>();
        boolean keyDeclared = false;
        for (Column column : table.columns()) {
            String type = definition.type(table, column, keyed.contains(column.name()));
            if (isAutoIncrementKey(table, column)) {
                parts.add("  " + dialect.autoIncrementColumn(q(dsl, column.name()), type));
                keyDeclared = dialect.autoIncrementDeclaresPrimaryKey();
            } else {
                parts.add("  " + q(dsl, column.name()) + " " + type + definition.columnTail(table, column, type));
                after.addAll(definition.onUpdateTriggers(table, type, column));
            }
        }
        if (table.hasPrimaryKey() && !keyDeclared) {
            parts.add("  PRIMARY KEY (" + columns(dsl, table.primaryKey()) + ")");
        }
        definition.checks(table).forEach(check -> parts.add("  " + check));
        if (!dialect.canAddForeignKeys()) {
            table.foreignKeys().forEach(fk -> parts.add("  " + definition.foreignKey(table, fk)));
        }
        return "CREATE TABLE " + q(dsl, table.name()) + " (\n" + String.join(",\n", parts) + "\n)" + dialect.tableOptions();
    }

    /** A single-column integer key that the source fills itself (the source's dialect says which those are). */
    private boolean isAutoIncrementKey(Table table, Column column) {
        if (table.primaryKey().size() != 1 || !table.primaryKey().get(0).equals(column.name())
                || column.portableType() != io.dbferry.core.model.PortableType.INTEGER) {
            return false;
        }
        return source.dialect().generatesKey(column);
    }

    private static Set<String> keyedColumns(Table table) {
        Set<String> keyed = new LinkedHashSet<>(table.primaryKey());
        table.indexes().forEach(i -> keyed.addAll(i.columns()));
        table.foreignKeys().forEach(fk -> keyed.addAll(fk.columns()));
        return keyed;
    }

    private static boolean coversPrimaryKey(Table table, Index index) {
        return index.unique() && index.columns().equals(table.primaryKey());
    }

    /** Index names are per schema on PostgreSQL, so a name is prefixed with its table when that keeps it unique. */
    private String indexName(Table table, Index index) {
        String name = index.name().toLowerCase(Locale.ROOT).startsWith(table.name().toLowerCase(Locale.ROOT))
                ? index.name() : table.name() + "_" + index.name();
        return fit(name, target.dialect().maxIdentifierLength()); // the prefix may push it past the engine's limit
    }

    static String fit(String name, int max) {
        return name.length() > max ? shorten(name, max) : name;
    }

    /** A foreign key can only be created when the table it references is created too or already on the target. */
    private static void checkReferencedTables(List<Table> toCreate, List<String> targetNames) {
        List<String> missing = new ArrayList<>();
        for (Table table : toCreate) {
            for (ForeignKey fk : table.foreignKeys()) {
                String parent = fk.referencedTable();
                boolean there = toCreate.stream().anyMatch(t -> t.name().equals(parent))
                        || Names.find(parent, targetNames).isPresent();
                if (!there) {
                    missing.add(table.name() + " references " + parent);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new DbferryException(Kind.TARGET_MISMATCH,
                    "These foreign keys reference tables that are neither being copied nor on the target:\n  - "
                    + String.join("\n  - ", missing.stream().distinct().toList()),
                    "Add the referenced tables to --tables (or create them on the target first), then run copy-schema again.");
        }
    }

    private void checkIdentifierLengths(List<Table> tables) {
        int max = target.dialect().maxIdentifierLength();
        List<String> tooLong = new ArrayList<>();
        for (Table table : tables) {
            if (table.name().length() > max) {
                tooLong.add("table " + table.name() + " (" + table.name().length() + " chars; suggest " + shorten(table.name(), max) + ")");
            }
            for (Column column : table.columns()) {
                if (column.name().length() > max) {
                    tooLong.add("column " + table.name() + "." + column.name() + " (" + column.name().length()
                            + " chars; suggest " + shorten(column.name(), max) + ")");
                }
            }
        }
        if (!tooLong.isEmpty()) {
            throw new DbferryException(Kind.TARGET_MISMATCH, "These names are longer than " + target.server().engine().displayName() + " allows ("
                    + max + " characters):\n  - " + String.join("\n  - ", tooLong),
                    "\nRename them in the source, or create those tables yourself with shorter names.");
        }
    }

    /** A name cut to fit, ending in a short hash of the whole so two long names that share a prefix stay apart. */
    static String shorten(String name, int max) {
        String hash = Integer.toHexString(name.hashCode() & 0xfffff);
        return name.substring(0, max - hash.length() - 1) + "_" + hash;
    }

    private static List<String> differences(Table wanted, Table present) {
        List<String> differences = new ArrayList<>();
        for (Column column : wanted.columns()) {
            if (present.column(column.name()).isEmpty()) {
                differences.add("column " + column.name() + " is missing");
            }
        }
        for (Column column : present.columns()) {
            if (wanted.column(column.name()).isEmpty() && !column.nullable() && column.defaultValue() == null && !column.autoIncrement()) {
                differences.add("column " + column.name() + " is NOT NULL on the target and unknown to the source");
            }
        }
        return differences;
    }

    private void execute(List<String> statements) {
        try (Statement st = target.jdbc().createStatement()) {
            List<String> created = new ArrayList<>();
            for (String sql : statements) {
                try {
                    st.execute(sql);
                    if (sql.startsWith("CREATE TABLE ")) {
                        created.add(sql.substring("CREATE TABLE ".length(), sql.indexOf(" (")));
                    }
                } catch (SQLException e) {
                    throw new DbferryException(Kind.DATABASE, "copy-schema failed at:\n" + sql + "\nThe server said: " + e.getMessage(),
                            "Tables created before this statement stay (" + (created.isEmpty() ? "none" : String.join(", ", created))
                            + "); fix the cause (for example with --map SOURCE_TYPE=TARGET_TYPE) and run copy-schema again: existing "
                            + "tables are left alone (drop them first to get their indexes and keys from the statements after this one).", e);
                }
            }
        } catch (SQLException e) {
            throw new DbferryException(Kind.DATABASE, "copy-schema could not run.", null, e);
        }
    }

    private static String q(DSLContext dsl, String name) {
        return dsl.render(DSL.name(name));
    }

    private static String columns(DSLContext dsl, List<String> names) {
        return names.stream().map(n -> q(dsl, n)).collect(Collectors.joining(", "));
    }
}
