package io.dbferry.core.schema;

import io.dbferry.core.DbferryException;
import io.dbferry.core.session.ConnectionRequest;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.core.transfer.ExportOptions;
import io.dbferry.core.transfer.ImportOptions;
import io.dbferry.shell.commands.CopySchemaCommands;
import io.dbferry.shell.commands.FailedWithReport;
import io.dbferry.shell.completion.TableNameCache;
import io.dbferry.testing.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.dbferry.core.schema.SchemaSupport.*;
import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** copy-schema's rules: quoting, long names, --dry-run, existing and differing tables, --map. */
class CopySchemaBehaviourTest {

    @TempDir
    Path dir;

    private static final String LONG_TABLE_70 = "inventory_" + "x".repeat(54) + "_table"; // 70
    private static final String LONG_COLUMN_A = "c".repeat(60) + "_aaaa"; // 65
    private static final String LONG_COLUMN_B = "c".repeat(60) + "_aaab"; // 65, same first 64 but one

    private String sqlite(String name, String... ddl) throws Exception {
        String url = sqliteUrl(dir.resolve(name + ".sqlite"));
        execute(url, ddl);
        return url;
    }

    private String run(Session session, String tables, boolean dryRun, String... map) {
        return new CopySchemaCommands(session, new TableNameCache(session)).copySchema(tables, dryRun,
                map.length == 0 ? null : String.join("\u001F", map), null, dir.resolve("objects.sql").toString(), "text");
    }

    private static Session session(String source, String target) {
        Session session = new Session();
        session.connect(Side.SOURCE, new ConnectionRequest(source, null, null));
        session.connect(Side.TARGET, new ConnectionRequest(target, null, null));
        return session;
    }

    @Test
    void reservedWordsAndSpacesAreQuoted() throws Exception {
        String northwind = sqliteUrl(Datasets.file("northwind/northwind.sqlite"));
        String src = sqlite("reserved", "create table \"select\" (\"group\" integer primary key, \"order\" text, \"from date\" date)",
                "insert into \"select\" values (1, 'by', '2024-02-29')");
        for (String to : List.of(freshMaria("schema_names_q"), freshPostgres("schema_names_q"))) {
            String quote = to.startsWith("mysql:") ? "`" : "\"";
            CopySchemaResult dry = copySchema(northwind, to, List.of(), Map.of(), true);
            assertThat(dry.statements()).anySatisfy(st -> assertThat(st).startsWith("CREATE TABLE " + quote + "Order Details" + quote + " ("))
                    .anySatisfy(st -> assertThat(st).startsWith("ALTER TABLE " + quote + "Order Details" + quote + " ADD FOREIGN KEY"));
            assertThat(tableNames(to)).isEmpty();

            transfer(src, to, List.of("select"), dir.resolve("sel" + quote + ".json"));
            assertThat(strings(to, "select " + q(to, "order") + " from " + q(to, "select") + " where " + q(to, "group") + " = 1"))
                    .containsExactly("by");
            assertThat(strings(to, "select " + q(to, "from date") + " from " + q(to, "select"))).containsExactly("2024-02-29");
        }
    }

    @Test
    void namesLongerThanTheTargetAllowsAreListedTogetherWithDistinctSuggestions() throws Exception {
        assertThat(LONG_TABLE_70).hasSize(70);
        assertThat(LONG_COLUMN_A).hasSize(65);
        String src = sqlite("long",
                "create table \"" + LONG_TABLE_70 + "\" (id integer primary key, \"" + LONG_COLUMN_A + "\" text, \""
                        + LONG_COLUMN_B + "\" text, short_one text)",
                "create table fine (id integer primary key, \"" + "d".repeat(64) + "\" text)");
        for (String to : List.of(freshMaria("schema_names_long"), freshPostgres("schema_names_long"))) {
            int max = to.startsWith("mysql:") ? 64 : 63;
            DbferryException e = org.junit.jupiter.api.Assertions.assertThrows(DbferryException.class, () -> copySchema(src, to));
            String message = e.getMessage();
            assertThat(message).contains("(" + max + " characters)")
                    .contains("table " + LONG_TABLE_70 + " (70 chars")
                    .contains("column " + LONG_TABLE_70 + "." + LONG_COLUMN_A + " (65 chars")
                    .contains("column " + LONG_TABLE_70 + "." + LONG_COLUMN_B + " (65 chars")
                    .doesNotContain("short_one");
            if (max == 64) {
                assertThat(message).doesNotContain("d".repeat(64));
            } else {
                assertThat(message).contains("fine." + "d".repeat(64) + " (64 chars");
            }
            Matcher m = Pattern.compile("suggest ([^)]+)\\)").matcher(message);
            List<String> suggestions = m.results().map(r -> r.group(1)).toList();
            assertThat(suggestions).hasSize(max == 64 ? 3 : 4).doesNotHaveDuplicates()
                    .allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(max));
            String forA = suggestion(message, LONG_COLUMN_A);
            String forB = suggestion(message, LONG_COLUMN_B);
            assertThat(forA).as(message).startsWith("c".repeat(40)).isNotEqualTo(forB);
            assertThat(forB).startsWith("c".repeat(40));
            assertThat(suggestion(message, LONG_TABLE_70)).startsWith("inventory_");
            assertThat(e.nextStep()).contains("Rename");
            assertThat(tableNames(to)).as("nothing is created").isEmpty();
        }
        // two 64-char names that differ only in the last character get different suggestions on PostgreSQL
        String a = "col_very_long_name_that_exceeds_postgresql_identifier_limit_aaax";
        String b = "col_very_long_name_that_exceeds_postgresql_identifier_limit_aaay";
        assertThat(SchemaCopier.shorten(a, 63)).hasSizeLessThanOrEqualTo(63).isNotEqualTo(SchemaCopier.shorten(b, 63));
    }

    private static String suggestion(String message, String name) {
        Matcher m = Pattern.compile(Pattern.quote(name) + " \\(\\d+ chars; suggest ([^)]+)\\)").matcher(message);
        assertThat(m.find()).as("a suggestion for %s in %s", name, message).isTrue();
        return m.group(1);
    }

    /** --tables without the parents of a chosen table: a clear error before anything is created, not the engine's errno 150. */
    @Test
    void aChosenTableWhoseParentIsNeitherCopiedNorPresentIsRefusedByName() throws Exception {
        String northwind = sqliteUrl(Datasets.file("northwind/northwind.sqlite"));
        String maria = freshMaria("schema_parents");
        assertThatThrownBy(() -> copySchema(northwind, maria, List.of("Order Details", "Orders"), Map.of(), false))
                .isInstanceOf(DbferryException.class)
                .hasMessageContaining("Order Details references Products")
                .hasMessageContaining("Orders references Customers")
                .hasMessageNotContaining("Order Details references Orders")
                .satisfies(e -> assertThat(((DbferryException) e).nextStep()).contains("--tables"));
        assertThat(tableNames(maria)).isEmpty();
        // with the parents already on the target, the children alone are fine
        copySchema(northwind, maria, List.of("Customers", "Employees", "Shippers", "Products", "Categories", "Suppliers"), Map.of(), false);
        assertThat(copySchema(northwind, maria, List.of("Order Details", "Orders"), Map.of(), false).created())
                .containsExactlyInAnyOrder("Order Details", "Orders");
    }

    @Test
    void dryRunPrintsTheDdlAndCreatesNothing() throws Exception {
        String chinook = sqliteUrl(Datasets.chinookSqlite());
        String pg = freshPostgres("schema_dry");
        try (Session session = session(chinook, pg)) {
            String out = run(session, null, true);
            assertThat(out).contains("CREATE TABLE \"Album\" (", "CREATE TABLE \"Track\" (",
                    "ALTER TABLE \"Track\" ADD FOREIGN KEY (\"AlbumId\") REFERENCES \"Album\" (\"AlbumId\")",
                    "\"ArtistId\" BIGINT GENERATED BY DEFAULT AS IDENTITY", "would be created");
            // parents before children
            assertThat(out.indexOf("CREATE TABLE \"Artist\"")).isLessThan(out.indexOf("CREATE TABLE \"Album\""));
            assertThat(out.indexOf("CREATE TABLE \"Album\"")).isLessThan(out.indexOf("CREATE TABLE \"Track\""));
        }
        assertThat(tableNames(pg)).isEmpty();
        CopySchemaResult dry = copySchema(chinook, pg, List.of(), Map.of(), true);
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.created()).hasSize(11);
        assertThat(tableNames(pg)).isEmpty();
    }

    @Test
    void existingTablesAreLeftAloneAndReported() throws Exception {
        String chinook = sqliteUrl(Datasets.chinookSqlite());
        String maria = freshMaria("schema_existing");
        assertThat(copySchema(chinook, maria, List.of("Artist", "Album"), Map.of(), false).created())
                .containsExactlyInAnyOrder("Artist", "Album");
        execute(maria, "insert into Artist (ArtistId, Name) values (1, 'kept')");
        try (Session session = session(chinook, maria)) {
            String out = run(session, null, false);
            assertThat(out).contains("exists, left alone").contains("created");
            assertThat(out.lines().filter(l -> l.contains("exists, left alone"))).hasSize(2);
        }
        assertThat(tableNames(maria)).hasSize(11);
        assertThat(strings(maria, "select Name from Artist")).containsExactly("kept");
        // a second run creates nothing
        CopySchemaResult again = copySchema(chinook, maria);
        assertThat(again.created()).isEmpty();
        assertThat(again.statements()).isEmpty();
        assertThat(again.existing()).hasSize(11).allSatisfy(x -> assertThat(x.matches()).as(x.toString()).isTrue());
    }

    @Test
    void aTargetTableThatDiffersIsReportedAndTheCommandFails() throws Exception {
        String chinook = sqliteUrl(Datasets.chinookSqlite());
        String pg = freshPostgres("schema_differs");
        execute(pg, "create table \"MediaType\" (\"MediaTypeId\" integer primary key)", // Name missing
                "create table \"Genre\" (\"GenreId\" integer primary key, \"Name\" varchar(120), \"rating\" integer not null)",
                "create table \"Artist\" (\"ArtistId\" integer primary key, \"Name\" varchar(120), \"note\" text, "
                        + "\"flag\" integer not null default 0)"); // extras that do not matter
        try (Session session = session(chinook, pg)) {
            assertThatThrownBy(() -> run(session, "MediaType,Genre,Artist,Album", false))
                    .isInstanceOfSatisfying(FailedWithReport.class, f -> {
                        assertThat(f.report()).contains("MediaType").contains("column Name is missing")
                                .contains("Genre").contains("column rating is NOT NULL on the target and unknown to the source")
                                .contains("Album").contains("created");
                        assertThat(f.report().lines().filter(l -> l.contains("Artist") && l.contains("left alone"))).hasSize(1);
                        assertThat(f.getMessage()).contains("differ");
                    });
        }
        CopySchemaResult result = copySchema(chinook, pg, List.of("MediaType", "Genre", "Artist"), Map.of(), true);
        assertThat(result.targetDiffers()).isTrue();
        assertThat(result.existing()).filteredOn(x -> !x.matches()).extracting(CopySchemaResult.ExistingTable::table)
                .containsExactlyInAnyOrder("MediaType", "Genre");
    }

    @Test
    void mapOverridesTheTypeInTheDdl() throws Exception {
        String src = sqlite("money", "create table product (id integer primary key, name nvarchar(120) not null, price real)",
                "insert into product values (1, 'Ärger', 0.99), (2, 'b', 12.5), (3, 'c', null)");
        for (String to : List.of(freshMaria("schema_map"), freshPostgres("schema_map"))) {
            try (Session session = session(src, to)) {
                String out = run(session, null, true, "REAL=DECIMAL(10,2)", "nvarchar=VARCHAR(300)");
                assertThat(out).containsPattern("price.? DECIMAL\\(10,2\\)").containsPattern("name.? VARCHAR\\(300\\)( COLLATE \\w+)? NOT NULL");
                run(session, null, false, "REAL=DECIMAL(10,2)", "nvarchar=VARCHAR(300)");
            }
            try (var t = target(to)) {
                var table = t.catalog().table("product");
                assertThat(table.column("price").orElseThrow().portableType()).isEqualTo(io.dbferry.core.model.PortableType.DECIMAL);
                assertThat(table.column("price").orElseThrow().scale()).isEqualTo(2);
                assertThat(table.column("name").orElseThrow().size()).isEqualTo(300);
            }
            Path file = dir.resolve("money" + to.hashCode() + ".json");
            export(src, ExportOptions.all(file));
            assertAllDone(importFile(to, ImportOptions.all(file)));
            assertThat(strings(to, "select price from product order by id")).containsExactly("0.99", "12.50", null);
        }
        try (Session session = session(src, freshPostgres("schema_map"))) {
            assertThatThrownBy(() -> run(session, null, true, "REAL"))
                    .hasMessageContaining("--map 'REAL' is not SOURCE_TYPE=TARGET_TYPE");
        }
    }

    @Test
    void aMapToAnUnknownTypeNamesTheStatementAndKeepsTheTablesBeforeIt() throws Exception {
        String src = sqlite("unknown", "create table genre (id integer primary key, label text)",
                "create table item (id integer primary key, name nvarchar(50), genre_id integer references genre(id))",
                "insert into genre values (1, 'rock')", "insert into item values (1, 'song', 1)");
        for (String to : List.of(freshMaria("schema_map_bad"), freshPostgres("schema_map_bad"))) {
            try (Session session = session(src, to)) {
                assertThatThrownBy(() -> run(session, null, false, "NVARCHAR=NO_SUCH_TYPE(50)"))
                        .isInstanceOf(DbferryException.class)
                        .hasMessageContaining("copy-schema failed at:")
                        .hasMessageContaining("CREATE TABLE " + q(to, "item"))
                        .hasMessageContaining("NO_SUCH_TYPE(50)")
                        .satisfies(e -> assertThat(((DbferryException) e).nextStep()).contains("Tables created before this statement stay"));
                assertThat(tableNames(to)).containsExactly("genre");
                String out = run(session, null, false, "NVARCHAR=VARCHAR(50)");
                assertThat(out).contains("item").contains("created").contains("exists, left alone");
            }
            assertThat(tableNames(to)).containsExactlyInAnyOrder("genre", "item");
            Path file = dir.resolve("unknown" + to.hashCode() + ".json");
            export(src, ExportOptions.all(file));
            assertAllDone(importFile(to, ImportOptions.all(file)));
            assertAllEqual("after the rerun", verify(src, to, List.of()), 2);
        }
    }
}
