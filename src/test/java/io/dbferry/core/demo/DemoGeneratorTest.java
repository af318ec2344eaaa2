package io.dbferry.core.demo;

import io.dbferry.core.DbferryException;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.testing.TestServers;
import io.dbferry.testing.TestTargets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoGeneratorTest {

    private static final List<String> TABLES = List.of("auth_user", "part_partcategory", "stock_stocklocation",
            "company_company", "part_part", "company_supplierpart", "company_supplierpricebreak", "stock_stockitem",
            "stock_stockitemtracking", "common_attachment");

    private final Session session = new Session();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void sqliteDemoIsMigratedFilledAndReportsProgress() throws Exception {
        DatabaseConnection target = TestTargets.sqlite(session, Side.TARGET, dir.resolve("demo.sqlite3"));
        Map<String, long[]> seen = new ConcurrentHashMap<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void tableStarted(String table, long expectedRows) {
                seen.put(table, new long[]{expectedRows, 0, -1});
            }

            @Override
            public void rowsDone(String table, long rows) {
                seen.get(table)[1] = rows;
            }

            @Override
            public void tableFinished(String table, long rows) {
                seen.get(table)[2] = rows;
            }
        };
        DemoResult result = new DemoGenerator(target, listener).create(dir.resolve("media"), 1);

        assertCommon(target, result);
        assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(TABLES);
        assertThat(seen.get("stock_stockitem")).containsExactly(1_100, 1_100, 1_100);
        assertThat(seen.get("stock_stockitemtracking")[0]).isEqualTo(result.rows().get("stock_stockitemtracking"));
    }

    @Test
    void mariadbDemo() throws Exception {
        DatabaseConnection target = TestTargets.fresh(session, Side.TARGET, TestServers.mariadb(), "dbferry_demo");
        assertCommon(target, new DemoGenerator(target, ProgressListener.NONE).create(dir.resolve("media"), 1));
        try (Statement st = target.jdbc().createStatement();
             ResultSet rs = st.executeQuery("select table_collation, engine from information_schema.tables "
                     + "where table_schema = database() and table_name = 'part_part'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("utf8mb4");
            assertThat(rs.getString(2)).isEqualTo("InnoDB");
        }
    }

    @Test
    void postgresDemo() throws Exception {
        DatabaseConnection target = TestTargets.fresh(session, Side.TARGET, TestServers.postgres(), "dbferry_demo");
        assertCommon(target, new DemoGenerator(target, ProgressListener.NONE).create(dir.resolve("media"), 1));
    }

    /** What must hold on every engine: the same counts, characters, decimals and files. */
    private void assertCommon(DatabaseConnection target, DemoResult result) throws Exception {
        assertThat(result.rows().keySet()).containsExactlyElementsOf(TABLES);
        assertThat(result.migration().toVersion()).isEqualTo("2");
        assertThat(target.catalog().schemaVersion()).contains("2");
        for (String table : TABLES) {
            assertThat(target.catalog().count(table)).as(table).isEqualTo(result.rows().get(table));
        }
        assertThat(result.rows().get("stock_stockitem")).isEqualTo(1_100);
        assertThat(result.totalRows()).isBetween(3_000L, 9_000L);

        List<String> companies = column(target, "select name from company_company order by id");
        assertThat(companies).contains("Łódź Tools", "Ørsted Components", "東京 Fasteners 🔩", "Café Zoë 🍰");
        assertThat(column(target, "select last_name from auth_user where id = 6")).containsExactly("Nguyễn 🔧");
        assertThat(column(target, "select name from part_part where id = 4")).containsExactly("M5×12 DIN 912 🔩 #4");
        assertThat(column(target, "select name from stock_stocklocation where id = 11")).containsExactly("東京倉庫");
        // the same data on every engine
        assertThat(digest(column(target, "select name from company_company order by id")))
                .isEqualTo(digest(expectedCompanies()));
        BigDecimal total = decimal(target, "select sum(quantity) from stock_stockitem");
        BigDecimal prices = decimal(target, "select sum(price) from company_supplierpricebreak");
        assertThat(total).isPositive();
        assertThat(prices.scale()).isLessThanOrEqualTo(6);
        assertThat(decimal(target, "select price from company_supplierpricebreak where id = 1"))
                .isEqualByComparingTo(firstPrice());

        byte[] thumbnail;
        try (Statement st = target.jdbc().createStatement();
             ResultSet rs = st.executeQuery("select thumbnail from part_part where id = 1")) {
            rs.next();
            thumbnail = rs.getBytes(1);
        }
        assertThat(thumbnail).startsWith(0x89, 'P', 'N', 'G').isEqualTo(TinyPng.of(8, 1));

        List<String> paths = column(target, "select attachment from common_attachment where attachment is not null order by id");
        assertThat(paths).hasSize(result.mediaFiles());
        for (String path : paths) {
            assertThat(result.mediaDir().resolve(path)).isRegularFile();
        }
        try (Stream<Path> files = Files.walk(result.mediaDir())) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(result.mediaFiles());
        }
        assertThat(paths).anyMatch(p -> p.contains("東京_受領書"));
    }

    private static List<String> expectedCompaniesCache;

    private List<String> expectedCompanies() throws Exception {
        if (expectedCompaniesCache == null) {
            try (Session other = new Session()) {
                DatabaseConnection c = TestTargets.sqlite(other, Side.TARGET, dir.resolve("reference.sqlite3"));
                new DemoGenerator(c, ProgressListener.NONE).create(dir.resolve("reference-media"), 1);
                expectedCompaniesCache = column(c, "select name from company_company order by id");
            }
        }
        return expectedCompaniesCache;
    }

    private static BigDecimal firstPrice() {
        java.util.Random r = new java.util.Random(DemoGenerator.SEED + 11);
        return BigDecimal.valueOf(50_000 + r.nextInt(3_000_000), 6);
    }

    @Test
    void sameScaleGivesTheSameDataAndFiles() throws Exception {
        String[] digests = new String[2];
        String[] media = new String[2];
        for (int run = 0; run < 2; run++) {
            try (Session s = new Session()) {
                DatabaseConnection c = TestTargets.sqlite(s, Side.TARGET, dir.resolve("run" + run + ".sqlite3"));
                DemoResult result = new DemoGenerator(c, ProgressListener.NONE).create(dir.resolve("media" + run), 2);
                assertThat(result.rows().get("stock_stockitem")).isEqualTo(2_200);
                List<String> all = new ArrayList<>();
                for (String table : TABLES) {
                    all.addAll(column(c, "select * from " + table + " order by id"));
                }
                digests[run] = digest(all);
                media[run] = mediaDigest(result.mediaDir());
            }
        }
        assertThat(digests[1]).isEqualTo(digests[0]);
        assertThat(media[1]).isEqualTo(media[0]);
    }

    @Test
    void refusesATargetThatHoldsDataAndABadScale() throws Exception {
        DatabaseConnection target = TestTargets.sqlite(session, Side.TARGET, dir.resolve("full.sqlite3"));
        try (Statement st = target.jdbc().createStatement()) {
            st.execute("create table t (x int)");
            st.execute("insert into t values (1)");
        }
        assertThatThrownBy(() -> new DemoGenerator(target, null).create(dir.resolve("m"), 1))
                .isInstanceOfSatisfying(DbferryException.class, e -> assertThat(e.paragraph())
                        .contains("already holds data").contains("empty database"));
        assertThatThrownBy(() -> new DemoGenerator(target, null).create(dir.resolve("m"), 0))
                .isInstanceOf(DbferryException.class).hasMessageContaining("--scale 0");
    }

    private static List<String> column(DatabaseConnection c, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Statement st = c.jdbc().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    if (i > 1) {
                        row.append('\u001f');
                    }
                    byte[] bytes = md.getColumnTypeName(i).equalsIgnoreCase("BLOB") ? rs.getBytes(i) : null;
                    row.append(bytes != null ? HexFormat.of().formatHex(bytes) : rs.getString(i));
                }
                values.add(row.toString());
            }
        }
        return values;
    }

    private static BigDecimal decimal(DatabaseConnection c, String sql) throws Exception {
        try (Statement st = c.jdbc().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return new BigDecimal(rs.getString(1));
        }
    }

    private static String digest(List<String> values) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (String v : values) {
            md.update(String.valueOf(v).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update((byte) '\n');
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String mediaDigest(Path root) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                md.update(root.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(f));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
