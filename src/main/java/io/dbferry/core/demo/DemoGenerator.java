package io.dbferry.core.demo;

import io.dbferry.core.DbferryException;
import io.dbferry.core.catalog.Catalog;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.schema.MigrateResult;
import io.dbferry.core.schema.MigrationLocations;
import io.dbferry.core.schema.Migrator;
import io.dbferry.core.session.DatabaseConnection;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code demo create}: migrates an empty target with the bundled demo inventory application
 * ({@code classpath:db/demo/{vendor}}) and fills it with deterministic, realistic data modelled on
 * InvenTree's demo: trees of part categories and stock locations, parts with PNG thumbnails, suppliers
 * with price breaks, stock items and their tracking history, users, and attachments whose files are
 * written to the media folder. Names and notes hold non-ASCII and 4-byte characters; prices and
 * quantities are exact decimals. The same scale always gives the same rows and files.
 *
 * <p>{@code scale} multiplies the stock items and their tracking entries (about 1,100 and 1,620 per
 * unit); everything else is fixed (about 2,600 rows), so scale 1 is a few thousand rows and scale 1000
 * is a few million.
 */
public final class DemoGenerator {

    public static final String LOCATION = "classpath:db/demo/" + MigrationLocations.VENDOR;
    public static final int MAX_SCALE = 100_000;

    static final long SEED = 20_210_620L;
    static final int USERS = 6;
    static final int PARTS = 400;
    static final int ITEMS_PER_SCALE = 1_100;
    private static final LocalDateTime EPOCH = LocalDateTime.of(2021, 6, 20, 5, 52, 40, 528_000_000);

    private final DatabaseConnection target;
    private final ProgressListener progress;

    public DemoGenerator(DatabaseConnection target, ProgressListener progress) {
        this.target = target;
        this.progress = progress == null ? ProgressListener.NONE : progress;
    }

    public DemoResult create(Path mediaDir, int scale) {
        if (scale < 1 || scale > MAX_SCALE) {
            throw new DbferryException("--scale " + scale + " is out of range.",
                    "Give a whole number from 1 (a few thousand rows) to " + MAX_SCALE + ".");
        }
        if (mediaDir == null) {
            throw new DbferryException("No media folder given.", "Add --media DIR: the attachments' files are written there.");
        }
        Path media = prepareMedia(mediaDir);
        Catalog catalog = target.catalog();
        List<String> existing = catalog.tableNames().stream().filter(t -> !t.equalsIgnoreCase(Catalog.FLYWAY_HISTORY)).toList();
        for (String table : existing) {
            if (catalog.count(table) > 0) {
                throw new DbferryException("The target " + target.spec().display() + " already holds data (table "
                        + table + " has rows); the demo is only created in an empty database.",
                        "Give a new SQLite file or an empty database to 'demo create --target'.");
            }
        }
        List<String> locations = MigrationLocations.resolve(List.of(LOCATION), List.of(), target.dialect().engine());
        MigrateResult migration = new Migrator(target).migrate(locations, null);

        Map<String, Long> rows = new LinkedHashMap<>();
        MediaWriter files = new MediaWriter(media);
        Model model = new Model(scale);
        rows.put("auth_user", users());
        rows.put("part_partcategory", categories(model));
        rows.put("stock_stocklocation", locations(model));
        rows.put("company_company", companies(model));
        rows.put("part_part", parts(model));
        rows.put("company_supplierpart", supplierParts(model));
        rows.put("company_supplierpricebreak", priceBreaks(model));
        rows.put("stock_stockitem", stockItems(model));
        rows.put("stock_stockitemtracking", tracking(model));
        rows.put("common_attachment", attachments(model, files));
        return new DemoResult(migration, rows, media, files.count, files.bytes);
    }

    private static Path prepareMedia(Path mediaDir) {
        Path media = mediaDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(media);
        } catch (IOException e) {
            throw new DbferryException("Cannot create the media folder " + media + ": " + e.getMessage(),
                    "Choose a folder you may write to.", e);
        }
        if (!Files.isWritable(media)) {
            throw new DbferryException("The media folder " + media + " cannot be written.", "Choose a folder you may write to.");
        }
        return media;
    }

    // ---------------------------------------------------------------- the fixed part of the model

    /** Ids and the relations the later tables draw on, computed as the tables are written. */
    private static final class Model {
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

        Model(int scale) {
            this.scale = scale;
            partNames.add(null);
            for (int i = 0; i <= PARTS; i++) {
                supplierPartsOfPart.add(new ArrayList<>());
            }
        }
    }

    private static final String[][] USER_ROWS = {
            {"admin", "Ada", "Admin", "admin@example.com"},
            {"łucja", "Łucja", "Wiśniewska", "lucja@example.pl"},
            {"søren", "Søren", "Ørsted", "soren@example.dk"},
            {"hiroshi", "博", "山田", "hiroshi@example.jp"},
            {"zoë", "Zoë", "Müller-Lüdenscheidt", null},
            {"engineer", "Kim", "Nguyễn 🔧", "kim@example.com"},
    };

    private long users() {
        try (BatchInserter in = inserter("auth_user", List.of("id", "username", "first_name", "last_name", "email",
                "is_staff", "is_superuser", "is_active", "date_joined", "last_login"), USERS)) {
            for (int i = 0; i < USERS; i++) {
                String[] u = USER_ROWS[i];
                in.add((long) i + 1, u[0], u[1], u[2], u[3], i < 3, i == 0, i != 4, EPOCH.plusDays(i * 17L),
                        i == 4 ? null : EPOCH.plusDays(1000 + i).plusSeconds(i * 3_607L));
            }
            return in.finish();
        }
    }

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

    private long categories(Model m) {
        try (BatchInserter in = inserter("part_partcategory", List.of("id", "name", "description", "parent_id",
                "pathstring", "structural", "metadata"), CATEGORY_TREE.length)) {
            String[] paths = new String[CATEGORY_TREE.length + 1];
            boolean[] hasChildren = new boolean[CATEGORY_TREE.length + 1];
            for (Object[] c : CATEGORY_TREE) {
                hasChildren[(Integer) c[1]] = true;
            }
            for (int i = 0; i < CATEGORY_TREE.length; i++) {
                Object[] c = CATEGORY_TREE[i];
                int id = i + 1;
                int parent = (Integer) c[1];
                paths[id] = parent == 0 ? (String) c[0] : paths[parent] + "/" + c[0];
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

    private long locations(Model m) {
        try (BatchInserter in = inserter("stock_stocklocation", List.of("id", "name", "description", "parent_id",
                "pathstring", "structural", "external", "metadata"), LOCATION_TREE.length)) {
            String[] paths = new String[LOCATION_TREE.length + 1];
            for (int i = 0; i < LOCATION_TREE.length; i++) {
                Object[] l = LOCATION_TREE[i];
                int id = i + 1;
                int parent = (Integer) l[1];
                paths[id] = parent == 0 ? (String) l[0] : paths[parent] + "/" + l[0];
                in.add((long) id, l[0], l[2], parent == 0 ? null : (long) parent, paths[id], parent == 0 && id != 17,
                        id == 14 || id == 15 || id == 16, id % 4 == 0 ? "{\"temperature_c\": " + (18 + id % 7) + "}" : null);
            }
            m.locations = LOCATION_TREE.length;
            return in.finish();
        }
    }

    private static final String[] CITIES = {"Łódź", "Ørsted", "東京", "Zürich", "München", "Göteborg", "São Paulo",
            "Reykjavík", "İstanbul", "Kraków", "Αθήνα", "Москва"};
    private static final String[] KINDS = {"Tools", "Components", "Fasteners 🔩"};
    private static final String[] CURRENCIES = {"PLN", "DKK", "JPY", "CHF", "EUR", "SEK", "BRL", "ISK", "TRY", "PLN", "EUR", "RUB"};
    private static final String[][] BIG_SUPPLIERS = {
            {"DigiKey", "DigiKey Electronics", "https://www.digikey.com/", "USD"},
            {"Mouser", "Mouser Electronics", "https://www.mouser.com/", "USD"},
            {"Arrow", "Arrow Electronics", "https://www.arrow.com/", "USD"},
            {"Reichelt", "Reichelt Elektronik GmbH & Co. KG", "https://www.reichelt.de/", "EUR"},
            {"Würth Elektronik", "Würth Elektronik eiSos GmbH & Co. KG", "https://www.we-online.com/", "EUR"},
            {"Société Générale d'Électronique", "Distributeur – Lyon", "https://sge.example.fr/", "EUR"},
    };

    private long companies(Model m) {
        int total = BIG_SUPPLIERS.length + CITIES.length * 2 + 6;
        try (BatchInserter in = inserter("company_company", List.of("id", "name", "description", "website", "phone",
                "email", "currency", "is_customer", "is_supplier", "is_manufacturer", "notes", "metadata"), total)) {
            Random r = new Random(SEED + 3);
            int id = 0;
            for (String[] s : BIG_SUPPLIERS) {
                id++;
                in.add((long) id, s[0], s[1], s[2], "+1 800 " + (3_440_000 + id * 1_117), null, s[3], false, true, false,
                        null, null);
                m.suppliers.add(id);
            }
            for (int c = 0; c < CITIES.length; c++) {
                for (int k = 0; k < 2; k++) {
                    id++;
                    String name = CITIES[c] + " " + KINDS[(c + k) % KINDS.length];
                    boolean supplier = k == 0 || c % 3 == 0;
                    boolean manufacturer = k == 1;
                    String notes = switch (c % 4) {
                        case 0 -> "Ansprechpartner: Frau Schröder. Lieferzeit ≈ 3 Wochen.";
                        case 1 -> "Zamówienia tylko przez e‑mail; faktura w złotych (zł). 📦";
                        case 2 -> "担当：佐藤さん。納期は約２週間。";
                        default -> null;
                    };
                    in.add((long) id, name, "Supplier in " + CITIES[c], "https://" + (char) ('a' + c) + k + ".example.com/",
                            "+" + (40 + c) + " " + (100_000 + r.nextInt(900_000)),
                            k == 0 ? "orders@" + (char) ('a' + c) + ".example.com" : null,
                            CURRENCIES[c], k == 1 && c % 2 == 0, supplier, manufacturer, notes,
                            "{\"rating\": " + (1 + r.nextInt(5)) + ", \"tags\": [\"" + KINDS[(c + k) % KINDS.length] + "\"]}");
                    if (supplier) {
                        m.suppliers.add(id);
                    }
                }
            }
            String[] customers = {"Ørsted Wind A/S", "Łódź Robotics Sp. z o.o.", "株式会社東京ロボット", "Café Zoë 🍰",
                    "Straße & Söhne OHG", "Ñandú Ingeniería S.L."};
            for (String name : customers) {
                id++;
                in.add((long) id, name, "Customer", "", "", "buyer" + id + "@example.org", "EUR", true, false, false,
                        "Bevorzugt Lieferung am Vormittag.", null);
            }
            m.companies = id;
            return in.finish();
        }
    }

    private static final String[] RESISTOR_VALUES = {"1R", "10R", "47R", "100R", "220R", "470R", "1K", "2K2", "4K7",
            "10K", "22K", "47K", "100K", "220K", "470K", "1M"};
    private static final String[] CAP_VALUES = {"1pF", "10pF", "22pF", "100pF", "1nF", "10nF", "100nF", "1µF", "4.7µF", "10µF"};
    private static final String[] PACKAGES = {"0402", "0603", "0805", "1206"};
    private static final String[] SCREWS = {"M2", "M2.5", "M3", "M4", "M5", "M6", "M8"};

    private long parts(Model m) {
        try (BatchInserter in = inserter("part_part", List.of("id", "name", "description", "keywords", "category_id",
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

    private long supplierParts(Model m) {
        Random r = new Random(SEED + 7);
        try (BatchInserter in = inserter("company_supplierpart", List.of("id", "part_id", "supplier_id", "sku",
                "description", "link", "packaging", "pack_quantity", "multiple", "available", "availability_updated", "note"),
                supplierPartCount())) {
            int id = 0;
            for (int part = 1; part <= PARTS; part++) {
                int count = supplierPartsOf(part);
                for (int k = 0; k < count; k++) {
                    id++;
                    int supplier = m.suppliers.get((part * 7 + k * 5) % m.suppliers.size());
                    String sku = String.format("%05d-%s-ND", part * 13 + k, (char) ('A' + k));
                    in.add((long) id, (long) part, (long) supplier, sku, m.partNames.get(part),
                            "https://shop.example.com/p/" + sku, k % 2 == 0 ? "reel" : "cut tape",
                            new BigDecimal(k == 0 ? "1.00000" : "2500.00000"), (long) (k == 0 ? 1 : 10),
                            BigDecimal.valueOf(r.nextInt(50_000_000), 3),
                            EPOCH.plusDays(390 + part % 200).plusNanos((part * 1_000_003L % 1000) * 1_000_000L),
                            part % 17 == 0 ? "Abkündigung – last time buy 🕒" : null);
                    m.supplierPartsOfPart.get(part).add(id);
                }
            }
            m.supplierParts = id;
            return in.finish();
        }
    }

    private static int supplierPartsOf(int part) {
        return 1 + (part % 3 == 0 ? 1 : 0) + (part % 5 == 0 ? 1 : 0) + (part % 7 == 0 ? 1 : 0);
    }

    private static long supplierPartCount() {
        long n = 0;
        for (int part = 1; part <= PARTS; part++) {
            n += supplierPartsOf(part);
        }
        return n;
    }

    private static final String[] BREAK_QUANTITIES = {"1", "10", "100", "1000", "2500.5"};

    private long priceBreaks(Model m) {
        Random r = new Random(SEED + 11);
        try (BatchInserter in = inserter("company_supplierpricebreak", List.of("id", "part_id", "quantity", "price",
                "price_currency", "updated"), m.supplierParts * 2L)) {
            long id = 0;
            for (int sp = 1; sp <= m.supplierParts; sp++) {
                int breaks = 1 + sp % 3;
                BigDecimal price = BigDecimal.valueOf(50_000 + r.nextInt(3_000_000), 6);
                for (int b = 0; b < breaks; b++) {
                    id++;
                    in.add(id, (long) sp, new BigDecimal(BREAK_QUANTITIES[b + (sp % 3 == 0 ? 2 : 0)]).setScale(5),
                            price.multiply(BigDecimal.valueOf(100 - b * 15)).divide(BigDecimal.valueOf(100), 6, RoundingMode.HALF_EVEN),
                            sp % 4 == 0 ? "EUR" : "USD", EPOCH.plusDays(500 + sp % 300).plusSeconds(sp * 61L));
                }
            }
            return in.finish();
        }
    }

    private static final String[] STOCK_NOTES = {null, null, null, "Geprüft ✔", "Łódź: karton uszkodzony",
            "東京から到着", "Ørsted – retur fra kunde", "Batch OK 🔩", "Stück für Stück gezählt", null};

    private long stockItems(Model m) {
        long items = (long) ITEMS_PER_SCALE * m.scale;
        Random r = new Random(SEED + 13);
        try (BatchInserter in = inserter("stock_stockitem", List.of("id", "part_id", "supplier_part_id", "location_id",
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

    private long tracking(Model m) {
        long items = (long) ITEMS_PER_SCALE * m.scale;
        long expected = items + (items + 2) / 3 + (items + 6) / 7;
        Random r = new Random(SEED + 17);
        try (BatchInserter in = inserter("stock_stockitemtracking", List.of("id", "item_id", "tracking_type", "date",
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

    private long attachments(Model m, MediaWriter files) {
        try (BatchInserter in = inserter("common_attachment", List.of("id", "model_type", "model_id", "attachment", "link",
                "comment", "file_size", "upload_date", "upload_user_id"), PARTS / 8 + m.companies / 3 + 10)) {
            long id = 0;
            for (int part = 4; part <= PARTS; part += 8) {
                id++;
                String path;
                long size;
                String comment;
                if (part % 16 == 4) {
                    path = "part_images/part_" + part + ".png";
                    size = files.write(path, TinyPng.of(32, part));
                    comment = "Photo 📷 – " + m.partNames.get(part);
                } else {
                    path = "attachments/part/" + part + "/datasheet_" + part + ".txt";
                    size = files.write(path, ("Datenblatt / データシート / Karta katalogowa\n" + m.partNames.get(part)
                            + "\nMaße: 3 × 8 mm, Ø 3 mm, 25 °C, 10 µF, 1 kΩ 🔩\n").getBytes(StandardCharsets.UTF_8));
                    comment = "Datasheet (Datenblatt)";
                }
                in.add(id, "part", (long) part, path, null, comment, size, LocalDate.of(2022, 3, 1).plusDays(part),
                        (long) (1 + part % USERS));
            }
            for (int company = 1; company <= m.companies; company += 3) {
                id++;
                String path = "attachments/company/" + company + "/Zertifikat_ISO9001_Müller_Łódź.txt";
                long size = files.write(path, ("ISO 9001:2015 certificate – company " + company + "\nGültig bis 2026‑12‑31 ✅\n")
                        .getBytes(StandardCharsets.UTF_8));
                in.add(id, "company", (long) company, path, null, "Zertifikat – Łódź", size,
                        LocalDate.of(2023, 1, 10).plusDays(company), 1L);
            }
            for (int k = 1; k <= 10; k++) {
                id++;
                long item = 1 + (k * 97L) % ((long) ITEMS_PER_SCALE * m.scale);
                if (k % 2 == 0) {
                    in.add(id, "stockitem", item, null, "https://tracking.example.com/shipment/" + (10_000 + k),
                            "Shipment tracking link", 0L, LocalDate.of(2023, 6, 1).plusDays(k), null);
                } else {
                    String path = "attachments/stockitem/" + item + "/東京_受領書_" + k + ".png";
                    long size = files.write(path, TinyPng.of(16, 1000 + k));
                    in.add(id, "stockitem", item, path, null, "受領書 (receipt) 🧾", size,
                            LocalDate.of(2023, 6, 1).plusDays(k), (long) (1 + k % USERS));
                }
            }
            return in.finish();
        }
    }

    private BatchInserter inserter(String table, List<String> columns, long expected) {
        return new BatchInserter(target, table, columns, expected, progress);
    }

    /** Writes media files below the media folder and counts them. */
    private static final class MediaWriter {
        private final Path root;
        int count;
        long bytes;

        MediaWriter(Path root) {
            this.root = root;
        }

        long write(String relative, byte[] content) {
            Path file = root.resolve(relative);
            try {
                Files.createDirectories(file.getParent());
                Files.write(file, content);
            } catch (IOException e) {
                throw new DbferryException("Cannot write the media file " + file + ": " + e.getMessage(),
                        "Check that the media folder can be written and has space.", e);
            }
            count++;
            bytes += content.length;
            return content.length;
        }
    }
}
