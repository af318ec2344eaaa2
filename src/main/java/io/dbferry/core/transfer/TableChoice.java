package io.dbferry.core.transfer;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.catalog.Catalog;
import io.dbferry.core.catalog.TableNames;
import io.dbferry.core.model.Table;
import org.jooq.Condition;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which of the source's tables an export or a copy reads: --tables, --exclude and --where, the same for both. */
public final class TableChoice {

    private TableChoice() {
    }

    /** The tables named (or all), less the excluded ones and Flyway's history unless named; {@code verb}: "export", "copy". */
    public static List<Table> chosen(Catalog catalog, List<String> names, List<String> exclude, String verb) {
        List<String> all = catalog.tableNames();
        List<String> chosen = names.isEmpty() ? all : TableNames.select(String.join(",", names), all);
        Set<String> excluded = new LinkedHashSet<>(TableNames.select(String.join(",", exclude), all));
        boolean historyNamed = names.stream().anyMatch(Catalog.FLYWAY_HISTORY::equalsIgnoreCase);
        List<Table> tables = new ArrayList<>();
        for (String name : chosen) {
            if (excluded.contains(name) || (name.equalsIgnoreCase(Catalog.FLYWAY_HISTORY) && !historyNamed)) {
                continue;
            }
            tables.add(catalog.table(name));
        }
        if (tables.isEmpty()) {
            throw new DbferryException(Kind.USAGE, "No table is left to " + verb + ".", "Check --tables and --exclude; 'tables' lists the names.");
        }
        return tables;
    }

    /** Tables that --with-parents may add rows from: everything not excluded. */
    public static List<Table> candidates(Catalog catalog, List<String> exclude) {
        return candidateNames(catalog, exclude).stream().map(catalog::table).toList();
    }

    /** The names of {@link #candidates}, without reading each table's columns and keys. */
    public static List<String> candidateNames(Catalog catalog, List<String> exclude) {
        List<String> all = catalog.tableNames();
        Set<String> excluded = new LinkedHashSet<>(TableNames.select(String.join(",", exclude), all));
        return all.stream().filter(n -> !excluded.contains(n) && !n.equalsIgnoreCase(Catalog.FLYWAY_HISTORY)).toList();
    }

    /** Each --where as a condition on its table, which must be one of {@code tables}; {@code verbed}: "exported", "copied". */
    public static Map<String, Condition> conditions(Catalog catalog, List<Table> tables, Map<String, String> where, String verbed) {
        Map<String, Condition> conditions = new LinkedHashMap<>();
        where.forEach((requested, sql) -> {
            String name = catalog.resolve(requested);
            if (tables.stream().noneMatch(t -> t.name().equals(name))) {
                throw new DbferryException(Kind.USAGE, Where.table(name), "--where names " + name + ", which is not being " + verbed + ".",
                        "Add it to --tables or remove the --where.");
            }
            conditions.put(name, DSL.condition(sql));
        });
        return conditions;
    }
}
