package io.dbferry.core.dialect.sqlite;

import io.dbferry.core.dump.DumpColumn;
import io.dbferry.core.dump.DumpHeader;
import io.dbferry.core.dump.DumpWriter;
import io.dbferry.core.model.PortableType;
import io.dbferry.core.transfer.ExportOptions;
import io.dbferry.core.transfer.ImportOptions;
import io.dbferry.core.transfer.ImportResult;
import io.dbferry.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;

import static io.dbferry.testing.TestDatabases.execute;
import static io.dbferry.testing.TestDatabases.freshMaria;
import static io.dbferry.testing.TestDatabases.sqliteUrl;
import static io.dbferry.testing.TestDatabases.strings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Into SQLite from another engine: dates and times in the text SQLite applications compare against, decimals
 * exact (an integer-valued one as an INTEGER, never a REAL that is not the same number); and a version-1 dump
 * written by this code still imports.
 */
class SqliteIntoFromServersTest {

    @TempDir
    Path dir;

    private static final String TARGET_TABLE = "create table v (id integer primary key, n NUMERIC, d DATE, ts DATETIME,"
            + " tz TIMESTAMP WITH TIME ZONE, tm TIME)";

    @Test
    void mariaDbDecimalsAndDatesLandInSqlitesOwnForms() throws Exception {
        String maria = freshMaria("sqlite_carry_from_maria");
        execute(maria, "create table v (id int primary key, n decimal(30,10), d date, ts datetime(6), tz timestamp(3) null, tm time(6))",
                "insert into v values (1, 9007199254740993, '2016-07-04', '2021-01-01 00:00:00', '2024-05-01 10:00:00.500', '08:00:00'),"
                        + " (2, 9223372036854775807.0000000000, '2016-07-05', '2024-05-01 10:00:00.123456', null, '23:59:59.5'),"
                        + " (3, 0.99, null, null, null, null)");
        Path file = dir.resolve("m.json");
        TestDatabases.export(maria, ExportOptions.all(file));
        String sqlite = sqliteUrl(dir.resolve("m.sqlite"));
        execute(sqlite, TARGET_TABLE);
        ImportResult result = TestDatabases.importFile(sqlite, ImportOptions.all(file));
        assertThat(result.succeeded()).as(result.tables().toString()).isTrue();
        assertThat(strings(sqlite, "select typeof(n) || ' ' || quote(n) || '|' || coalesce(d, '') || '|' || coalesce(ts, '')"
                + " || '|' || coalesce(tm, '') from v order by id")).containsExactly(
                "integer 9007199254740993|2016-07-04|2021-01-01 00:00:00|08:00:00",
                "integer 9223372036854775807|2016-07-05|2024-05-01 10:00:00.123456|23:59:59.5",
                "real 0.99|||");
        assertThat(strings(sqlite, "select tz from v where id = 1").get(0)).matches("2024-05-01 \\d\\d:00:00\\.5(Z|[+-]\\d\\d:\\d\\d)");
    }

    @Test
    void aDecimalNoRealHoldsIsListedAndDecimalToRealRoundsItOnlyByChoice() throws Exception {
        String maria = freshMaria("sqlite_carry_decimal");
        execute(maria, "create table v (id int primary key, n decimal(30,10))",
                "insert into v values (1, 9007199254740993.5), (2, 0.1234567890), (3, 12345678901234567.25), (4, 2.5)");
        Path file = dir.resolve("d.json");
        TestDatabases.export(maria, ExportOptions.all(file));
        String sqlite = sqliteUrl(dir.resolve("d.sqlite"));
        execute(sqlite, "create table v (id integer primary key, n NUMERIC(30,10))");
        // refused by default, every such value listed before anything is written
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestDatabases.importFile(sqlite, ImportOptions.all(file)))
                .isInstanceOf(io.dbferry.core.DbferryException.class)
                .satisfies(e -> assertThat(((io.dbferry.core.DbferryException) e).paragraph())
                        .contains("v.n", "2 values", "floating point", "9007199254740993.5", "decimal-to-real"));
        assertThat(strings(sqlite, "select count(*) from v")).containsExactly("0");
        // the operator's choice: the nearest REAL, each change recorded
        ImportResult result = TestDatabases.importFile(sqlite, ImportOptions.all(file).withConvert(List.of("v.n=decimal-to-real")));
        assertThat(result.succeeded()).isTrue();
        assertThat(strings(sqlite, "select typeof(n) || ' ' || n from v order by id")).containsExactly(
                // the nearest REAL, which SQLite's NUMERIC affinity stores as an INTEGER where it is whole
                "integer 9007199254740994", "real 0.123456789", "integer 12345678901234568", "real 2.5");
        String changes = java.nio.file.Files.readString(ImportOptions.all(file).changesFile());
        assertThat(changes).contains("9007199254740993.5", "12345678901234567.25", "decimal-to-real").doesNotContain("0.123456789\"");
    }

    @Test
    void aVersionOneDumpStillImports() throws Exception {
        Path file = dir.resolve("v1.json");
        try (DumpWriter writer = DumpWriter.create(file, new DumpHeader(1, "0.1.0", Instant.now(), "PostgreSQL", "16", "app", null))) {
            writer.beginTable("v", List.of(new DumpColumn("id", PortableType.INTEGER, "int", false, true),
                    new DumpColumn("n", PortableType.DECIMAL, "numeric", true, false),
                    new DumpColumn("d", PortableType.DATE, "date", true, false),
                    new DumpColumn("ts", PortableType.TIMESTAMP, "timestamp", true, false),
                    new DumpColumn("tz", PortableType.TIMESTAMP_TZ, "timestamptz", true, false),
                    new DumpColumn("tm", PortableType.TIME, "time", true, false)));
            writer.writeRow(new Object[]{1L, new BigDecimal("12.50"), LocalDate.of(2016, 7, 4), LocalDateTime.of(2021, 1, 1, 0, 0),
                    OffsetDateTime.parse("2021-03-28T02:30:00+05:30"), LocalTime.of(8, 0)});
            writer.endTable();
        }
        assertThat(Files.readString(file)).startsWith("{\"format\":\"dbferry-dump\",\"version\":1,");
        String sqlite = sqliteUrl(dir.resolve("v1.sqlite"));
        execute(sqlite, TARGET_TABLE);
        ImportResult result = TestDatabases.importFile(sqlite, ImportOptions.all(file));
        assertThat(result.succeeded()).as(result.tables().toString()).isTrue();
        assertThat(strings(sqlite, "select quote(n) || '|' || d || '|' || ts || '|' || tz || '|' || tm from v"))
                .containsExactly("12.5|2016-07-04|2021-01-01 00:00:00|2021-03-28 02:30:00+05:30|08:00:00");
    }
}
