package io.dbferry.core.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;

import static io.dbferry.core.demo.DemoGenerator.EPOCH;
import static io.dbferry.core.demo.DemoGenerator.ITEMS_PER_SCALE;
import static io.dbferry.core.demo.DemoGenerator.PARTS;
import static io.dbferry.core.demo.DemoGenerator.SEED;
import static io.dbferry.core.demo.DemoGenerator.USERS;

/**
 * stock_stocklocation, stock_stockitem and stock_stockitemtracking: the location tree, and the stock items
 * and their tracking history, which --scale multiplies.
 */
final class DemoStock {

    private static final Object[][] LOCATION_TREE = {
            {"Factory", 0, "Main production site"},
            {"Lab", 1, "Electronics lab"},
            {"Drawer 1", 2, "Resistors and capacitors"},
            {"Drawer 2", 2, "ICs – static sensitive ⚡"},
            {"Shelf A", 1, "Regal A, Fach 1–6"},
            {"Shelf B", 1, "Regal B"},
            {"Łódź warehouse", 0, "Magazyn centralny, ul. Piotrkowska 1, Łódź"},
            {"Regał 1", 7, "Półki z elementami złącznymi 🔩"},
            {"Regał 2", 7, "Farby i lakiery"},
            {"Dock", 7, "Przyjęcia towaru"},
            {"東京倉庫", 0, "東京都大田区 – Tokyo warehouse"},
            {"棚 A", 11, "小物部品"},
            {"棚 B", 11, "ケーブル類"},
            {"Ørsted lager", 0, "Lager i Ørsted, Danmark"},
            {"Hylde 1", 14, "Skruer og møtrikker"},
            {"Hylde 2", 14, "Kabler"},
            {"Customer returns", 0, "Returned goods awaiting inspection"},
            {"Quarantine", 17, "Do not use ⛔"},
            {"Scrap", 17, "Ausschuss"},
    };

    private DemoStock() {
    }

    static long locations(BatchInserter.Factory tables, DemoModel m) {
        try (BatchInserter in = tables.open("stock_stocklocation", List.of("id", "name", "description", "parent_id",
                "pathstring", "structural", "external", "metadata"), LOCATION_TREE.length)) {
            String[] paths = DemoModel.treePaths(LOCATION_TREE);
            for (int i = 0; i < LOCATION_TREE.length; i++) {
                Object[] l = LOCATION_TREE[i];
                int id = i + 1;
                int parent = (Integer) l[1];
                in.add((long) id, l[0], l[2], parent == 0 ? null : (long) parent, paths[id], parent == 0 && id != 17,
                        id == 14 || id == 15 || id == 16, id % 4 == 0 ? "{\"temperature_c\": " + (18 + id % 7) + "}" : null);
            }
            m.locations = LOCATION_TREE.length;
            return in.finish();
        }
    }

    private static final String[] STOCK_NOTES = {null, null, null, "Geprüft ✔", "Łódź: karton uszkodzony",
            "東京から到着", "Ørsted – retur fra kunde", "Batch OK 🔩", "Stück für Stück gezählt", null};

    static long stockItems(BatchInserter.Factory tables, DemoModel m) {
        long items = (long) ITEMS_PER_SCALE * m.scale;
        Random r = new Random(SEED + 13);
        try (BatchInserter in = tables.open("stock_stockitem", List.of("id", "part_id", "supplier_part_id", "location_id",
                "quantity", "serial", "batch", "status", "packaging", "purchase_price", "purchase_price_currency",
                "updated", "review_needed", "notes", "metadata", "expiry_date"), items)) {
            for (long id = 1; id <= items; id++) {
                int part = 1 + (int) ((id * 7L + r.nextInt(5)) % PARTS);
                List<Integer> sps = m.supplierPartsOfPart.get(part);
                Integer sp = id % 10 == 0 ? null : sps.get((int) (id % sps.size()));
                int location = 1 + r.nextInt(m.locations);
                boolean serialised = part % 8 == 5;
                BigDecimal quantity = serialised ? new BigDecimal("1.00000")
                        : BigDecimal.valueOf(r.nextInt(100_000_000), 5 - (int) (id % 3) * 2).setScale(5);
                int status = id % 50 == 0 ? 55 : id % 23 == 0 ? 65 : 10;
                in.add(id, (long) part, sp == null ? null : (long) sp, id % 97 == 0 ? null : (long) location, quantity,
                        serialised ? String.valueOf(1000 + id) : null, id % 4 == 0 ? "B" + (2021 + id % 4) + "-" + (id % 97) : null,
                        (long) status, id % 3 == 0 ? "reel" : null,
                        id % 5 == 0 ? null : BigDecimal.valueOf(r.nextInt(900_000_000), 6),
                        id % 5 == 0 ? null : id % 2 == 0 ? "USD" : "EUR",
                        EPOCH.plusSeconds(id * 2_683L % 90_000_000L).plusNanos(id % 1000 * 1_000_000L),
                        id % 31 == 0, STOCK_NOTES[(int) (id % STOCK_NOTES.length)],
                        id % 8 == 0 ? "{\"source\": \"demo\", \"box\": " + (id % 40) + "}" : null,
                        m.partCategory[part] >= 21 && m.partCategory[part] <= 22 ? LocalDate.of(2025, 1, 1).plusDays(id % 700) : null);
            }
            return in.finish();
        }
    }

    private static final String[] TRACKING_NOTES = {"", "Received from supplier", "Moved – Umlagerung",
            "Przeniesiono do magazynu Łódź", "棚卸し", "Counted 🔢", "Quantity adjusted"};

    static long tracking(BatchInserter.Factory tables, DemoModel m) {
        long items = (long) ITEMS_PER_SCALE * m.scale;
        long expected = items + (items + 2) / 3 + (items + 6) / 7;
        Random r = new Random(SEED + 17);
        try (BatchInserter in = tables.open("stock_stockitemtracking", List.of("id", "item_id", "tracking_type", "date",
                "notes", "user_id", "deltas"), expected)) {
            long id = 0;
            for (long item = 1; item <= items; item++) {
                LocalDateTime when = EPOCH.plusSeconds(item * 2_683L % 90_000_000L);
                int entries = 1 + (item % 3 == 1 ? 1 : 0) + (item % 7 == 1 ? 1 : 0);
                for (int e = 0; e < entries; e++) {
                    id++;
                    int type = e == 0 ? 1 : e == 1 ? 20 : 11;
                    String deltas = e == 0 ? "{\"status\": 10, \"quantity\": " + (1 + r.nextInt(5000)) + ".0}"
                            : e == 1 ? "{\"location\": " + (1 + r.nextInt(m.locations)) + "}"
                            : "{\"quantity\": " + r.nextInt(1000) + ".5, \"removed\": 1}";
                    in.add(id, item, (long) type, when.plusHours(e * 26L).plusNanos(e * 123_000_000L),
                            TRACKING_NOTES[(int) ((item + e) % TRACKING_NOTES.length)],
                            e == 0 && item % 4 == 0 ? null : (long) (1 + (item + e) % USERS), deltas);
                }
            }
            return in.finish();
        }
    }
}
