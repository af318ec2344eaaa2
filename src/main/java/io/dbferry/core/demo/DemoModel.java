package io.dbferry.core.demo;

import java.util.ArrayList;
import java.util.List;

import static io.dbferry.core.demo.DemoGenerator.PARTS;

/** Ids and the relations the later tables draw on, computed as the tables are written. */
final class DemoModel {
    final int scale;
    int categories;
    final List<Integer> leafCategories = new ArrayList<>();
    int locations;
    int companies;
    final List<Integer> suppliers = new ArrayList<>();
    final int[] partCategory = new int[PARTS + 1];
    final List<List<Integer>> supplierPartsOfPart = new ArrayList<>();
    final List<String> partNames = new ArrayList<>();
    int supplierParts;

    DemoModel(int scale) {
        this.scale = scale;
        partNames.add(null);
        for (int i = 0; i <= PARTS; i++) {
            supplierPartsOfPart.add(new ArrayList<>());
        }
    }

    /** The "Parent/Child" path of each node of a tree of {name, parent index (0 = root), ...} rows, by 1-based id. */
    static String[] treePaths(Object[][] tree) {
        String[] paths = new String[tree.length + 1];
        for (int i = 0; i < tree.length; i++) {
            int parent = (Integer) tree[i][1];
            paths[i + 1] = parent == 0 ? (String) tree[i][0] : paths[parent] + "/" + tree[i][0];
        }
        return paths;
    }
}
