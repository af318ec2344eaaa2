package io.dbferry.core.encoding;

import io.dbferry.core.encoding.EncodingReport.Example;
import io.dbferry.core.encoding.EncodingReport.Finding;
import io.dbferry.core.encoding.EncodingReport.Kind;
import io.dbferry.core.encoding.EncodingReport.Severity;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.core.transfer.ExportOptions;
import io.dbferry.core.transfer.Exporter;
import io.dbferry.core.transfer.ImportOptions;
import io.dbferry.core.transfer.ImportResult;
import io.dbferry.core.transfer.Verifier;
import io.dbferry.core.transfer.imports.Importer;
import io.dbferry.testing.Datasets;
import io.dbferry.testing.ServerInfo;
import io.dbferry.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.dbferry.core.encoding.EncodingTestSupport.connect;
import static io.dbferry.core.encoding.EncodingTestSupport.dump;
import static io.dbferry.core.encoding.EncodingTestSupport.execute;
import static io.dbferry.core.encoding.EncodingTestSupport.finding;
import static io.dbferry.core.encoding.EncodingTestSupport.sqlite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** validate-encoding, the import gate and fix-encoding against real SQLite files, MariaDB and PostgreSQL. */
class EncodingValidatorTest {

    @TempDir
    Path dir;

    private final Session session = new Session();
    private final EncodingValidator validator = new EncodingValidator(ProgressListener.NONE);

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void reportsTheInvalidUtf8OfPgloadersBadUtf8FileWithItsKeyAndBytes() throws Exception {
        Path file = Datasets.copyToTemp(Datasets.file("pgloader-tests/sqlite/bad-utf8.db"), dir);
        DatabaseConnection source = sqlite(session, Side.SOURCE, file);

        EncodingReport report = validator.validateSource(source, null, t -> true);

        Finding f = finding(report, "files.filename", Kind.INVALID_UTF8);
        assertEquals(Severity.ERROR, f.severity());
        assertEquals(1, f.count());
        Example e = f.examples().get(0);
        assertEquals("(id=2)", e.key());
        assertEquals("96", e.utf8());
        assertTrue(e.note().contains("file\u2013name.txt"), e.note());
        assertTrue(report.hasErrors());
        assertEquals(3, report.textValues(), "the two readable values are counted as well");
    }

    @Test
    void datasetteFixturesHoldNoEncodingErrors() throws Exception {
        Path file = Datasets.copyToTemp(Datasets.file("datasette-fixtures/fixtures.db"), dir);
        DatabaseConnection source = sqlite(session, Side.SOURCE, file);

        EncodingReport report = validator.validateSource(source, null, t -> true);

        assertFalse(report.hasErrors(), () -> report.errors().toString());
        assertTrue(report.tables() >= 20, "tables read: " + report.tables());
        assertTrue(report.textValues() > 1000, "text values read: " + report.textValues());
    }

    @Test
    void chinookCustomersDoNotFitALatin1TableAndTheGateWritesNothingUntilTransliterated() throws Exception {
        ServerInfo mariadb = TestServers.mariadb();
        mariadb.createDatabase("enc_latin1");
        execute(mariadb, "enc_latin1", """
                CREATE TABLE Customer (CustomerId INT PRIMARY KEY, FirstName VARCHAR(40) NOT NULL, LastName VARCHAR(20) NOT NULL,
                  Company VARCHAR(80), Address VARCHAR(70), City VARCHAR(40), State VARCHAR(40), Country VARCHAR(40),
                  PostalCode VARCHAR(10), Phone VARCHAR(24), Fax VARCHAR(24), Email VARCHAR(60) NOT NULL, SupportRepId INT)
                  CHARACTER SET latin1""");
        DatabaseConnection chinook = sqlite(session, Side.SOURCE, Datasets.copyToTemp(Datasets.chinookSqlite(), dir));
        Path data = dir.resolve("customers.json.gz");
        new Exporter(chinook, ProgressListener.NONE).export(new ExportOptions(data, List.of("Customer"), List.of(), Map.of(), false, false));
        DatabaseConnection target = connect(session, Side.TARGET, mariadb, "enc_latin1");

        EncodingReport report = validator.validateFile(data, target, t -> true);

        Finding name = finding(report, "Customer.FirstName", Kind.NOT_REPRESENTABLE);
        assertEquals(1, name.count());
        assertEquals("(CustomerId=49)", name.examples().get(0).key());
        assertEquals("U+0142 'ł'", name.examples().get(0).character());
        assertEquals("C5 82", name.examples().get(0).utf8());
        assertTrue(name.fix().startsWith("ALTER TABLE `Customer` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"), name.fix());
        assertEquals(1, finding(report, "Customer.Email", Kind.NOT_REPRESENTABLE).count());
        assertEquals(2, report.errors().size(), () -> report.errors().toString());

        // the gate: nothing written
        EncodingCheckFailed refused = assertThrows(EncodingCheckFailed.class,
                () -> new Importer(target, ProgressListener.NONE).importFile(ImportOptions.all(data)));
        assertTrue(refused.getMessage().contains("Customer.FirstName"), refused.getMessage());
        assertEquals(0, count(mariadb, "enc_latin1", "Customer"));

        // transliterate, import, verify
        Path fixed = dir.resolve("customers-fixed.json.gz");
        FixResult fix = new EncodingFixer().fix(new FixOptions(data, fixed, Set.of(FixStrategy.TRANSLITERATE), List.of(), "?", target, null));
        assertEquals(2, fix.valuesChanged());
        String changes = Files.readString(fix.changesFile(), StandardCharsets.UTF_8);
        assertTrue(changes.contains("\"before\" : \"Stanisław\"") && changes.contains("\"after\" : \"Stanislaw\""), changes);
        assertFalse(validator.validateFile(fixed, target, t -> true).hasErrors());
        ImportResult imported = new Importer(target, ProgressListener.NONE).importFile(ImportOptions.all(fixed));
        assertTrue(imported.succeeded(), imported.toString());
        assertEquals(59, imported.rowsImported());
        assertTrue(new Verifier(target, ProgressListener.NONE).againstFile(fixed, List.of()).allEqual());
        assertEquals("Stanislaw", single(mariadb, "enc_latin1", "select FirstName from Customer where CustomerId = 49"));
        assertEquals("stanislaw.wójcik@wp.pl", single(mariadb, "enc_latin1", "select Email from Customer where CustomerId = 49"));
    }

    @Test
    void fourByteCharactersDoNotFitUtf8mb3AndAreReplaced() throws Exception {
        ServerInfo mariadb = TestServers.mariadb();
        mariadb.createDatabase("enc_mb3");
        execute(mariadb, "enc_mb3", "CREATE TABLE emoji (id BIGINT PRIMARY KEY, value VARCHAR(50)) CHARACTER SET utf8mb3");
        Path data = dump(dir.resolve("emoji.json"), "emoji", "smile \uD83D\uDE00 please", "plain ü", null);
        DatabaseConnection target = connect(session, Side.TARGET, mariadb, "enc_mb3");

        EncodingReport report = validator.validateFile(data, target, t -> true);

        Finding f = finding(report, "emoji.value", Kind.NOT_REPRESENTABLE);
        assertEquals(1, f.count());
        assertEquals("(id=1)", f.examples().get(0).key());
        assertEquals("U+1F600 '\uD83D\uDE00'", f.examples().get(0).character());
        assertEquals("F0 9F 98 80", f.examples().get(0).utf8());
        assertTrue(f.detail().contains("utf8mb3"), f.detail());
        assertEquals(2, report.textValues());

        Path fixed = dir.resolve("emoji-fixed.json");
        FixResult fix = new EncodingFixer().fix(new FixOptions(data, fixed, Set.of(FixStrategy.REPLACE), List.of(), "?", target, null));
        assertEquals(1, fix.valuesChanged());
        assertEquals("smile ? please", fix.firstChanges().get(0).after());
        roundTrip(target, fixed, 3);
        assertEquals("smile ? please", single(mariadb, "enc_mb3", "select value from emoji where id = 1"));
        assertEquals("plain ü", single(mariadb, "enc_mb3", "select value from emoji where id = 2"));
    }

    @Test
    void nulAndOverLongValuesAgainstPostgresqlAreStrippedAndTruncated() throws Exception {
        ServerInfo postgres = TestServers.postgres();
        postgres.createDatabase("enc_nul");
        execute(postgres, "enc_nul", "CREATE TABLE notes (id BIGINT PRIMARY KEY, value VARCHAR(10))");
        Path data = dump(dir.resolve("notes.json.gz"), "notes", "a\0b", "fine", "x".repeat(12), "ÿ".repeat(10));
        DatabaseConnection target = connect(session, Side.TARGET, postgres, "enc_nul");

        EncodingReport report = validator.validateFile(data, target, t -> true);

        Finding nul = finding(report, "notes.value", Kind.NUL);
        assertEquals(Severity.ERROR, nul.severity());
        assertEquals(1, nul.count());
        assertEquals("(id=1)", nul.examples().get(0).key());
        assertEquals("a\\0b", nul.examples().get(0).excerpt());
        Finding tooLong = finding(report, "notes.value", Kind.TOO_LONG);
        assertEquals(1, tooLong.count(), "10 characters of ÿ fit varchar(10) although they are 20 bytes");
        assertTrue(tooLong.fix().startsWith("ALTER TABLE \"notes\" ALTER COLUMN \"value\" TYPE varchar(12)"), tooLong.fix());
        // without a target, a NUL is only a warning
        EncodingReport alone = validator.validateFile(data, null, t -> true);
        assertFalse(alone.hasErrors(), () -> alone.errors().toString());
        assertEquals(Severity.WARNING, finding(alone, "notes.value", Kind.NUL).severity());

        assertThrows(EncodingCheckFailed.class, () -> new Importer(target, ProgressListener.NONE).importFile(ImportOptions.all(data)));
        assertEquals(0, count(postgres, "enc_nul", "notes"));

        Path fixed = dir.resolve("notes-fixed.json.gz");
        FixResult fix = new EncodingFixer().fix(new FixOptions(data, fixed, Set.of(FixStrategy.STRIP_NUL, FixStrategy.TRUNCATE),
                List.of(), "?", target, null));
        assertEquals(2, fix.valuesChanged());
        roundTrip(target, fixed, 4);
        assertEquals("ab", single(postgres, "enc_nul", "select value from notes where id = 1"));
        assertEquals("x".repeat(10), single(postgres, "enc_nul", "select value from notes where id = 3"));
    }

    @Test
    void aLatin1SourceColumnHoldingUtf8BytesIsReportedAndRepaired() throws Exception {
        ServerInfo mariadb = TestServers.mariadb();
        mariadb.createDatabase("enc_src");
        execute(mariadb, "enc_src", "CREATE TABLE notes (id BIGINT PRIMARY KEY, value VARCHAR(50)) CHARACTER SET latin1",
                "INSERT INTO notes VALUES (1, _latin1 0x636166C3A920636FC3BB74), (2, 'plain'), (3, _latin1 0x4DFC6C6C6572)");
        DatabaseConnection source = connect(session, Side.SOURCE, mariadb, "enc_src");

        EncodingReport report = validator.validateSource(source, null, t -> true);

        Finding f = finding(report, "notes.value", Kind.LATIN1_HOLDS_UTF8);
        assertEquals(Severity.WARNING, f.severity());
        assertEquals(1, f.count(), "Müller is genuine latin1, not UTF-8 bytes");
        assertEquals("(id=1)", f.examples().get(0).key());
        assertEquals("cafÃ© coÃ»t", f.examples().get(0).excerpt());
        assertTrue(f.examples().get(0).note().contains("café coût"), f.examples().get(0).note());
        assertFalse(report.hasErrors());

        Path data = dir.resolve("latin1.json.gz");
        new Exporter(source, ProgressListener.NONE).export(ExportOptions.all(data));
        assertEquals(1, finding(validator.validateFile(data, null, t -> true), "notes.value", Kind.DOUBLE_ENCODED).count());
        Path fixed = dir.resolve("latin1-fixed.json.gz");
        FixResult fix = new EncodingFixer().fix(new FixOptions(data, fixed, Set.of(FixStrategy.REPAIR_MOJIBAKE), List.of(), "?", null, null));
        assertEquals(1, fix.valuesChanged());

        ServerInfo postgres = TestServers.postgres();
        postgres.createDatabase("enc_dst");
        execute(postgres, "enc_dst", "CREATE TABLE notes (id BIGINT PRIMARY KEY, value TEXT)");
        DatabaseConnection target = connect(session, Side.TARGET, postgres, "enc_dst");
        roundTrip(target, fixed, 3);
        assertEquals("café coût", single(postgres, "enc_dst", "select value from notes where id = 1"));
        assertEquals("Müller", single(postgres, "enc_dst", "select value from notes where id = 3"));
    }

    @Test
    void invalidUtf8InADumpIsReportedWhereTheReaderStops() throws Exception {
        Path data = dump(dir.resolve("bad.json"), "files", "ok", "file-name.txt");
        String text = Files.readString(data, StandardCharsets.UTF_8);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int at = text.indexOf("file-name") + 4;
        bytes[at] = (byte) 0x96;
        Files.write(data, bytes);

        EncodingReport report = validator.validateFile(data, null, t -> true);

        Finding f = finding(report, "files.value", Kind.INVALID_UTF8);
        assertEquals("row 2", f.examples().get(0).key());
        assertTrue(report.stoppedEarly());
        assertTrue(report.hasErrors());
    }

    @Test
    void unpairedSurrogatesAreErrorsAndReplaceRemovesThem() {
        ValueInspector inspector = new ValueInspector(ValueInspector.Destination.ANY_UTF8, false);
        inspector.inspect("ok \uD83D\uDE00", () -> "(id=1)");
        inspector.inspect("broken \uD800 here", () -> "(id=2)");
        assertEquals(1, inspector.tallies().get(Kind.UNPAIRED_SURROGATE).count);
        assertEquals("U+D800", inspector.tallies().get(Kind.UNPAIRED_SURROGATE).examples.get(0).character());
        assertEquals("broken ? here", EncodingFixer.apply("broken \uD800 here", Set.of(FixStrategy.REPLACE),
                ValueInspector.Destination.ANY_UTF8, "?", new java.util.StringJoiner(",")));
    }

    @Test
    void transliterationPicksTheNearestLatin1Characters() {
        var latin1 = io.dbferry.core.dialect.CharacterSetNames.mysql("latin1");
        var destination = new ValueInspector.Destination(latin1, io.dbferry.core.dialect.TextLimit.NONE, true, false);
        assertEquals("Lódz Straße Ørsted ’quoted’ ?", EncodingFixer.apply("Łódź Straße Ørsted ’quoted’ \u4E2D",
                Set.of(FixStrategy.TRANSLITERATE), destination, "?", new java.util.StringJoiner(",")));
        var ascii = new ValueInspector.Destination(io.dbferry.core.dialect.CharacterSet.ascii("ascii"),
                io.dbferry.core.dialect.TextLimit.NONE, true, false);
        assertEquals("Lodz Strasse Orsted 'quoted' ae", EncodingFixer.apply("Łódź Straße Ørsted ’quoted’ æ",
                Set.of(FixStrategy.TRANSLITERATE), ascii, "?", new java.util.StringJoiner(",")));
    }

    private void roundTrip(DatabaseConnection target, Path fixed, long rows) {
        assertFalse(validator.validateFile(fixed, target, t -> true).hasErrors(), "the fixed file passes validation");
        ImportResult imported = new Importer(target, ProgressListener.NONE).importFile(ImportOptions.all(fixed));
        assertTrue(imported.succeeded(), imported.toString());
        assertEquals(rows, imported.rowsImported());
        assertTrue(new Verifier(target, ProgressListener.NONE).againstFile(fixed, List.of()).allEqual());
    }

    private static long count(ServerInfo server, String database, String table) throws Exception {
        return Long.parseLong(single(server, database, "select count(*) from " + table));
    }

    private static String single(ServerInfo server, String database, String sql) throws Exception {
        try (Connection c = server.connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
