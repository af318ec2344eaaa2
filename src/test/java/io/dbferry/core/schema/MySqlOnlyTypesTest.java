package io.dbferry.core.schema;

import io.dbferry.core.DbferryException;
import io.dbferry.core.transfer.ExportOptions;
import io.dbferry.core.transfer.ImportJournal;
import io.dbferry.core.transfer.ImportOptions;
import io.dbferry.core.transfer.ImportResult;
import io.dbferry.core.transfer.TableState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.dbferry.testing.TestDatabases.*;
import static io.dbferry.core.schema.SchemaSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The check: a real MariaDB database with a trigger, an FK cycle, BLOBs and MySQL-only types,
 * moved with copy-schema + export + import into PostgreSQL and SQLite; verify passes and the values,
 * timestamps included, read back unchanged with plain JDBC.
 *
 * <p>The source's trigger is not copied: copy-schema creates tables, keys, indexes and foreign keys only;
 * trigger bodies are engine-specific code, to be recreated by hand (or by migrations) after the load.
 */
class MySqlOnlyTypesTest {

    @TempDir
    Path dir;

    private static final String BIG = "18446744073709551615"; // 2^64 - 1

    private static String source() throws Exception {
        String maria = freshMaria("schema_mysql_types");
        execute(maria,
                "set time_zone = '+00:00'",
                "create table owner (id int auto_increment primary key, name varchar(50) not null, best_pet_id int null)",
                "create table pet (id int auto_increment primary key, name varchar(50) not null, owner_id int null, "
                        + "photo longblob, constraint pet_owner foreign key (owner_id) references owner(id))",
                "alter table owner add constraint owner_best_pet foreign key (best_pet_id) references pet(id)",
                "create trigger pet_upper before insert on pet for each row set new.name = upper(new.name)",
                "create table kinds (id bigint unsigned primary key, e enum('small','large','größer'), s set('x','y','z'), "
                        + "y year, flag tinyint(1), b1 bit(1), mi mediumint unsigned, su smallint unsigned, big bigint unsigned, "
                        + "d decimal(30,10), dt datetime(6), ts timestamp(6) null default null, j json, g geometry, "
                        + "tb tinyblob, vb varbinary(16), txt text)",
                "insert into owner (id, name, best_pet_id) values (1, 'Zoë 🐈', null), (2, 'Bob', null)",
                "insert into pet (id, name, owner_id, photo) values (10, 'Tom', 1, x'89504e470d0a1a0a00ff'), (11, 'Jerry', 2, null)",
                "update owner set best_pet_id = 10 where id = 1",
                "insert into kinds values (" + BIG + ", 'größer', 'x,z', 2155, 1, b'1', 16777215, 65535, " + BIG + ", "
                        + "'12345678901234567890.0123456789', '2024-02-29 23:59:59.123456', '2038-01-19 03:14:07.999999', "
                        + "'{\"a\": [1, 2.5, \"ü\"]}', ST_GeomFromText('POINT(1.5 -2)'), x'00ff', x'0102', 'tab\\there')",
                "insert into kinds values (0, 'small', '', 1901, 0, b'0', 0, 0, 0, '-0.0000000001', '1000-01-01 00:00:00', "
                        + "'1970-01-01 00:00:01', 'null', null, x'', x'', '')",
                "insert into kinds (id) values (9223372036854775808)");
        return maria;
    }

    /** Every column of every row as text, per row sorted by the first column. */
    private static List<String> rows(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.add(rs.getString(i));
                }
                out.add(String.join("|", row));
            }
        }
        return out;
    }

    @Test
    void mariaDbWithMySqlOnlyTypesIntoPostgresAndSqlite() throws Exception {
        String maria = source();
        List<String> expected;
        List<String> expectedPets;
        try (Connection c = jdbc(maria); Statement s = c.createStatement()) {
            s.execute("set time_zone = '+00:00'");
            expected = rows(c, "select cast(id as char), e, s, cast(y as char), flag, cast(b1 + 0 as char), mi, su, cast(big as char), "
                    + "cast(d as char), date_format(dt, '%Y-%m-%d %H:%i:%s.%f'), date_format(ts, '%Y-%m-%d %H:%i:%s.%f'), "
                    + "hex(tb), hex(vb), txt from kinds order by id");
            expectedPets = rows(c, "select id, name, owner_id, hex(photo) from pet order by id");
        }
        assertThat(expected).hasSize(3);
        assertThat(expectedPets).containsExactly("10|TOM|1|89504E470D0A1A0A00FF", "11|JERRY|2|null");

        Path file = dir.resolve("mysql-types.json.gz");
        export(maria, ExportOptions.all(file));
        String pg = freshPostgres("schema_mysql_types");
        String sqlite = sqliteUrl(dir.resolve("mysql-types.sqlite"));
        for (String to : List.of(pg, sqlite)) {
            CopySchemaResult copied = copySchema(maria, to);
            assertThat(copied.created()).containsExactlyInAnyOrder("owner", "pet", "kinds");
            // the source's trigger did not travel
            MigrationPlan plan = plan(maria, to);
            assertThat(plan.wouldFail()).as("%s", plan.problems()).isFalse();
            assertThat(plan.tables()).allSatisfy(t -> assertThat(t.triggers()).isEmpty());
        }
        assertAllDone(importFile(pg, ImportOptions.all(file)));
        assertAllEqual("maria -> pg", verify(maria, pg, List.of()), 3);

        // SQLite's NUMERIC keeps no 30-digit decimal: listed before anything is written, rounded only by choice
        assertThatThrownBy(() -> importFile(sqlite, ImportOptions.all(file).withCheckFirst(true))).isInstanceOf(DbferryException.class)
                .satisfies(e -> assertThat(((DbferryException) e).paragraph()).contains("kinds.d", "decimal-to-real"));
        // SQLite holds 64-bit signed integers: the keys past 2^63 are refused with table, key and column
        ImportResult intoSqlite = importFile(sqlite, ImportOptions.all(file).withConvert(List.of("kinds.d=decimal-to-real")));
        for (ImportJournal.Entry e : intoSqlite.tables()) {
            if (e.table().equals("kinds")) {
                assertThat(e.state()).isEqualTo(TableState.FAILED);
                assertThat(e.column()).isEqualTo("id");
                assertThat(e.reason()).contains("9223372036854775808").contains("64-bit");
            } else {
                assertThat(e.state()).as(e.reason()).isEqualTo(TableState.DONE);
            }
        }
        assertThat(count(sqlite, "kinds")).isZero();
        assertAllEqual("maria -> sqlite", verify(maria, sqlite, List.of("owner", "pet")), 2);
        // the row that fits travels whole
        Path small = dir.resolve("kinds-0.json");
        export(maria, new ExportOptions(small, List.of("kinds"), List.of(), Map.of("kinds", "id = 0"), false, false));
        assertAllDone(importFile(sqlite, ImportOptions.all(small)));
        assertAllEqual("kinds row 0", verifyFile(small, sqlite), 1);

        // PostgreSQL: the values read back with plain JDBC
        try (Connection c = jdbc(pg)) {
            assertThat(rows(c, "select id::text, e, s, y, flag::int, b1::int, "
                    + "mi, su, big::text, d::text, to_char(dt, 'YYYY-MM-DD HH24:MI:SS.US'), "
                    + "to_char(ts at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), upper(encode(tb, 'hex')), "
                    + "upper(encode(vb, 'hex')), txt from kinds order by kinds.id")).isEqualTo(expected);
            assertThat(rows(c, "select id, name, owner_id, upper(encode(photo, 'hex')) from pet order by id")).isEqualTo(expectedPets);
            assertThat(rows(c, "select best_pet_id from owner order by id")).containsExactly("10", "null");
            assertThat(rows(c, "select j::text from kinds where id = 0")).containsExactly("null");
        }
        // SQLite: the same values, as SQLite stores them
        try (Connection c = jdbc(sqlite)) {
            List<String> back = rows(c, "select cast(id as text), e, s, y, flag, b1, mi, su, cast(big as text), d, dt, ts, "
                    + "hex(tb), hex(vb), txt from kinds order by cast(id as real)");
            assertThat(back).hasSize(1);
            String[] got = back.get(0).split("\\|", -1);
            String[] want = expected.get(0).split("\\|", -1);
            for (int i = 0; i < want.length; i++) {
                switch (i) {
                    // NUMERIC affinity stores -0.0000000001 as the REAL -1.0e-10: the same number
                    case 9 -> assertThat(new java.math.BigDecimal(got[i])).isEqualByComparingTo(want[i]);
                    // DATETIME as 'YYYY-MM-DD HH:MM:SS'; TIMESTAMP (an instant) the same with its offset (Z)
                    case 10 -> assertThat(java.time.LocalDateTime.parse(got[i].replace(' ', 'T')))
                            .isEqualTo(java.time.LocalDateTime.parse(want[i].replace(' ', 'T')));
                    case 11 -> assertThat(java.time.Instant.parse(got[i].replace(' ', 'T')))
                            .isEqualTo(java.time.LocalDateTime.parse(want[i].replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC));
                    default -> assertThat(got[i]).as("column %d", i + 1).isEqualTo(want[i]);
                }
            }
            assertThat(rows(c, "select id, name, owner_id, hex(photo) from pet order by id"))
                    .containsExactly("10|TOM|1|89504E470D0A1A0A00FF", "11|JERRY|2|");
            assertThat(rows(c, "select best_pet_id from owner order by id")).containsExactly("10", "null");
        }

        // a trigger on the target: plan lists it, import refuses, --allow-triggers loads
        String pg2 = freshPostgres("schema_mysql_types_trg");
        copySchema(maria, pg2);
        execute(pg2, "create function pet_touch() returns trigger language plpgsql as $$ begin return new; end $$",
                "create trigger pet_touch before insert on pet for each row execute function pet_touch()");
        // an ordinary trigger does not fire during the load (PostgreSQL loads in replica mode): not a problem
        assertThat(plan(maria, pg2).wouldFail()).isFalse();
        execute(pg2, "alter table pet enable always trigger pet_touch");
        MigrationPlan withTrigger = plan(maria, pg2);
        assertThat(withTrigger.tables()).filteredOn(t -> t.table().equals("pet")).singleElement()
                .satisfies(t -> assertThat(t.triggers()).containsExactly("pet_touch"));
        assertThat(withTrigger.problems()).anySatisfy(p -> assertThat(p).startsWith("pet: insert triggers [pet_touch]"));
        assertThatThrownBy(() -> importFile(pg2, ImportOptions.all(file)))
                .isInstanceOf(DbferryException.class).hasMessageContaining("pet").hasMessageContaining("pet_touch");
        assertThat(count(pg2, "owner")).as("nothing written").isZero();
        ImportOptions allow = new ImportOptions(file, List.of(), false, false, ImportOptions.DEFAULT_BATCH_SIZE, false, true, false, 1);
        assertAllDone(importFile(pg2, allow));
        assertAllEqual("maria -> pg with a trigger", verify(maria, pg2, List.of()), 3);
        {
        }
    }
}
