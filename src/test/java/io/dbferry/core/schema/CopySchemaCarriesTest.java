package io.dbferry.core.schema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static io.dbferry.core.schema.SchemaSupport.*;
import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 15: after copy-schema and the records, the application keeps working on the target: its inserts get
 * the source's defaults and the next key, ON UPDATE moves its timestamp, generated columns compute, ENUM
 * values, CHECKs and unique keys are enforced, foreign keys cascade; what is not carried is listed.
 */
class CopySchemaCarriesTest {

    @TempDir
    Path dir;

    /** What Sakila has, written for MariaDB. */
    private static String sakilaLike() throws Exception {
        String maria = freshMaria("dbferry_schema_carry_src");
        execute(maria,
                "create table language (language_id tinyint unsigned not null auto_increment primary key, name char(20) not null,"
                        + " last_update timestamp not null default current_timestamp on update current_timestamp)",
                "create table film (film_id smallint unsigned not null auto_increment primary key, title varchar(128) not null,"
                        + " language_id tinyint unsigned not null, rental_duration tinyint unsigned not null default 3,"
                        + " rental_rate decimal(4,2) not null default 4.99, rating enum('G','PG','PG-13','R','NC-17') default 'G',"
                        + " special_features set('Trailers','Commentaries','Deleted Scenes'), release_year year,"
                        + " active tinyint(1) not null default 1, note varchar(20) not null default 'it''s', length smallint unsigned,"
                        + " double_length int as (`length` * 2) stored,"
                        + " last_update timestamp not null default current_timestamp on update current_timestamp,"
                        + " constraint chk_duration check (rental_duration > 0),"
                        + " constraint fk_film_language foreign key (language_id) references language (language_id)"
                        + " on delete restrict on update cascade)",
                "create table rental (rental_id int auto_increment primary key, rental_date datetime not null,"
                        + " inventory_id mediumint unsigned not null, customer_id smallint unsigned not null, film_id smallint unsigned,"
                        + " unique key rental_date (rental_date, inventory_id, customer_id),"
                        + " constraint fk_rental_film foreign key (film_id) references film (film_id) on delete set null on update cascade)",
                "insert into language (language_id, name) values (1, 'English')",
                "insert into film (film_id, title, language_id, length, special_features) values (1, 'ACADEMY DINOSAUR', 1, 86, 'Trailers,Deleted Scenes')",
                "insert into rental (rental_id, rental_date, inventory_id, customer_id, film_id) values (1, '2005-05-24 22:53:30', 367, 130, 1)");
        return maria;
    }

    @Test
    void mariaDbSchemaIntoPostgresAndSqlite() throws Exception {
        String from = sakilaLike();
        for (String to : List.of(freshPostgres("dbferry_schema_carry_pg"), sqliteUrl(dir.resolve("carry.sqlite")))) {
            transfer(from, to, List.of(), dir.resolve("sakila-" + to.hashCode() + ".json"));
            try (Connection c = jdbc(to); Statement st = c.createStatement()) {
                foreignKeysOn(to, st);
                st.execute("insert into language (name) values ('German')");
                assertThat(one(st, "select language_id from language where name = 'German'")).as("the next key").isEqualTo("2");
                st.execute("insert into film (title, language_id) values ('NEW', 2)");
                assertThat(one(st, "select rental_duration || '/' || rental_rate || '/' || rating || '/' || note from film where title = 'NEW'"))
                        .isEqualTo("3/4.99/G/it's");
                assertThat(one(st, "select film_id from film where title = 'NEW'")).isEqualTo("2");
                assertThat(one(st, "select count(*) from film where title = 'NEW' and last_update is not null and active = " + truth(to)))
                        .isEqualTo("1");
                st.execute("update film set last_update = '2000-01-01 00:00:00' where film_id = 1");
                st.execute("update film set title = 'ACADEMY DINOSAURS', length = 10 where film_id = 1");
                assertThat(one(st, "select count(*) from film where film_id = 1 and last_update > '2001-01-01'")).as("ON UPDATE").isEqualTo("1");
                assertThat(one(st, "select double_length from film where film_id = 1")).as("generated").isEqualTo("20");
                assertThatThrownBy(() -> st.execute("insert into film (title, language_id, rating) values ('BAD', 1, 'XXX')"))
                        .as("outside the ENUM").isInstanceOf(SQLException.class);
                assertThatThrownBy(() -> st.execute("insert into film (title, language_id, rental_duration) values ('BAD', 1, 0)"))
                        .as("the CHECK").isInstanceOf(SQLException.class);
                assertThatThrownBy(() -> st.execute("insert into rental (rental_date, inventory_id, customer_id) select rental_date,"
                        + " inventory_id, customer_id from rental where rental_id = 1")).as("the composite unique index")
                        .isInstanceOf(SQLException.class); // the stored value itself: SQLite's text holds the fraction digits

                st.execute("update language set language_id = 5 where language_id = 1");
                assertThat(one(st, "select language_id from film where film_id = 1")).as("ON UPDATE CASCADE").isEqualTo("5");
                st.execute("delete from film where film_id = 1");
                assertThat(one(st, "select count(*) from rental where rental_id = 1 and film_id is null")).as("ON DELETE SET NULL").isEqualTo("1");
                assertThatThrownBy(() -> st.execute("delete from language where language_id = 2")).as("RESTRICT").isInstanceOf(SQLException.class);
            }
        }
    }

    @Test
    void theDryRunListsWhatIsTranslatedAndWhatIsNot() throws Exception {
        String from = sakilaLike();
        CopySchemaResult dry = copySchema(from, sqliteUrl(dir.resolve("dry.sqlite")), List.of(), Map.of(), true);
        assertThat(dry.notes()).anySatisfy(n -> {
            assertThat(n.place()).isEqualTo("film.rental_rate");
            assertThat(n.outcome()).isEqualTo(SchemaNote.Outcome.CARRIED);
        });
        assertThat(dry.notes()).anySatisfy(n -> {
            assertThat(n.place()).isEqualTo("film.last_update");
            assertThat(n.what()).isEqualTo("on update");
            assertThat(n.to()).isEqualTo("trigger film_last_update_on_update");
        });
        assertThat(dry.notCarried()).as("SQLite has no check for SET values").singleElement()
                .satisfies(n -> assertThat(n.place()).isEqualTo("film.special_features"));
        assertThat(dry.statements()).anyMatch(s -> s.startsWith("CREATE TRIGGER") && s.contains("film_last_update_on_update"));
    }

    @Test
    void postgresSchemaIntoMariaDbAndSqlite() throws Exception {
        String from = freshPostgres("dbferry_schema_carry_pgsrc");
        execute(from,
                "create type mpaa_rating as enum ('G', 'PG', 'R')",
                "create domain year as integer constraint year_check check (value >= 1901 and value <= 2155)",
                "create table category (category_id serial primary key, name text not null, last_update timestamp not null default now())",
                "create table film (film_id integer generated by default as identity primary key, title varchar(100) not null,"
                        + " rating mpaa_rating default 'G', release_year year, category_id int references category (category_id)"
                        + " on delete cascade deferrable initially deferred, rate numeric(4,2) not null default 4.99,"
                        + " active boolean not null default true, created date default current_date)",
                "insert into category (name) values ('Action')",
                "insert into film (title, category_id, release_year) values ('ONE', 1, 2006)");
        for (String to : List.of(freshMaria("dbferry_schema_carry_maria"), sqliteUrl(dir.resolve("pg.sqlite")))) {
            transfer(from, to, List.of(), dir.resolve("pg-" + to.hashCode() + ".json"));
            try (Connection c = jdbc(to); Statement st = c.createStatement()) {
                foreignKeysOn(to, st);
                st.execute("insert into category (name) values ('Drama')");
                assertThat(one(st, "select category_id from category where name = 'Drama'")).isEqualTo("2");
                st.execute("insert into film (title, category_id) values ('TWO', 2)");
                assertThat(one(st, "select rating from film where title = 'TWO'")).isEqualTo("G");
                assertThat(one(st, "select rate from film where title = 'TWO'")).isEqualTo("4.99");
                assertThat(one(st, "select count(*) from film where title = 'TWO' and created is not null and active = " + truth(to)))
                        .isEqualTo("1");
                assertThat(one(st, "select count(*) from category where last_update is not null")).isEqualTo("2");
                assertThat(one(st, "select release_year + 1 from film where title = 'ONE'")).as("the DOMAIN's integer").isEqualTo("2007");
                assertThatThrownBy(() -> st.execute("insert into film (title, rating) values ('BAD', 'XXX')")).isInstanceOf(SQLException.class);
                assertThatThrownBy(() -> st.execute("insert into film (title, release_year) values ('BAD', 1800)"))
                        .as("the DOMAIN's check").isInstanceOf(SQLException.class);
                st.execute("delete from category where category_id = 1");
                assertThat(one(st, "select count(*) from film where title = 'ONE'")).as("ON DELETE CASCADE").isEqualTo("0");
            }
        }
    }

    @Test
    void sqliteSchemaIntoMariaDbAndPostgres() throws Exception {
        String from = sqliteUrl(dir.resolve("source.sqlite"));
        execute(from,
                "create table users (id integer primary key, email text not null collate nocase unique,"
                        + " created text default (strftime('%Y-%m-%d %H:%M:%f','now')), stamp datetime default current_timestamp,"
                        + " price decimal(5,2) not null default 0, kind text default 'basic' check (kind in ('basic', 'pro')))",
                "create table parent (id integer primary key, name text unique)",
                "create table child (id integer primary key, parent_id int references parent (id) on delete cascade)",
                "insert into users (email) values ('Ann@example.com')",
                "insert into parent (name) values ('Ann'), ('ann')",
                "insert into child (parent_id) values (1)");
        String maria = freshMaria("dbferry_schema_carry_fromlite");
        String pg = freshPostgres("dbferry_schema_carry_fromlite");
        CopySchemaResult dryPg = copySchema(from, pg, List.of(), Map.of(), true);
        assertThat(dryPg.notes()).as("NOCASE unique on a case-sensitive target").anySatisfy(n -> {
            assertThat(n.place()).isEqualTo("users.email");
            assertThat(n.outcome()).isEqualTo(SchemaNote.Outcome.NOT_CARRIED);
        });
        for (String to : List.of(maria, pg)) {
            transfer(from, to, List.of(), dir.resolve("lite-" + to.hashCode() + ".json"));
            try (Connection c = jdbc(to); Statement st = c.createStatement()) {
                st.execute("insert into users (email) values ('bob@example.com')");
                assertThat(one(st, "select id from users where email = 'bob@example.com'")).isEqualTo("2");
                assertThat(one(st, "select kind from users where id = 2")).isEqualTo("basic");
                assertThat(one(st, "select count(*) from users where id = 2 and created is not null and stamp is not null and price = 0"))
                        .isEqualTo("1");
                assertThatThrownBy(() -> st.execute("insert into users (email, kind) values ('x@example.com', 'gold')"))
                        .isInstanceOf(SQLException.class);
                assertThatThrownBy(() -> st.execute("insert into parent (name) values ('Ann')")).as("parent(name) unique")
                        .isInstanceOf(SQLException.class);
                st.execute("delete from parent where id = 1");
                assertThat(one(st, "select count(*) from child")).as("ON DELETE CASCADE").isEqualTo("0");
            }
        }
        assertThat(strings(maria, "select column_type from information_schema.columns where table_schema = database()"
                + " and table_name = 'users' and column_name = 'price'")).containsExactly("decimal(5,2)");
        assertThatThrownBy(() -> execute(maria, "insert into users (email) values ('ANN@example.com')"))
                .as("NOCASE compares ignoring case on MariaDB too").isInstanceOf(SQLException.class);
        execute(maria, "insert into parent (name) values ('ANN')"); // compared as bytes, as on SQLite
    }

    @Test
    void aCaseInsensitiveCollationFindsTheValuesThatWouldCollide() throws Exception {
        String from = sqliteUrl(dir.resolve("names.sqlite"));
        execute(from, "create table parent (id integer primary key, name text unique)", "insert into parent (name) values ('Ann'), ('ann')");
        try (var source = source(from); var target = target(freshMaria("dbferry_schema_carry_ci"))) {
            CopySchemaResult dry = new SchemaCopier(source, target, Map.of(), "utf8mb4_general_ci").copy(List.of(), true);
            assertThat(dry.notCarried()).singleElement().satisfies(n -> {
                assertThat(n.place()).isEqualTo("parent.name");
                assertThat(n.from()).startsWith("1 groups");
            });
            assertThat(dry.statements().get(0)).contains("COLLATE utf8mb4_general_ci");
        }
    }

    private static void foreignKeysOn(String url, Statement st) throws SQLException {
        if (url.startsWith("sqlite:")) {
            st.execute("PRAGMA foreign_keys = ON");
        }
    }

    private static String truth(String url) {
        return url.startsWith("postgresql:") ? "true" : "1";
    }

    private static String one(Statement st, String sql) throws SQLException {
        try (var rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }
}
