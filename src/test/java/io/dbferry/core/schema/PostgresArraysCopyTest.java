package io.dbferry.core.schema;

import io.dbferry.core.transfer.ExportOptions;
import io.dbferry.core.transfer.ImportOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.dbferry.core.schema.SchemaSupport.*;
import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL arrays and tsvector: the same types PostgreSQL to PostgreSQL with every value exact; into MariaDB and
 * SQLite an array as JSON text and a tsvector as text, each listed as a note.
 */
class PostgresArraysCopyTest {

    @TempDir
    Path dir;

    private static final String VALUES = "select id || '|' || concat_ws('|', coalesce(tags::text, '~'), coalesce(nums::text, '~'),"
            + " coalesce(prices::text, '~'), coalesce(flags::text, '~'), coalesce(grid::text, '~'), coalesce(doc::text, '~'))"
            + " from docs order by id";

    private static String source() throws Exception {
        String pg = freshPostgres("dbferry_arrays_src");
        execute(pg, "create table docs (id int primary key, tags text[] not null default '{}', nums int[], prices numeric(6,2)[],"
                        + " flags boolean[],"
                        + " grid int[][], doc tsvector)",
                "insert into docs values (1, array['a b', 'it''s', 'back\\slash', 'quote\"d', 'NULL', '', null, '{x,y}'],"
                        + " '{1,-2,NULL,2147483647}', '{1.50,0.00,-3.10}', '{t,f,NULL}', '{{1,2},{3,4}}',"
                        + " to_tsvector('simple', 'The quick brown fox, the fox'))",
                "insert into docs values (2, '{}', '{}', null, '{}', null, '')",
                "insert into docs (id) values (3)");
        return pg;
    }

    @Test
    void postgresToPostgresKeepsTheTypesAndEveryValue() throws Exception {
        String from = source();
        String to = freshPostgres("dbferry_arrays_pg");
        CopySchemaResult copied = copySchema(from, to);
        assertThat(copied.notes()).noneSatisfy(n -> assertThat(n.what()).contains("carried as"));
        execute(to, "insert into docs (id) values (100)");
        assertThat(strings(to, "select tags::text from docs where id = 100")).as("the default, as on the source").containsExactly("{}");
        execute(to, "delete from docs");
        assertThat(strings(to, "select string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ' order by attnum)"
                + " from pg_attribute where attrelid = 'docs'::regclass and attnum > 0"))
                .containsExactly("id integer, tags text[], nums integer[], prices numeric[], flags boolean[], grid integer[],"
                        + " doc tsvector");
        Path file = dir.resolve("arrays.json");
        export(from, ExportOptions.all(file));
        assertAllDone(importFile(to, ImportOptions.all(file)));
        assertThat(strings(to, VALUES)).isEqualTo(strings(from, VALUES)).hasSize(3);
        assertAllEqual("pg -> pg", verify(from, to, List.of()), 1);

        // the batched path (no COPY) binds the same literals
        String batched = freshPostgres("dbferry_arrays_pg2");
        copySchema(from, batched);
        assertAllDone(importFile(batched, ImportOptions.all(file).withBulk(false)));
        assertThat(strings(batched, VALUES)).isEqualTo(strings(from, VALUES));
    }

    @Test
    void intoMariaDbAndSqliteAsJsonTextListed() throws Exception {
        String from = source();
        for (String to : List.of(freshMaria("dbferry_arrays_maria"), sqliteUrl(dir.resolve("arrays.sqlite")))) {
            CopySchemaResult copied = copySchema(from, to, List.of(), Map.of(), false);
            assertThat(copied.notes()).filteredOn(n -> n.what().equals("array carried as JSON text"))
                    .extracting(SchemaNote::place).containsExactly("docs.tags", "docs.nums", "docs.prices", "docs.flags", "docs.grid");
            assertThat(copied.notes()).filteredOn(n -> n.what().equals("default")).singleElement()
                    .satisfies(n -> assertThat(n.outcome()).as("the array's own syntax").isEqualTo(SchemaNote.Outcome.NOT_CARRIED));
            assertThat(copied.notes()).filteredOn(n -> n.what().equals("tsvector carried as text"))
                    .extracting(SchemaNote::place).containsExactly("docs.doc");
            Path file = dir.resolve("arrays" + to.hashCode() + ".json");
            export(from, ExportOptions.all(file));
            assertAllDone(importFile(to, ImportOptions.all(file)));
            assertThat(strings(to, "select tags from docs where id = 1"))
                    .containsExactly("[\"a b\",\"it's\",\"back\\\\slash\",\"quote\\\"d\",\"NULL\",\"\",null,\"{x,y}\"]");
            assertThat(strings(to, "select nums from docs where id = 1")).containsExactly("[1,-2,null,2147483647]");
            assertThat(strings(to, "select prices from docs where id = 1")).containsExactly("[1.50,0.00,-3.10]");
            assertThat(strings(to, "select flags from docs where id = 1")).containsExactly("[true,false,null]");
            assertThat(strings(to, "select grid from docs where id = 1")).containsExactly("[[1,2],[3,4]]");
            assertThat(strings(to, "select doc from docs where id = 1")).containsExactly("'brown':3 'fox':4,6 'quick':2 'the':1,5");
            assertThat(strings(to, "select tags from docs where id = 2")).containsExactly("[]");
            assertAllEqual("pg -> " + to, verify(from, to, List.of()), 1);

            // and back into PostgreSQL's own arrays, exactly
            String back = freshPostgres("dbferry_arrays_back");
            execute(back, "create table docs (id int primary key, tags text[], nums int[], prices numeric(6,2)[], flags boolean[],"
                    + " grid int[][], doc tsvector)");
            Path again = dir.resolve("back" + to.hashCode() + ".json");
            export(to, ExportOptions.all(again));
            assertAllDone(importFile(back, ImportOptions.all(again)));
            assertThat(strings(back, VALUES)).isEqualTo(strings(from, VALUES));
        }
    }
}
