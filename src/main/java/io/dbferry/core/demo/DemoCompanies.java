package io.dbferry.core.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Random;

import static io.dbferry.core.demo.DemoGenerator.EPOCH;
import static io.dbferry.core.demo.DemoGenerator.PARTS;
import static io.dbferry.core.demo.DemoGenerator.SEED;

/**
 * company_company, company_supplierpart and company_supplierpricebreak: suppliers, manufacturers and
 * customers, the parts each supplier sells and their price breaks.
 */
final class DemoCompanies {

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

    private DemoCompanies() {
    }

    static long companies(BatchInserter.Factory tables, DemoModel m) {
        int total = BIG_SUPPLIERS.length + CITIES.length * 2 + 6;
        try (BatchInserter in = tables.open("company_company", List.of("id", "name", "description", "website", "phone",
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

    static long supplierParts(BatchInserter.Factory tables, DemoModel m) {
        Random r = new Random(SEED + 7);
        try (BatchInserter in = tables.open("company_supplierpart", List.of("id", "part_id", "supplier_id", "sku",
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

    static long priceBreaks(BatchInserter.Factory tables, DemoModel m) {
        Random r = new Random(SEED + 11);
        try (BatchInserter in = tables.open("company_supplierpricebreak", List.of("id", "part_id", "quantity", "price",
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
}
