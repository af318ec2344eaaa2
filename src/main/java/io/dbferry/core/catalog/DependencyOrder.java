package io.dbferry.core.catalog;

import io.dbferry.core.model.ForeignKey;
import io.dbferry.core.model.Names;
import io.dbferry.core.model.Table;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tables ordered parents first by their foreign keys, so loading in this order never references a row
 * not yet loaded. Tables in a cycle (or referencing themselves) are reported, since only switching
 * off foreign-key checks can load them.
 */
public final class DependencyOrder {

    private final List<String> order;
    private final Set<String> cyclic;
    private final Map<String, Set<String>> parents;

    private DependencyOrder(List<String> order, Set<String> cyclic, Map<String, Set<String>> parents) {
        this.order = order;
        this.cyclic = cyclic;
        this.parents = parents;
    }

    /** Orders the given tables; keys to tables outside the set are ignored. */
    public static DependencyOrder of(Collection<Table> tables) {
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        tables.forEach(t -> names.add(t.name()));
        Set<String> selfReferencing = new HashSet<>();
        for (Table table : tables) {
            Set<String> ps = new TreeSet<>(Names.ORDER);
            for (ForeignKey fk : table.foreignKeys()) {
                if (fk.isSelfReference()) {
                    selfReferencing.add(table.name());
                } else if (names.contains(fk.referencedTable())) {
                    ps.add(fk.referencedTable());
                }
            }
            parents.put(table.name(), ps);
        }
        // Kahn's algorithm, picking names alphabetically among the ready ones for a stable order
        List<String> order = new ArrayList<>();
        Map<String, Integer> waiting = new HashMap<>();
        parents.forEach((t, ps) -> waiting.put(t, ps.size()));
        TreeSet<String> ready = new TreeSet<>(Names.ORDER);
        waiting.forEach((t, n) -> {
            if (n == 0) {
                ready.add(t);
            }
        });
        while (!ready.isEmpty()) {
            String next = ready.pollFirst();
            order.add(next);
            parents.forEach((child, ps) -> {
                if (ps.contains(next) && waiting.merge(child, -1, Integer::sum) == 0) {
                    ready.add(child);
                }
            });
        }
        Set<String> cyclic = new LinkedHashSet<>(selfReferencing);
        List<String> rest = parents.keySet().stream().filter(t -> !order.contains(t)).sorted(Names.ORDER).toList();
        cyclic.addAll(rest);
        order.addAll(rest);
        return new DependencyOrder(List.copyOf(order), Set.copyOf(cyclic), parents);
    }

    /** Parents first. */
    public List<String> order() {
        return order;
    }

    /** Children first: the order to empty tables in. */
    public List<String> reversed() {
        List<String> reversed = new ArrayList<>(order);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    /** Tables that reference themselves or sit in a cycle. */
    public Set<String> cyclic() {
        return cyclic;
    }

    public boolean hasCycles() {
        return !cyclic.isEmpty();
    }

    /** The tables this one references directly (within the ordered set, itself excluded). */
    public Set<String> parentsOf(String table) {
        return parents.getOrDefault(table, Set.of());
    }

    /** Every table that depends on {@code table}, directly or through others. */
    public Set<String> dependentsOf(String table) {
        Set<String> found = new LinkedHashSet<>();
        List<String> queue = new ArrayList<>(List.of(table));
        while (!queue.isEmpty()) {
            String current = queue.remove(0);
            parents.forEach((child, ps) -> {
                if (ps.contains(current) && found.add(child)) {
                    queue.add(child);
                }
            });
        }
        found.remove(table);
        return found;
    }
}
