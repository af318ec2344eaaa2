package io.dbferry.core.demo;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.catalog.Catalog;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.schema.MigrateResult;
import io.dbferry.core.schema.MigrationLocations;
import io.dbferry.core.schema.Migrator;
import io.dbferry.core.session.DatabaseConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 *
 * <p>This class checks the target, migrates it and writes the tables in the order their keys need; each
 * area of the application writes its own tables ({@link DemoUsers}, {@link DemoParts}, {@link DemoStock},
 * {@link DemoCompanies}, {@link DemoAttachments}), drawing on the ids in {@link DemoModel}.
 */
public final class DemoGenerator {

    public static final String LOCATION = "classpath:db/demo/" + MigrationLocations.VENDOR;
    public static final int MAX_SCALE = 100_000;

    static final long SEED = 20_210_620L;
    static final int USERS = 6;
    static final int PARTS = 400;
    static final int ITEMS_PER_SCALE = 1_100;
    static final LocalDateTime EPOCH = LocalDateTime.of(2021, 6, 20, 5, 52, 40, 528_000_000);

    private final DatabaseConnection target;
    private final ProgressListener progress;

    public DemoGenerator(DatabaseConnection target, ProgressListener progress) {
        this.target = target;
        this.progress = progress == null ? ProgressListener.NONE : progress;
    }

    public DemoResult create(Path mediaDir, int scale) {
        if (scale < 1 || scale > MAX_SCALE) {
            throw new DbferryException(Kind.USAGE, "--scale " + scale + " is out of range.",
                    "Give a whole number from 1 (a few thousand rows) to " + MAX_SCALE + ".");
        }
        if (mediaDir == null) {
            throw new DbferryException(Kind.USAGE, "No media folder given.", "Add --media DIR: the attachments' files are written there.");
        }
        Path media = prepareMedia(mediaDir);
        Catalog catalog = target.catalog();
        List<String> existing = catalog.tableNames().stream().filter(t -> !t.equalsIgnoreCase(Catalog.FLYWAY_HISTORY)).toList();
        for (String table : existing) {
            if (catalog.count(table) > 0) {
                throw new DbferryException(Kind.TARGET_MISMATCH, Where.table(table),
                        "The target " + target.spec().display() + " already holds data (table "
                        + table + " has rows); the demo is only created in an empty database.",
                        "Give a new SQLite file or an empty database to 'demo create --target'.");
            }
        }
        List<String> locations = MigrationLocations.resolve(List.of(LOCATION), List.of(), target.dialect().engine());
        MigrateResult migration = new Migrator(target).migrate(locations, null);

        Map<String, Long> rows = new LinkedHashMap<>();
        MediaWriter files = new MediaWriter(media);
        DemoModel model = new DemoModel(scale);
        BatchInserter.Factory tables = this::inserter;
        rows.put("auth_user", DemoUsers.users(tables));
        rows.put("part_partcategory", DemoParts.categories(tables, model));
        rows.put("stock_stocklocation", DemoStock.locations(tables, model));
        rows.put("company_company", DemoCompanies.companies(tables, model));
        rows.put("part_part", DemoParts.parts(tables, model));
        rows.put("company_supplierpart", DemoCompanies.supplierParts(tables, model));
        rows.put("company_supplierpricebreak", DemoCompanies.priceBreaks(tables, model));
        rows.put("stock_stockitem", DemoStock.stockItems(tables, model));
        rows.put("stock_stockitemtracking", DemoStock.tracking(tables, model));
        rows.put("common_attachment", DemoAttachments.attachments(tables, model, files));
        return new DemoResult(migration, rows, media, files.count, files.bytes);
    }

    private static Path prepareMedia(Path mediaDir) {
        Path media = mediaDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(media);
        } catch (IOException e) {
            throw new DbferryException(Kind.FILE, "Cannot create the media folder " + media + ": " + e.getMessage(),
                    "Choose a folder you may write to.", e);
        }
        if (!Files.isWritable(media)) {
            throw new DbferryException(Kind.FILE, "The media folder " + media + " cannot be written.", "Choose a folder you may write to.");
        }
        return media;
    }

    private BatchInserter inserter(String table, List<String> columns, long expected) {
        return new BatchInserter(target, table, columns, expected, progress);
    }
}
