package io.dbferry.core.schema;

import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dialect.SchemaSql;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.DefaultValue;
import io.dbferry.core.model.ForeignKey;
import io.dbferry.core.model.PortableType;
import io.dbferry.core.model.Table;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The target's words for one source table's columns: type (a referencing column takes its key's), collation,
 * default, ON UPDATE, generation, and the CHECKs for the table and its ENUM/SET values; every default, check
 * and rule that is translated or left out becomes a {@link SchemaNote}.
 */
final class TableDefinition {

    private final Dialect sourceDialect;
    private final Dialect targetDialect;
    private final SchemaSql from;
    private final SchemaSql to;
    private final DSLContext dsl;
    private final Map<String, String> typeOverrides;
    private final String collation;
    private final List<Table> tables;
    private final List<SchemaNote> notes;

    TableDefinition(Dialect sourceDialect, Dialect targetDialect, DSLContext dsl, Map<String, String> typeOverrides,
                    String collation, List<Table> tables, List<SchemaNote> notes) {
        this.sourceDialect = sourceDialect;
        this.targetDialect = targetDialect;
        this.from = sourceDialect.schemaSql();
        this.to = targetDialect.schemaSql();
        this.dsl = dsl;
        this.typeOverrides = typeOverrides;
        this.collation = collation;
        this.tables = tables;
        this.notes = notes;
    }

    /** The column's type on the target: the override, the ENUM/SET type, the referenced key's type, else the dialect's. */
    String type(Table table, Column column, boolean inKey) {
        String override = override(column);
        if (override != null) {
            return override;
        }
        for (ForeignKey fk : table.foreignKeys()) {
            int at = fk.columns().indexOf(column.name());
            Table parent = tables.stream().filter(t -> t.name().equals(fk.referencedTable())).findFirst().orElse(null);
            if (at >= 0 && parent != null && !(parent == table && fk.referencedColumns().get(at).equals(column.name()))) {
                Column key = parent.columns().stream().filter(c -> c.name().equals(fk.referencedColumns().get(at))).findFirst().orElse(null);
                if (key != null) {
                    return type(parent, key, true); // MariaDB refuses a key whose columns differ in type (errno 150)
                }
            }
        }
        SchemaSql.OwnType own = from.ownType(column);
        if (own != null && from.sameEngine(to)) {
            return own.sql();
        }
        String choices = column.choices() == null ? null : to.choicesType(column.choices());
        String type = choices != null ? choices : targetDialect.columnType(column, inKey);
        if (own != null) {
            notes.add(SchemaNote.of(table.name(), column.name(), own.elsewhere(), own.sql(), type));
        }
        return type;
    }

    private String override(Column column) {
        String declared = column.typeName() == null ? "" : column.typeName().replaceAll("\\(.*$", "").trim();
        return typeOverrides.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(declared))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** What follows the type: collation, DEFAULT, ON UPDATE, or the generation; NOT NULL. */
    String columnTail(Table table, Column column, String type) {
        StringBuilder tail = new StringBuilder();
        if (column.portableType() == PortableType.TEXT && !type.toUpperCase().startsWith("ENUM") && !type.toUpperCase().startsWith("SET")) {
            boolean ignoresCase = from.collationIgnoresCase(column.collation());
            String clause = to.collationClause(collation, ignoresCase);
            tail.append(clause);
            if (ignoresCase && !to.collationIgnoresCase(clause.replace(" COLLATE ", "").trim()) && isUniqueText(table, column)) {
                notes.add(SchemaNote.of(table.name(), column.name(), "unique key comparing ignoring case", column.collation(), null));
            }
        }
        if (column.isGenerated()) {
            String expression = new ExpressionTranslator(from, to, dsl, table.columnNames()).translate(column.generated().expression()).orElse(null);
            String clause = expression == null ? null : to.generatedClause(expression, column.generated().stored());
            notes.add(SchemaNote.of(table.name(), column.name(), "generated", column.generated().expression(), expression));
            if (clause != null) {
                return tail.append(" ").append(clause).toString();
            }
        }
        DefaultValue value = from.portableDefault(column);
        if (value != null) {
            // an array's default ('{}') is in the array's own syntax, which means something else in JSON text
            boolean ownSyntax = from.ownType(column) != null && !from.sameEngine(to);
            String sql = ownSyntax ? null : to.defaultSql(value, column.portableType(), type);
            notes.add(SchemaNote.of(table.name(), column.name(), "default", column.defaultValue().trim(), sql));
            if (sql != null) {
                tail.append(" DEFAULT ").append(sql);
            }
        }
        if (column.onUpdate() != null && to.onUpdateClause(type) != null && isNow(column.onUpdate())) {
            tail.append(" ").append(to.onUpdateClause(type));
            notes.add(SchemaNote.of(table.name(), column.name(), "on update", column.onUpdate(), to.onUpdateClause(type)));
        }
        return tail.append(column.nullable() ? "" : " NOT NULL").toString();
    }

    /** Statements after the table exists: the trigger that does MySQL's ON UPDATE where the target has no clause for it. */
    List<String> onUpdateTriggers(Table table, String type, Column column) {
        if (column.onUpdate() == null || to.onUpdateClause(type) != null) {
            return List.of();
        }
        String name = SchemaCopier.fit(table.name() + "_" + column.name() + "_on_update", targetDialect.maxIdentifierLength());
        List<String> trigger = isNow(column.onUpdate())
                ? to.onUpdateTrigger(dsl, name, table.name(), column.name(), column.portableType()) : List.of();
        notes.add(SchemaNote.of(table.name(), column.name(), "on update", column.onUpdate(), trigger.isEmpty() ? null : "trigger " + name));
        return trigger;
    }

    private boolean isNow(String expression) {
        return from.portableDefault(new Column("x", "", 0, 0, 0, true, expression, false, PortableType.TIMESTAMP, null))
                instanceof DefaultValue.Now;
    }

    /** The table's CHECKs and those holding its ENUM/SET columns to their values, each as a CREATE TABLE part. */
    List<String> checks(Table table) {
        List<String> parts = new ArrayList<>();
        ExpressionTranslator translator = new ExpressionTranslator(from, to, dsl, table.columnNames());
        for (Table.Check check : table.checks()) {
            String expression = translator.translate(check.expression()).orElse(null);
            notes.add(SchemaNote.of(table.name(), null, "check" + (check.name() == null ? "" : " " + check.name()), check.expression(), expression));
            if (expression != null) {
                parts.add("CHECK (" + expression + ")");
            }
        }
        for (Column column : table.columns()) {
            if (column.choices() == null || override(column) != null || to.choicesType(column.choices()) != null) {
                continue;
            }
            String quoted = dsl.render(DSL.name(column.name()));
            String values = column.choices().values().stream().map(io.dbferry.core.dialect.DefaultExpressions::quote)
                    .collect(Collectors.joining(", "));
            String check = column.choices().set() ? to.setCheck(quoted, column.choices().values()) : quoted + " IN (" + values + ")";
            notes.add(SchemaNote.of(table.name(), column.name(), column.choices().set() ? "set values" : "enum values",
                    values, check == null ? null : "CHECK (" + check + ")"));
            if (check != null) {
                parts.add("CHECK (" + check + ")");
            }
        }
        return parts;
    }

    String foreignKey(Table table, ForeignKey fk) {
        StringBuilder sql = new StringBuilder("FOREIGN KEY (" + columns(fk.columns()) + ") REFERENCES " + q(fk.referencedTable())
                + " (" + columns(fk.referencedColumns()) + ")");
        if (fk.onUpdate() != ForeignKey.Action.NO_ACTION) {
            sql.append(" ON UPDATE ").append(fk.onUpdate().sql());
        }
        if (fk.onDelete() != ForeignKey.Action.NO_ACTION) {
            sql.append(" ON DELETE ").append(fk.onDelete().sql());
        }
        if (fk.deferral().deferrable()) {
            String deferral = fk.deferral() == ForeignKey.Deferral.INITIALLY_DEFERRED ? "DEFERRABLE INITIALLY DEFERRED" : "DEFERRABLE";
            boolean kept = to.deferrableForeignKeys();
            notes.add(SchemaNote.of(table.name(), null, "foreign key " + fk.columns() + " " + deferral, deferral, kept ? deferral : null));
            if (kept) {
                sql.append(" ").append(deferral);
            }
        }
        return sql.toString();
    }

    private boolean isUniqueText(Table table, Column column) {
        return table.indexes().stream().anyMatch(i -> i.unique() && i.columns().contains(column.name()))
                || table.primaryKey().contains(column.name());
    }

    String q(String name) {
        return dsl.render(DSL.name(name));
    }

    String columns(List<String> names) {
        return names.stream().map(this::q).collect(Collectors.joining(", "));
    }
}
