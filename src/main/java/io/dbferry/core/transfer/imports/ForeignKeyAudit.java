package io.dbferry.core.transfer.imports;

import io.dbferry.core.catalog.Catalog;
import io.dbferry.core.model.ForeignKey;
import io.dbferry.core.model.Table;
import io.dbferry.core.session.DatabaseConnection;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Rows whose foreign keys point at nothing, found by a query per key: over a table before its commit
 * (the keys {@link ParentKeyCheck} does not check as the rows go by), and after a load with the engine's
 * checks off over the tables written and every table that references them.
 */
final class ForeignKeyAudit {

    private static final int MAX_REPORTED = 5; // per key

    private ForeignKeyAudit() {
    }

    /**
     * After the load: the written tables' own keys, then the keys of other tables that point at them
     * (emptying a parent can orphan a child that was not imported); no other table is read. A key
     * checked before its table's commit against a parent already final is not read again.
     */
    static List<String> afterLoad(DatabaseConnection db, Catalog catalog, List<TargetTable> written,
                                  Map<String, Set<String>> checkedAtCommit) {
        Set<String> names = written.stream().map(TargetTable::name).collect(Collectors.toSet());
        List<String> violations = new ArrayList<>();
        written.forEach(t -> {
            Set<String> checked = checkedAtCommit.getOrDefault(t.name(), Set.of());
            violations.addAll(violationsOf(db, t.target(), fk -> !checked.contains(fk.referencedTable())));
        });
        childrenOutside(catalog, names).forEach(child -> violations.addAll(violationsOf(db, child,
                fk -> names.contains(fk.referencedTable()))));
        return violations;
    }

    /**
     * The tables not written that have a key pointing at one that was, asked from whichever side has fewer tables:
     * each other table's own keys, or who references each written table (Connector/J answers that with a SHOW
     * CREATE TABLE of every table in the database, 0.2 s a call for 13 tables on the loaded 2-core machine).
     */
    private static List<Table> childrenOutside(Catalog catalog, Set<String> written) {
        List<String> others = catalog.tableNames().stream().filter(name -> !written.contains(name)).toList();
        if (others.size() <= written.size()) {
            return others.stream().map(catalog::table)
                    .filter(t -> t.foreignKeys().stream().anyMatch(fk -> written.contains(fk.referencedTable()))).toList();
        }
        Set<String> children = new TreeSet<>();
        written.forEach(name -> catalog.referencingKeys(name).stream().map(ForeignKey::table)
                .filter(child -> !written.contains(child)).forEach(children::add));
        return children.stream().map(catalog::table).toList();
    }

    /** Rows of {@code table} whose foreign keys (those {@code which} selects) point at nothing; at most 5 per key. */
    static List<String> violationsOf(DatabaseConnection db, Table table, Predicate<ForeignKey> which) {
        List<String> violations = new ArrayList<>();
        var dsl = db.dialect().dsl(db.jdbc());
        for (ForeignKey fk : table.foreignKeys()) {
            if (!which.test(fk)) {
                continue;
            }
            var child = DSL.table(DSL.name(fk.table())).as("c");
            var parent = DSL.table(DSL.name(fk.referencedTable())).as("p");
            var join = DSL.and(indexed(fk.columns().size(), i -> DSL.field(DSL.name("p", fk.referencedColumns().get(i)))
                    .eq(DSL.field(DSL.name("c", fk.columns().get(i))))));
            var notNull = DSL.and(fk.columns().stream().map(c -> DSL.field(DSL.name("c", c)).isNotNull()).toList());
            List<String> keyColumns = ParentKeyCheck.keyColumns(table, fk);
            var rows = dsl.select(keyColumns.stream().map(k -> DSL.field(DSL.name("c", k))).toList())
                    .from(child).where(notNull).andNotExists(DSL.selectOne().from(parent).where(join))
                    .limit(MAX_REPORTED).fetch();
            for (var row : rows) {
                violations.add(ParentKeyCheck.orphan(table, keyColumns, List.of(row.intoArray()), fk));
            }
        }
        return violations;
    }

    private static <T> List<T> indexed(int n, IntFunction<T> f) {
        List<T> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(f.apply(i));
        }
        return list;
    }
}
