package io.dbferry.core.dialect;

import io.dbferry.core.dialect.TargetFit.Reason;
import io.dbferry.core.model.CarriedValue;
import io.dbferry.core.model.CarriedValue.Kind;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.Engine;
import io.dbferry.core.model.PortableType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every reason TargetFit gives, and the values it lets through unchanged or converted exactly. */
class TargetFitTest {

    private static final Dialect POSTGRES = Dialects.forEngine(Engine.POSTGRESQL);
    private static final Dialect MARIADB = Dialects.forEngine(Engine.MARIADB);
    private static final Dialect SQLITE = Dialects.forEngine(Engine.SQLITE);

    private static Column column(String type, PortableType portable, int size, int scale) {
        return new Column("c", type, 0, size, scale, true, null, false, portable, null);
    }

    private static Reason reason(Dialect dialect, PortableType from, Column to, Object value) {
        TargetFit.Misfit misfit = TargetFit.of(dialect, from, to).misfit(value);
        return misfit == null ? null : misfit.reason();
    }

    @Test
    void decimalsKeepTheirDigitsOrAreListed() {
        Column money = column("numeric", PortableType.DECIMAL, 10, 2);
        assertThat(reason(POSTGRES, PortableType.DECIMAL, money, new BigDecimal("2.50"))).isNull();
        assertThat(reason(POSTGRES, PortableType.DECIMAL, money, new BigDecimal("2.675"))).isEqualTo(Reason.SCALE);
        assertThat(reason(POSTGRES, PortableType.DOUBLE, money, 2.675)).isEqualTo(Reason.SCALE);
        assertThat(reason(POSTGRES, PortableType.DECIMAL, money, new BigDecimal("12345678.5"))).isNull();
        assertThat(reason(POSTGRES, PortableType.DECIMAL, money, new BigDecimal("123456789"))).isEqualTo(Reason.PRECISION);
        assertThat(reason(MARIADB, PortableType.DOUBLE, column("decimal", PortableType.DECIMAL, 38, 10), 5e-324)).isEqualTo(Reason.SCALE);
        // SQLite never rounds to a declared scale
        assertThat(reason(SQLITE, PortableType.DECIMAL, column("NUMERIC(10,2)", PortableType.DECIMAL, 10, 2), new BigDecimal("2.675"))).isNull();
        Column numeric = column("NUMERIC", PortableType.DECIMAL, 0, 0);
        assertThat(reason(SQLITE, PortableType.DECIMAL, numeric, new BigDecimal("9223372036854775807.000"))).as("an INTEGER").isNull();
        assertThat(reason(SQLITE, PortableType.DECIMAL, numeric, new BigDecimal("9007199254740993.5"))).isEqualTo(Reason.FLOAT_STORAGE);
        TargetFit toReal = TargetFit.of(SQLITE, PortableType.DECIMAL, numeric, List.of(ConvertRule.DECIMAL_TO_REAL));
        assertThat(toReal.prepare(new BigDecimal("9007199254740993.5"))).isEqualTo(9.007199254740994E15);
        assertThat(toReal.change(new BigDecimal("2.5"))).as("a REAL holds it: nothing to change").isNull();
        TargetFit mariaToReal = TargetFit.of(MARIADB, PortableType.DECIMAL, column("decimal", PortableType.DECIMAL, 10, 2),
                List.of(ConvertRule.DECIMAL_TO_REAL));
        assertThat(mariaToReal.misfit(new BigDecimal("2.675")).reason()).as("not its reason").isEqualTo(Reason.SCALE);
        // an unconstrained numeric keeps every digit
        assertThat(reason(POSTGRES, PortableType.DECIMAL, column("numeric", PortableType.DECIMAL, 0, 0), new BigDecimal("2.675"))).isNull();
    }

    @Test
    void aDoubleKeepsFifteenDigitsAndMariaDbNoInfinity() {
        Column real = column("double precision", PortableType.DOUBLE, 17, 0);
        assertThat(reason(POSTGRES, PortableType.DECIMAL, real, new BigDecimal("9007199254740993"))).isEqualTo(Reason.PRECISION);
        assertThat(reason(POSTGRES, PortableType.DECIMAL, real, new BigDecimal("0.1"))).isNull();
        assertThat(reason(POSTGRES, PortableType.DOUBLE, real, Double.NEGATIVE_INFINITY)).isNull();
        assertThat(reason(MARIADB, PortableType.DOUBLE, column("double", PortableType.DOUBLE, 22, 0), Double.NaN)).isEqualTo(Reason.NOT_FINITE);
    }

    @Test
    void textAndBinaryStayWhatTheyAre() {
        Column bytea = column("bytea", PortableType.BINARY, 0, 0);
        Column text = column("text", PortableType.TEXT, 0, 0);
        assertThat(reason(POSTGRES, PortableType.TEXT, bytea, "hello")).isEqualTo(Reason.TEXT_INTO_BINARY);
        assertThat(reason(POSTGRES, PortableType.TEXT, text, new CarriedValue(Kind.BLOB, new byte[]{1, 2}))).isEqualTo(Reason.BINARY_INTO_TEXT);
        assertThat(TargetFit.of(POSTGRES, PortableType.TEXT, bytea).prepare(new CarriedValue(Kind.BLOB, new byte[]{1, 2})))
                .isEqualTo(new byte[]{1, 2});
        assertThat(reason(POSTGRES, PortableType.TEXT, text, new CarriedValue(Kind.TEXT_BYTES, new byte[]{(byte) 0xde, (byte) 0xad})))
                .isEqualTo(Reason.INVALID_UTF8);
        assertThat(reason(POSTGRES, PortableType.TEXT, text, new CarriedValue(Kind.INTEGER, 5L))).isEqualTo(Reason.KIND);
    }

    @Test
    void jsonMustParseWhereTheTargetChecksIt() {
        Column json = column("jsonb", PortableType.JSON, 0, 0);
        assertThat(reason(POSTGRES, PortableType.JSON, json, "{\"a\": [1, 2]}")).isNull();
        assertThat(reason(POSTGRES, PortableType.JSON, json, "{not json")).isEqualTo(Reason.NOT_JSON);
        assertThat(reason(POSTGRES, PortableType.TEXT, json, "1 2")).isEqualTo(Reason.NOT_JSON);
        assertThat(reason(SQLITE, PortableType.JSON, column("JSON", PortableType.JSON, 0, 0), "{not json")).isNull();
    }

    @Test
    void datesAreDatesOrSayWhatTheyAre() {
        Column date = column("date", PortableType.DATE, 0, 0);
        Column timestamp = column("timestamp", PortableType.TIMESTAMP, 0, 6);
        assertThat(TargetFit.of(POSTGRES, PortableType.TEXT, date).prepare("2021-01-01")).isEqualTo(LocalDate.of(2021, 1, 1));
        assertThat(reason(POSTGRES, PortableType.TEXT, date, "0000-00-00")).isEqualTo(Reason.ZERO_DATE);
        assertThat(reason(POSTGRES, PortableType.TEXT, date, "soon")).isEqualTo(Reason.NOT_A_DATE);
        assertThat(reason(POSTGRES, PortableType.DATE, date, new CarriedValue(Kind.TEXT, "0000-00-00"))).isEqualTo(Reason.ZERO_DATE);
        assertThat(reason(POSTGRES, PortableType.TIMESTAMP, timestamp, new CarriedValue(Kind.INTEGER, 1_700_000_000L)))
                .isEqualTo(Reason.NUMBER_IN_DATE);
        assertThat(reason(POSTGRES, PortableType.TEXT, timestamp, "2021-03-28T02:30:00+05:30")).isEqualTo(Reason.OFFSET_DROPPED);
        assertThat(reason(MARIADB, PortableType.TIMESTAMP, column("datetime", PortableType.TIMESTAMP, 19, 0),
                LocalDateTime.of(2021, 1, 1, 0, 0, 0, 500_000_000))).isEqualTo(Reason.FRACTION);
    }

    @Test
    void numbersAreNumbers() {
        Column integer = column("integer", PortableType.INTEGER, 10, 0);
        assertThat(TargetFit.of(POSTGRES, PortableType.TEXT, integer).prepare("12")).isEqualTo(12L);
        assertThat(reason(POSTGRES, PortableType.TEXT, integer, "abc")).isEqualTo(Reason.TEXT_IN_NUMBER);
        assertThat(reason(POSTGRES, PortableType.INTEGER, integer, new CarriedValue(Kind.TEXT, "abc"))).isEqualTo(Reason.TEXT_IN_NUMBER);
        assertThat(reason(POSTGRES, PortableType.INTEGER, integer, new CarriedValue(Kind.REAL, 2.5))).isEqualTo(Reason.SCALE);
        assertThat(reason(POSTGRES, PortableType.DECIMAL, column("numeric", PortableType.DECIMAL, 10, 2),
                new CarriedValue(Kind.REAL, Double.POSITIVE_INFINITY))).isEqualTo(Reason.NOT_FINITE);
    }

    @Test
    void rulesChangeOnlyTheReasonsTheyName() {
        Column text = column("text", PortableType.TEXT, 0, 0);
        TargetFit hex = TargetFit.of(POSTGRES, PortableType.TEXT, text, List.of(ConvertRule.BYTES_TO_HEX));
        assertThat(hex.prepare(new CarriedValue(Kind.BLOB, new byte[]{1, 2}))).isEqualTo("0102");
        assertThat(hex.prepare(new CarriedValue(Kind.TEXT_BYTES, new byte[]{(byte) 0xde, (byte) 0xad}))).isEqualTo("dead");
        assertThat(hex.misfit(new CarriedValue(Kind.INTEGER, 5L)).reason()).isEqualTo(Reason.KIND);

        Column timestamp = column("timestamp", PortableType.TIMESTAMP, 0, 6);
        TargetFit epoch = TargetFit.of(POSTGRES, PortableType.TIMESTAMP, timestamp, List.of(ConvertRule.EPOCH_TO_TIMESTAMP));
        assertThat(epoch.prepare(new CarriedValue(Kind.INTEGER, 1_700_000_000L))).isEqualTo(LocalDateTime.of(2023, 11, 14, 22, 13, 20));
        assertThat(epoch.misfit(new CarriedValue(Kind.TEXT, "soon")).reason()).isEqualTo(Reason.NOT_A_DATE);
        TargetFit epochDate = TargetFit.of(POSTGRES, PortableType.DATE, column("date", PortableType.DATE, 0, 0),
                List.of(ConvertRule.EPOCH_TO_TIMESTAMP));
        assertThat(epochDate.misfit(new CarriedValue(Kind.INTEGER, 1_700_000_000L)).reason())
                .as("not midnight: a DATE cannot hold it exactly").isEqualTo(Reason.NUMBER_IN_DATE);

        Column money = column("numeric", PortableType.DECIMAL, 10, 2);
        TargetFit infinity = TargetFit.of(POSTGRES, PortableType.DECIMAL, money, List.of(ConvertRule.INFINITY_TO_NULL));
        assertThat(infinity.prepare(new CarriedValue(Kind.REAL, Double.NEGATIVE_INFINITY))).isNull();
        CarriedValue nan = new CarriedValue(Kind.REAL, Double.NaN);
        assertThat(infinity.change(nan)).as("PostgreSQL numeric(10,2) holds NaN: nothing to change").isNull();
        assertThat(infinity.prepare(nan)).isEqualTo(nan);
        TargetFit unconstrained = TargetFit.of(POSTGRES, PortableType.DECIMAL, column("numeric", PortableType.DECIMAL, 0, 0));
        assertThat(unconstrained.prepare(new CarriedValue(Kind.REAL, Double.POSITIVE_INFINITY)))
                .as("an unconstrained numeric holds ±Infinity").isEqualTo(new CarriedValue(Kind.REAL, Double.POSITIVE_INFINITY));
        TargetFit mariaMoney = TargetFit.of(MARIADB, PortableType.DECIMAL, money, List.of(ConvertRule.INFINITY_TO_NULL));
        assertThat(mariaMoney.change(nan).rule()).isEqualTo(ConvertRule.INFINITY_TO_NULL);
        TargetFit pgDate = TargetFit.of(POSTGRES, PortableType.DATE, column("date", PortableType.DATE, 0, 0));
        assertThat(pgDate.prepare(new CarriedValue(Kind.TEXT, "-infinity"))).isEqualTo(new CarriedValue(Kind.TEXT, "-infinity"));
        TargetFit mariaDate = TargetFit.of(MARIADB, PortableType.DATE, column("date", PortableType.DATE, 0, 0));
        assertThat(mariaDate.misfit(new CarriedValue(Kind.TEXT, "infinity")).reason()).isEqualTo(Reason.NOT_FINITE);
        assertThat(infinity.misfit(new BigDecimal("2.675")).reason()).as("not its reason").isEqualTo(Reason.SCALE);
        assertThat(infinity.change(new BigDecimal("2.67"))).isNull();
    }

    @Test
    void aStrictSqliteTableHoldsOnlyItsDeclaredKinds(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("s.sqlite3"));
             java.sql.Statement st = c.createStatement()) {
            st.execute("create table s (id integer primary key, n integer, a any) strict");
            st.execute("create table loose (id integer primary key, n integer)");
            assertThat(SQLITE.strictTables(c)).containsExactly("s");
        }
        Column n = column("INTEGER", PortableType.INTEGER, 0, 0);
        Column any = column("ANY", PortableType.TEXT, 0, 0);
        CarriedValue text = new CarriedValue(Kind.TEXT, "abc");
        assertThat(TargetFit.of(SQLITE, PortableType.INTEGER, n, List.of(), true).misfit(text).reason()).isEqualTo(Reason.TEXT_IN_NUMBER);
        assertThat(TargetFit.of(SQLITE, PortableType.INTEGER, n, List.of(), false).prepare(text)).isSameAs(text);
        assertThat(TargetFit.of(SQLITE, PortableType.TEXT, any, List.of(), true).prepare(text)).isSameAs(text);
        assertThat(TargetFit.of(SQLITE, PortableType.TEXT, column("TEXT", PortableType.TEXT, 0, 0), List.of(), true)
                .misfit(new CarriedValue(Kind.INTEGER, 5L)).reason()).isEqualTo(Reason.KIND);
    }

    @Test
    void sqliteHoldsAnyKindAsItIs() {
        CarriedValue blob = new CarriedValue(Kind.BLOB, new byte[]{1, 2});
        assertThat(TargetFit.of(SQLITE, PortableType.TEXT, column("TEXT", PortableType.TEXT, 0, 0)).prepare(blob)).isSameAs(blob);
    }
}
