package io.dbferry.core.schema;

import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.ExportOptions;
import io.dbferry.core.transfer.ImportOptions;
import io.dbferry.core.transfer.ImportResult;
import io.dbferry.core.transfer.TableState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * copy-schema's views and triggers between the engines: a MariaDB view with CONCAT (and a view on it) created on
 * PostgreSQL and SQLite after the rewrites and answering the same rows, its BEFORE INSERT trigger created on
 * MariaDB and listed elsewhere; a PostgreSQL trigger function (dvdrental's last_updated) carried to PostgreSQL; a
 * SQLite trigger and view; what is not carried listed with its definition in the objects file.
 */
class ViewsAndTriggersTest {

    private static final String FULL_NAMES = "select full_name from actor_info order by actor_id";
    private static final String FIRST_TWO = "select full_name from first_actors order by full_name";

    @TempDir
    Path dir;

    private CopySchemaResult copy(String from, String to, boolean dryRun, Path file) {
        try (DatabaseConnection source = source(from); DatabaseConnection target = target(to)) {
            return new SchemaCopier(source, target, Map.of()).copy(List.of(), dryRun, file);
        }
    }

    private static ObjectOutcome outcome(CopySchemaResult result, String name) {
        return result.objects().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }

    private Path dumpOf(String url, String name) {
        Path dump = dir.resolve(name + ".json");
        export(url, ExportOptions.all(dump));
        return dump;
    }

    private static void assertDone(ImportResult result) {
        assertThat(result.tables()).allSatisfy(e -> assertThat(e.state()).as(e.table() + ": " + e.reason()).isEqualTo(TableState.DONE));
    }

    private String mariaSakilaLike() throws Exception {
        String maria = freshMaria("dbferry_triggers_views_src");
        execute(maria, "create table actor (actor_id int auto_increment primary key, first_name varchar(45) not null, "
                        + "last_name varchar(45))",
                "insert into actor (first_name, last_name) values ('PENELOPE', 'GUINESS'), ('NICK', 'WAHLBERG'), ('ED', null)",
                "create table payment (payment_id int auto_increment primary key, amount decimal(5,2) not null, "
                        + "payment_date datetime not null)",
                "insert into payment values (1, 2.99, '2005-05-24 22:53:30')",
                "create trigger payment_date before insert on payment for each row set new.payment_date = now()",
                "create view actor_info as select actor_id, concat(first_name, _utf8mb4' ', last_name) as full_name from actor",
                "create view first_actors as select full_name from actor_info where actor_id < 3 limit 0, 5");
        return maria;
    }

    @Test
    void mariaDbViewsAreRewrittenForPostgresAndSqliteAndAnswerTheSameRows() throws Exception {
        String maria = mariaSakilaLike();
        List<String> names = strings(maria, FULL_NAMES);
        assertThat(names).containsExactly("PENELOPE GUINESS", "NICK WAHLBERG", null);
        Path dump = dumpOf(maria, "maria");

        for (String to : List.of(freshPostgres("dbferry_triggers_views_pg"), sqliteUrl(dir.resolve("views.sqlite")))) {
            Path file = dir.resolve("objects-" + (to.startsWith("sqlite:") ? "sqlite" : "pg") + ".sql");
            CopySchemaResult dry = copy(maria, to, true, file);
            assertThat(outcome(dry, "actor_info").outcome()).isEqualTo(ObjectOutcome.WOULD_BE_CREATED);
            assertThat(outcome(dry, "actor_info").rewrites()).contains("CONCAT(a, b) -> (a || b)");

            CopySchemaResult result = copy(maria, to, false, file);
            assertThat(outcome(result, "actor_info").outcome()).as(to).isEqualTo(ObjectOutcome.CREATED);
            assertThat(outcome(result, "first_actors").outcome()).as("a view on a view, %s", outcome(result, "first_actors"))
                    .isEqualTo(ObjectOutcome.CREATED);
            ObjectOutcome trigger = outcome(result, "payment_date");
            assertThat(trigger.outcome()).isEqualTo(ObjectOutcome.NOT_CARRIED);
            assertThat(trigger.table()).isEqualTo("payment");
            assertThat(result.objectsFile()).isEqualTo(file.toString());
            assertThat(Files.readString(file)).contains("-- trigger payment_date (BEFORE INSERT on payment): not carried")
                    .contains("set new.payment_date = now()").contains("CREATE VIEW actor_info AS");

            assertDone(importFile(to, ImportOptions.all(dump)));
            assertThat(strings(to, FULL_NAMES)).as("the view answers as on the source, NULL for a NULL part").isEqualTo(names);
            assertThat(strings(to, FIRST_TWO)).isEqualTo(strings(maria, FIRST_TWO));
        }
    }

    @Test
    void mariaDbToMariaDbCreatesTheTriggerAndTheImportHoldsItOff() throws Exception {
        String maria = mariaSakilaLike();
        String copyOf = freshMaria("dbferry_triggers_views_dst");
        CopySchemaResult result = copy(maria, copyOf, false, dir.resolve("objects.sql"));
        assertThat(outcome(result, "payment_date").outcome()).isEqualTo(ObjectOutcome.CREATED);
        assertThat(outcome(result, "actor_info").rewrites()).isEmpty();
        assertThat(strings(copyOf, "select action_statement from information_schema.triggers where trigger_schema = database()"))
                .singleElement().asString().containsIgnoringCase("now()");

        ImportResult loaded = importFile(copyOf, ImportOptions.all(dumpOf(maria, "maria2")).withDisableTriggers(true));
        assertDone(loaded);
        assertThat(loaded.triggersHeld()).containsEntry("payment", List.of("payment_date"));
        assertThat(strings(copyOf, "select payment_date from payment")).containsExactly("2005-05-24 22:53:30");
        assertThat(strings(copyOf, FULL_NAMES)).isEqualTo(strings(maria, FULL_NAMES));
    }

    @Test
    void postgresTriggerFunctionIsCarriedToPostgresAndListedForMariaDb() throws Exception {
        String pg = freshPostgres("dbferry_triggers_views_pgsrc");
        execute(pg, "create table film (film_id serial primary key, title varchar(255) not null, last_update timestamp not null default now())",
                "insert into film (title, last_update) values ('ACADEMY DINOSAUR', '2006-02-15 05:03:42')",
                "create function last_updated() returns trigger language plpgsql as $$ begin new.last_update = current_timestamp; "
                        + "return new; end $$",
                "create trigger last_updated before update on film for each row execute function last_updated()",
                "create view film_titles as select film_id, upper(title) as title from film");

        String pgCopy = freshPostgres("dbferry_triggers_views_pgdst");
        CopySchemaResult same = copy(pg, pgCopy, false, dir.resolve("pg.sql"));
        assertThat(outcome(same, "last_updated").outcome()).isEqualTo(ObjectOutcome.CREATED);
        assertThat(outcome(same, "film_titles").outcome()).isEqualTo(ObjectOutcome.CREATED);
        execute(pgCopy, "insert into film (title, last_update) values ('X', '2000-01-01')", "update film set title = 'Y'");
        assertThat(strings(pgCopy, "select extract(year from last_update)::int::text from film"))
                .as("the trigger fires on the copy").doesNotContain("2000");

        String maria = freshMaria("dbferry_triggers_views_pg2m");
        Path file = dir.resolve("maria.sql");
        CopySchemaResult across = copy(pg, maria, false, file);
        assertThat(outcome(across, "last_updated").outcome()).isEqualTo(ObjectOutcome.NOT_CARRIED);
        assertThat(outcome(across, "film_titles").outcome()).isEqualTo(ObjectOutcome.NOT_CARRIED);
        assertThat(outcome(across, "film_titles").reason()).contains("::");
        assertThat(Files.readString(file)).contains("CREATE OR REPLACE FUNCTION").contains("CREATE TRIGGER last_updated");
        assertThat(strings(maria, "select table_name from information_schema.views where table_schema = database()")).isEmpty();

        // plan shows the same without creating anything
        try (DatabaseConnection source = source(pg); DatabaseConnection target = target(freshMaria("dbferry_triggers_views_plan"))) {
            MigrationPlan plan = new MigrationPlanner(target).fromSource(source);
            assertThat(plan.objects()).extracting(ObjectOutcome::name).containsExactlyInAnyOrder("film_titles", "last_updated");
        }
    }

    @Test
    void sqliteTriggerAndViewGoToSqliteAndTheViewToPostgres() throws Exception {
        Path sourceFile = dir.resolve("src.sqlite");
        String trigger = "CREATE TRIGGER note_touch AFTER UPDATE ON note BEGIN UPDATE note SET changed = 1 WHERE id = new.id; END";
        try (Connection c = jdbc(sqliteUrl(sourceFile)); Statement s = c.createStatement()) {
            s.execute("create table note (id INTEGER PRIMARY KEY, body TEXT, changed INTEGER NOT NULL DEFAULT 0)");
            s.execute("insert into note (id, body) values (1, 'a'), (2, null)");
            s.execute(trigger);
            s.execute("create view note_text as select id, ifnull(body, '-') as body from note");
        }
        String sqlite = sqliteUrl(sourceFile);
        String sqliteCopy = sqliteUrl(dir.resolve("copy.sqlite"));
        CopySchemaResult same = copy(sqlite, sqliteCopy, false, dir.resolve("s.sql"));
        assertThat(outcome(same, "note_touch").outcome()).isEqualTo(ObjectOutcome.CREATED);
        assertThat(strings(sqliteCopy, "select sql from sqlite_master where type = 'trigger'")).containsExactly(trigger);

        String pg = freshPostgres("dbferry_triggers_views_s2p");
        CopySchemaResult across = copy(sqlite, pg, false, dir.resolve("p.sql"));
        assertThat(outcome(across, "note_text").outcome()).isEqualTo(ObjectOutcome.CREATED);
        assertThat(outcome(across, "note_text").rewrites()).contains("IFNULL(...) -> COALESCE(...)");
        assertThat(outcome(across, "note_touch").outcome()).isEqualTo(ObjectOutcome.NOT_CARRIED);
        assertDone(importFile(pg, ImportOptions.all(dumpOf(sqlite, "notes"))));
        assertThat(strings(pg, "select body from note_text order by id")).isEqualTo(strings(sqlite, "select body from note_text order by id"))
                .containsExactly("a", "-");
    }
}
