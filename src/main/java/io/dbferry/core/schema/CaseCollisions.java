package io.dbferry.core.schema;

import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.Index;
import io.dbferry.core.model.PortableType;
import io.dbferry.core.model.Table;
import io.dbferry.core.session.DatabaseConnection;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.List;

/**
 * Unique keys over text that the source keeps apart by case but the target would compare ignoring case
 * (a --collation like utf8mb4_general_ci): the source is asked, before anything is loaded, how many of
 * its values would collide.
 */
final class CaseCollisions {

    private CaseCollisions() {
    }

    static List<SchemaNote> find(DatabaseConnection source, Dialect target, List<Table> tables, String collation) {
        List<SchemaNote> notes = new ArrayList<>();
        String clause = target.schemaSql().collationClause(collation, false).replace(" COLLATE ", "").trim();
        if (!target.schemaSql().collationIgnoresCase(clause)) {
            return notes;
        }
        DSLContext dsl = source.dialect().dsl(source.jdbc());
        for (Table table : tables) {
            List<List<String>> keys = new ArrayList<>();
            keys.add(table.primaryKey());
            table.indexes().stream().filter(Index::unique).map(Index::columns).forEach(keys::add);
            for (List<String> key : keys) {
                List<Column> columns = key.stream().map(c -> table.column(c).orElse(null)).toList();
                if (key.isEmpty() || columns.contains(null) || columns.stream().noneMatch(c -> c.portableType() == PortableType.TEXT)
                        || columns.stream().anyMatch(c -> source.dialect().schemaSql().collationIgnoresCase(c.collation()))) {
                    continue;
                }
                List<Field<?>> folded = columns.stream().<Field<?>>map(c -> c.portableType() == PortableType.TEXT
                        ? DSL.lower(DSL.field(DSL.name(c.name()), String.class)) : DSL.field(DSL.name(c.name()))).toList();
                int groups = dsl.fetchCount(dsl.select(folded).from(DSL.table(DSL.name(table.name())))
                        .groupBy(folded).having(DSL.count().gt(1)));
                if (groups > 0) {
                    notes.add(new SchemaNote(table.name(), String.join(",", key), "unique key collides under " + clause,
                            groups + " groups of values differing only in case", null, SchemaNote.Outcome.NOT_CARRIED));
                }
            }
        }
        return notes;
    }
}
