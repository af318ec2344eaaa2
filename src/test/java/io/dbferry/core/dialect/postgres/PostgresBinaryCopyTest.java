package io.dbferry.core.dialect.postgres;

import io.dbferry.core.dialect.BulkLoader;
import io.dbferry.core.model.CarriedValue;
import io.dbferry.core.model.Column;
import io.dbferry.core.session.DatabaseConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

import static io.dbferry.testing.TestDatabases.execute;
import static io.dbferry.testing.TestDatabases.freshPostgres;
import static io.dbferry.testing.TestDatabases.postgresUrl;
import static io.dbferry.testing.TestDatabases.strings;
import static io.dbferry.testing.TestDatabases.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * COPY's binary format against its text format: for every type sent binary, the edge values of that type loaded both
 * ways into tables of the same definition, and the server's own text of every stored row compared. The text format is
 * the reference: it is what PostgreSQL's input functions make of the value's text.
 */
class PostgresBinaryCopyTest {

    private static final String COLUMNS = "(id int8 primary key, s int2, i int4, l int8, t text, v varchar(12), c char(5),"
            + " b bytea, bo bool, f float8, n numeric, n5 numeric(15,5), n2 numeric(5,2), d date, tm time, ts timestamp,"
            + " ts3 timestamp(3), tz timestamptz, u uuid, j json, jb jsonb)";

    private final List<DatabaseConnection> open = new ArrayList<>();

    @AfterEach
    void close() {
        open.forEach(DatabaseConnection::close);
    }

    private static CarriedValue real(double d) {
        return new CarriedValue(CarriedValue.Kind.REAL, d);
    }

    private static CarriedValue text(String s) {
        return new CarriedValue(CarriedValue.Kind.TEXT, s);
    }

    private static List<Object[]> edgeRows() {
        byte[] every = new byte[256];
        for (int i = 0; i < every.length; i++) {
            every[i] = (byte) i;
        }
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[]{1L, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null});
        rows.add(new Object[]{2L, -32768L, Integer.MIN_VALUE + 0L, Long.MIN_VALUE, "", "", "", new byte[0], false, -0.0,
                BigDecimal.ZERO, new BigDecimal("0.00000"), new BigDecimal("-0.01"), LocalDate.of(1, 1, 1), LocalTime.MIDNIGHT,
                LocalDateTime.of(1, 1, 1, 0, 0), LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_500_000),
                OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), new UUID(0, 0), "[]", "{}"});
        rows.add(new Object[]{3L, 32767L, Integer.MAX_VALUE + 0L, Long.MAX_VALUE, "tab\there\nnewline \\ back\r\\N",
                "😀𝄞 é ✓", "ab ", every, true, Double.MAX_VALUE, new BigDecimal("12345678901234567890.123456789012"),
                new BigDecimal("1.5"), new BigDecimal("1.005"), LocalDate.of(9999, 12, 31), LocalTime.of(23, 59, 59, 999_999_000),
                LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000), LocalDateTime.of(2024, 2, 29, 12, 0, 0, 123_456_000),
                OffsetDateTime.of(2024, 3, 10, 2, 30, 0, 654_321_000, ZoneOffset.ofHoursMinutes(5, 30)),
                UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), " { \"b\" : 1, \"a\" : [1, 2.50] } ",
                "{\"b\": 1, \"a\": [1, 2.50], \"é\": \"😀\"}"});
        rows.add(new Object[]{4L, 0L, BigInteger.valueOf(-7), new BigInteger("-9223372036854775808"), "x".repeat(70_000),
                "twelve chars", "abcde", "\\x00".getBytes(StandardCharsets.US_ASCII), false, Double.MIN_VALUE,
                new BigDecimal("-0.00000000000000000001"), new BigDecimal("9999999999.99999"), new BigDecimal("999.99"),
                LocalDate.of(2000, 1, 1), LocalTime.of(12, 0, 0, 1_000), LocalDateTime.of(2000, 1, 1, 0, 0),
                LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000),
                OffsetDateTime.of(1999, 12, 31, 23, 59, 59, 1_000, ZoneOffset.ofHours(-8)), new UUID(-1, -1), "null",
                "\"just a string\""});
        rows.add(new Object[]{5L, -1L, 1L, 1L, "1", "1", "1", new byte[]{'\\', '\t', '\n', '\r', 0}, true, real(Double.NaN),
                real(Double.NaN), real(Double.NaN), real(Double.NaN), text("infinity"), LocalTime.of(0, 0, 0, 1_000),
                text("infinity"), text("-infinity"), text("infinity"), UUID.randomUUID(), "1e400", "[1.0, 1e3, -0]"});
        rows.add(new Object[]{6L, 1L, -1L, -1L, "ünïcödé", "ǅ", "  ", new byte[]{(byte) 0xFF}, false, Double.NEGATIVE_INFINITY,
                real(Double.POSITIVE_INFINITY), new BigDecimal("1E+5"), new BigDecimal("-5E-3"), text("-infinity"),
                LocalTime.of(1, 2, 3), text("-infinity"), LocalDateTime.of(1970, 1, 1, 0, 0, 0, 1_000),
                text("-infinity"), new UUID(1, 2), "{\"a\":1,\"a\":2}", "{\"a\":1,\"a\":2}"});
        rows.add(new Object[]{7L, 2L, 3L, 4L, "a", "b", "c", new byte[]{1}, true, 0.1, real(Double.NEGATIVE_INFINITY),
                new BigDecimal("10000"), new BigDecimal("0.1"), LocalDate.of(1999, 12, 31), LocalTime.of(12, 34, 56, 789_000_000),
                LocalDateTime.of(1899, 7, 14, 8, 9, 10, 11_000), LocalDateTime.of(2000, 1, 1, 0, 0, 0, 500_000),
                OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(14)), new UUID(Long.MIN_VALUE, 0), "3", "3"});
        for (long id = 8; id <= 3000; id++) { // past one flush of the buffer
            rows.add(new Object[]{id, id % 100, id * 1000, id * 1_000_000_007L, "row " + id, "v" + id, "c" + (id % 10),
                    new byte[(int) (id % 300)], id % 2 == 0, id / 7.0, BigDecimal.valueOf(id * 31, (int) (id % 9)),
                    BigDecimal.valueOf(id, 3), BigDecimal.valueOf(id % 1000, 2), LocalDate.of(2020, 1, 1).plusDays(id),
                    LocalTime.ofSecondOfDay(id * 17), LocalDateTime.of(2020, 1, 1, 0, 0).plusSeconds(id * 7919),
                    null, OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours((int) (id % 24) - 12)).plusMinutes(id),
                    new UUID(id, -id), "{\"n\": " + id + "}", "{\"n\": " + id + "}"});
        }
        return rows;
    }

    /** A fresh database with {@code ddl} run, connected as an import's target. */
    private DatabaseConnection connect(String database, String... ddl) throws SQLException {
        String url = freshPostgres(database);
        execute(url, ddl);
        DatabaseConnection db = target(url);
        open.add(db);
        return db;
    }

    private static long load(PostgresCopy copy, DatabaseConnection db, String table, List<Object[]> rows) throws Exception {
        List<Column> columns = db.catalog().table(table).columns();
        Iterator<Object[]> it = rows.iterator();
        BulkLoader.RowSource source = () -> it.hasNext() ? it.next().clone() : null;
        return copy.load(db.jdbc(), table, columns, source);
    }

    @Test
    void everyTypeSentBinaryIsStoredAsItsTextCopyStoresIt() throws Exception {
        DatabaseConnection db = connect("dbferry_pgbinary", "create table by_binary " + COLUMNS, "create table by_text " + COLUMNS);
        String url = postgresUrl("dbferry_pgbinary");
        List<Column> columns = db.catalog().table("by_binary").columns();
        assertThat(PostgresBinaryFields.of(db.jdbc(), "\"by_binary\"", columns)).as("every column has a binary form").isNotNull();
        List<Object[]> rows = edgeRows();

        assertThat(load(new PostgresCopy(), db, "by_binary", rows)).isEqualTo(rows.size());
        assertThat(load(new PostgresCopy(false), db, "by_text", rows)).isEqualTo(rows.size());

        List<String> binary = strings(url, "select r::text from by_binary r order by id");
        List<String> text = strings(url, "select r::text from by_text r order by id");
        assertThat(binary).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(binary.get(i)).as("row %d", i + 1).isEqualTo(text.get(i));
        }
        // and against what the rows hold, where the text is easy to state
        assertThat(strings(url, "select concat_ws('|', s, i, l, c, n, n2, ts3, encode(b, 'hex')) from by_binary where id = 3"))
                .containsExactly("32767|2147483647|9223372036854775807|ab   |12345678901234567890.123456789012|1.01|"
                        + "2024-02-29 12:00:00.123|" + HexFormat.of().formatHex((byte[]) rows.get(2)[7]));
        assertThat(strings(url, "select concat_ws('|', n, n5, d, ts, tz) from by_binary where id = 5"))
                .containsExactly("NaN|NaN|infinity|infinity|infinity");
    }

    @Test
    void aTableWithATypeOutsideTheListGoesAsText() throws Exception {
        DatabaseConnection db = connect("dbferry_pgbinary_text", "create type mood as enum ('ok', 'sad')", "create domain positive as int check (value > 0)",
                "create table feelings (id int8 primary key, m mood)", "create table counts (id int8 primary key, p positive)",
                "create table tags (id int8 primary key, t text[])");
        for (String table : List.of("feelings", "counts", "tags")) {
            assertThat(PostgresBinaryFields.of(db.jdbc(), "\"" + table + "\"", db.catalog().table(table).columns()))
                    .as(table).isNull();
        }
        assertThat(load(new PostgresCopy(), db, "feelings", List.<Object[]>of(new Object[]{1L, "sad"}))).isEqualTo(1);
        assertThat(strings(postgresUrl("dbferry_pgbinary_text"), "select m::text from feelings")).containsExactly("sad");
    }

    @Test
    void aValueTheBinaryFormDoesNotTakeAsItIsIsRefusedBeforeTheServerStoresAnything() throws Exception {
        DatabaseConnection db = connect("dbferry_pgbinary_refused", "create table narrow (id int8 primary key, i int4)");
        db.jdbc().setAutoCommit(false);
        List<Object[]> rows = List.of(new Object[]{1L, 5L}, new Object[]{2L, 3_000_000_000L});
        // the caller (BulkWriter) rolls back and loads the table row by row, where the server names the value
        assertThatThrownBy(() -> load(new PostgresCopy(), db, "narrow", rows)).isInstanceOf(PostgresBinaryFields.NotCarried.class)
                .hasMessageContaining("column i");
        db.jdbc().rollback();
        // text PostgreSQL cannot hold, or that has no UTF-8 form, is refused as the text COPY refuses it, naming the column
        execute(postgresUrl("dbferry_pgbinary_refused"), "create table notes (id int8 primary key, t text)");
        for (String bad : List.of("nul\u0000inside", "lone \ud800 surrogate")) {
            assertThatThrownBy(() -> load(new PostgresCopy(), db, "notes", List.<Object[]>of(new Object[]{1L, bad})))
                    .isInstanceOf(io.dbferry.core.dialect.ValueConversionException.class)
                    .satisfies(e -> assertThat(((io.dbferry.core.dialect.ValueConversionException) e).column()).isEqualTo("t"))
                    .hasMessageContaining(bad.contains("\u0000") ? "NUL" : "unpaired surrogate (U+D800)");
            db.jdbc().rollback();
        }
        db.jdbc().setAutoCommit(true);
        assertThat(strings(postgresUrl("dbferry_pgbinary_refused"), "select count(*) from narrow")).containsExactly("0");
    }
}
