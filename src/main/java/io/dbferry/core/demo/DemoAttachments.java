package io.dbferry.core.demo;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static io.dbferry.core.demo.DemoGenerator.ITEMS_PER_SCALE;
import static io.dbferry.core.demo.DemoGenerator.PARTS;
import static io.dbferry.core.demo.DemoGenerator.USERS;

/** common_attachment: datasheets, photos and certificates, whose files are written to the media folder. */
final class DemoAttachments {

    private DemoAttachments() {
    }

    static long attachments(BatchInserter.Factory tables, DemoModel m, MediaWriter files) {
        try (BatchInserter in = tables.open("common_attachment", List.of("id", "model_type", "model_id", "attachment", "link",
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
}
