package io.dbferry.core.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import static io.dbferry.core.demo.DemoGenerator.EPOCH;
import static io.dbferry.core.demo.DemoGenerator.PARTS;
import static io.dbferry.core.demo.DemoGenerator.SEED;
import static io.dbferry.core.demo.DemoGenerator.USERS;

/** part_partcategory and part_part: the category tree and 400 parts of eight kinds, each with a PNG thumbnail. */
final class DemoParts {

    /** name, parent index (0 = root, else 1-based position in this list), description. */
    private static final Object[][] CATEGORY_TREE = {
            {"Electronics", 0, "Electronic components and systems"},
            {"Passives", 1, "Passive components"},
            {"Resistors", 2, "Widerstände – SMD und THT, 1 Ω bis 10 MΩ"},
            {"Capacitors", 2, "Condensateurs céramiques et électrolytiques (µF)"},
            {"Inductors", 2, "Spulen und Drosseln"},
            {"ICs", 1, "Integrated circuits"},
            {"Microcontrollers", 6, "MCUs – ARM Cortex‑M, AVR, RISC‑V"},
            {"Interface", 6, "USB, CAN, RS‑485 transceivers"},
            {"Power", 6, "Régulateurs de tension"},
            {"Connectors", 1, "Headers, USB, 端子台"},
            {"Mechanical", 0, "Mechanical parts"},
            {"Fasteners 🔩", 11, "Screws, nuts and washers"},
            {"Screws", 12, "Schrauben DIN 912 / ISO 7380"},
            {"Nuts", 12, "Écrous hexagonaux"},
            {"Washers", 12, "Unterlegscheiben Ø 2–10 mm"},
            {"Enclosures", 11, "Gehäuse aus Aluminium"},
            {"Furniture", 0, "Chairs, tables and shelving"},
            {"Chairs", 17, "Krzesła i taborety"},
            {"Tables", 17, "机 – work tables"},
            {"Paint", 0, "Paints and coatings"},
            {"Red paint", 20, "Peinture rouge 🎨"},
            {"Blue paint", 20, "Niebieska farba (Łódź)"},
            {"Consumables", 0, "Solder, flux, tape"},
            {"Solder", 23, "Lötzinn Sn96.5Ag3Cu0.5"},
            {"Tape", 23, "テープ – Kapton, masking"},
            {"Cables", 1, "Kabel und Litzen"},
            {"Sensors", 1, "Température, humidité, pression"},
    };

    private DemoParts() {
    }

    static long categories(BatchInserter.Factory tables, DemoModel m) {
        try (BatchInserter in = tables.open("part_partcategory", List.of("id", "name", "description", "parent_id",
                "pathstring", "structural", "metadata"), CATEGORY_TREE.length)) {
            String[] paths = DemoModel.treePaths(CATEGORY_TREE);
            boolean[] hasChildren = new boolean[CATEGORY_TREE.length + 1];
            for (Object[] c : CATEGORY_TREE) {
                hasChildren[(Integer) c[1]] = true;
            }
            for (int i = 0; i < CATEGORY_TREE.length; i++) {
                Object[] c = CATEGORY_TREE[i];
                int id = i + 1;
                int parent = (Integer) c[1];
                boolean structural = hasChildren[id] && parent == 0;
                if (!hasChildren[id]) {
                    m.leafCategories.add(id);
                }
                in.add((long) id, c[0], c[2], parent == 0 ? null : (long) parent, paths[id], structural,
                        id % 5 == 0 ? "{\"icon\": \"ti:folder\", \"colour\": \"#" + Integer.toHexString(0x100000 + id * 40_503) + "\"}" : null);
            }
            m.categories = CATEGORY_TREE.length;
            return in.finish();
        }
    }

    private static final String[] RESISTOR_VALUES = {"1R", "10R", "47R", "100R", "220R", "470R", "1K", "2K2", "4K7",
            "10K", "22K", "47K", "100K", "220K", "470K", "1M"};
    private static final String[] CAP_VALUES = {"1pF", "10pF", "22pF", "100pF", "1nF", "10nF", "100nF", "1µF", "4.7µF", "10µF"};
    private static final String[] PACKAGES = {"0402", "0603", "0805", "1206"};
    private static final String[] SCREWS = {"M2", "M2.5", "M3", "M4", "M5", "M6", "M8"};

    static long parts(BatchInserter.Factory tables, DemoModel m) {
        try (BatchInserter in = tables.open("part_part", List.of("id", "name", "description", "keywords", "category_id",
                "ipn", "revision", "units", "minimum_stock", "base_cost", "active", "assembly", "component", "purchaseable",
                "salable", "trackable", "creation_date", "creation_user_id", "last_stocktake", "thumbnail", "notes",
                "metadata"), PARTS)) {
            Random r = new Random(SEED + 5);
            for (int id = 1; id <= PARTS; id++) {
                int kind = id % 8;
                String name;
                String description;
                String keywords;
                int category;
                String units = "";
                switch (kind) {
                    case 0, 1 -> {
                        String value = RESISTOR_VALUES[id % RESISTOR_VALUES.length];
                        String pkg = PACKAGES[(id / 16) % PACKAGES.length];
                        name = "R_" + value + "_" + pkg + "_" + (id % 3 == 0 ? "0.1%" : "1%") + "_" + id;
                        description = value.replace("R", "") + " Ω resistor, " + pkg + " SMD";
                        keywords = "resistor smd " + pkg;
                        category = 3;
                    }
                    case 2, 3 -> {
                        String value = CAP_VALUES[id % CAP_VALUES.length];
                        String pkg = PACKAGES[(id / 10) % PACKAGES.length];
                        name = "C_" + value + "_" + pkg + "_" + id;
                        description = "Condensateur céramique " + value + " X7R " + pkg;
                        keywords = "capacitor mlcc";
                        category = 4;
                    }
                    case 4 -> {
                        String size = SCREWS[id % SCREWS.length];
                        int length = 4 + (id % 9) * 2;
                        name = size + "×" + length + " DIN 912 🔩 #" + id;
                        description = "Zylinderschraube " + size + "×" + length + " mm, Edelstahl A2";
                        keywords = "screw fastener";
                        category = 13;
                    }
                    case 5 -> {
                        name = "MCU-" + (id * 7919 % 100_000) + " (" + (id % 2 == 0 ? "ARM" : "RISC‑V") + ")";
                        description = "32‑bit microcontroller, " + (16 << (id % 4)) + " KiB flash";
                        keywords = "mcu ic";
                        category = 7;
                    }
                    case 6 -> {
                        name = "Kabel " + (id % 2 == 0 ? "rot" : "blau") + " " + (id % 5 + 1) * 0.25 + " mm² #" + id;
                        description = "Litze, PVC – 100 m Rolle / ケーブル";
                        keywords = "cable wire";
                        category = 26;
                        units = "m";
                    }
                    default -> {
                        name = (id % 2 == 0 ? "Farba czerwona " : "Peinture bleue ") + id;
                        description = "Paint, 1 l tin – Łódź batch";
                        keywords = "paint";
                        category = id % 2 == 0 ? 21 : 22;
                        units = "l";
                    }
                }
                m.partCategory[id] = category;
                m.partNames.add(name);
                BigDecimal baseCost = BigDecimal.valueOf(r.nextInt(2_500_000), 6).add(BigDecimal.valueOf(1, 4));
                String notes = id % 9 == 0 ? "Ersatz für Teil #" + (id - 1) + ". Gelieferte Menge prüfen! ✅"
                        : id % 13 == 0 ? "注意：静電気に弱い部品です。" : null;
                in.add((long) id, name, description, keywords, (long) category, id % 3 == 0 ? "IPN-" + (1000 + id) : null,
                        id % 11 == 0 ? "B" : null, units, BigDecimal.valueOf(id % 7 * 25L).setScale(6),
                        baseCost, id % 37 != 0, kind == 5 && id % 3 == 0, kind != 7, true, kind == 5, kind == 5,
                        EPOCH.toLocalDate().plusDays(id % 600), (long) (1 + id % USERS),
                        id % 4 == 0 ? LocalDate.of(2023, 2, 21).plusDays(id % 90) : null, TinyPng.of(8, id),
                        notes, id % 6 == 0 ? "{\"datasheet\": \"https://example.com/ds/" + id + ".pdf\", \"rohs\": true}" : null);
            }
            return in.finish();
        }
    }
}
