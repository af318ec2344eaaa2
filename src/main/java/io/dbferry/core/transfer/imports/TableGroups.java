package io.dbferry.core.transfer.imports;

import io.dbferry.core.model.ForeignKey;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/** The tables to load as groups that share no foreign key with each other, so that groups may load side by side. */
final class TableGroups {

    private TableGroups() {
    }

    /**
     * One group holding every table unless {@code split}; else the tables joined by their foreign keys
     * (a union-find over the keys between the tables being loaded), largest groups (by rows) first.
     */
    static List<Set<String>> of(List<TargetTable> loading, ToLongFunction<TargetTable> rows, boolean split) {
        Set<String> names = loading.stream().map(TargetTable::name).collect(Collectors.toCollection(LinkedHashSet::new));
        if (!split) {
            return List.of(names);
        }
        Map<String, String> root = new HashMap<>();
        names.forEach(n -> root.put(n, n));
        for (TargetTable t : loading) {
            for (ForeignKey fk : t.target().foreignKeys()) {
                if (names.contains(fk.referencedTable())) {
                    root.put(find(root, t.name()), find(root, fk.referencedTable()));
                }
            }
        }
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        Map<String, Long> groupRows = new HashMap<>();
        for (TargetTable t : loading) {
            String r = find(root, t.name());
            groups.computeIfAbsent(r, k -> new LinkedHashSet<>()).add(t.name());
            groupRows.merge(r, rows.applyAsLong(t), Long::sum);
        }
        return groups.entrySet().stream().sorted((x, y) -> Long.compare(groupRows.get(y.getKey()), groupRows.get(x.getKey())))
                .map(Map.Entry::getValue).toList();
    }

    private static String find(Map<String, String> root, String name) {
        String n = name;
        while (!root.get(n).equals(n)) {
            n = root.get(n);
        }
        return n;
    }
}
