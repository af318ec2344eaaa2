package io.dbferry.core.transfer;

import io.dbferry.core.DbferryException;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.imports.TriggerHold;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static io.dbferry.core.transfer.TransferSupport.*;
import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * --disable-triggers with --commit-every, for import-records and copy-records, into MariaDB, PostgreSQL and SQLite: each
 * chunk is loaded with the insert triggers held off, the values land as on the source, and afterwards every trigger
 * is there as it was (on MariaDB with its DEFINER and sql_mode). A trigger that cannot be put back names the command
 * that held it.
 */
class TriggerHoldChunksTest {

    private static final String ROWS = "select payment_id || '|' || payment_date from payment order by payment_id";

    @TempDir
    Path dir;

    private String sqliteSource() throws Exception {
        String url = sqliteUrl(dir.resolve("source.sqlite"));
        try (Connection c = jdbc(url); Statement s = c.createStatement()) {
            s.execute("create table payment (payment_id INTEGER PRIMARY KEY, payment_date DATETIME NOT NULL)");
            s.execute("create table payment_log (id INTEGER PRIMARY KEY, note TEXT)");
            s.execute("with recursive n(i) as (select 1 union all select i + 1 from n where i < 10) "
                    + "insert into payment select i, '2005-05-24 22:53:' || printf('%02d', i) from n");
        }
        return url;
    }

    /** The target's payment tables with a BEFORE INSERT trigger rewriting the date and an AFTER INSERT one logging. */
    private String withTriggers(String engine, String name) throws Exception {
        String url = freshTarget(engine, dir, name);
        switch (engine) {
            case "mariadb" -> execute(url,
                    // a definer other than the loading login, which the trigger must keep
                    "create user if not exists 'dbferry_definer'@'localhost' identified by 'not-used-to-log-in'",
                    "grant all on `dbferry\\_trigchunks\\_%`.* to 'dbferry_definer'@'localhost'",
                    "create table payment (payment_id int primary key, payment_date datetime not null)",
                    "create table payment_log (id int auto_increment primary key, note text)",
                    "set sql_mode = 'ANSI_QUOTES,NO_ENGINE_SUBSTITUTION'",
                    "create definer = 'dbferry_definer'@'localhost' trigger payment_date before insert on payment"
                            + " for each row set new.payment_date = now()",
                    "create trigger payment_logged after insert on payment for each row"
                            + " insert into payment_log (note) values (concat('added ', new.payment_id))");
            case "postgres" -> execute(url,
                    "create table payment (payment_id int primary key, payment_date timestamp not null)",
                    "create table payment_log (id serial primary key, note text)",
                    "create function payment_now() returns trigger language plpgsql as $$ begin new.payment_date := now(); return new; end $$",
                    "create function payment_log_it() returns trigger language plpgsql as $$ begin"
                            + " insert into payment_log (note) values ('added ' || new.payment_id); return new; end $$",
                    "create trigger payment_date before insert on payment for each row execute function payment_now()",
                    "create trigger payment_logged after insert on payment for each row execute function payment_log_it()");
            default -> execute(url,
                    "create table payment (payment_id INTEGER PRIMARY KEY, payment_date DATETIME NOT NULL)",
                    "create table payment_log (id INTEGER PRIMARY KEY, note TEXT)",
                    "create trigger payment_date after insert on payment begin"
                            + " update payment set payment_date = datetime('now') where payment_id = new.payment_id; end",
                    "create trigger payment_logged after insert on payment begin"
                            + " insert into payment_log (note) values ('added ' || new.payment_id); end");
        }
        return url;
    }

    /** Each trigger with what it is: definition, or on MariaDB definer and sql_mode, on PostgreSQL enabled state. */
    private static List<String> triggers(String engine, String url) throws Exception {
        return strings(url, switch (engine) {
            case "mariadb" -> "select concat(trigger_name, '|', definer, '|', sql_mode, '|', action_statement)"
                    + " from information_schema.triggers where trigger_schema = database() order by trigger_name";
            case "postgres" -> "select tgname || '|' || tgenabled::text || '|' || pg_get_triggerdef(oid) from pg_trigger"
                    + " where not tgisinternal order by tgname";
            default -> "select name || '|' || sql from sqlite_master where type = 'trigger' order by name";
        });
    }

    @Test
    void chunkedLoadsHoldTheTriggersOffAndPutThemBackOnEveryEngine() throws Exception {
        String source = sqliteSource();
        Path dump = dir.resolve("payments.json");
        export(source, ExportOptions.all(dump));
        List<String> expected = strings(source, ROWS);
        for (String engine : List.of("mariadb", "postgres", "sqlite")) {
            for (String command : List.of("import-records", "copy-records")) {
                String to = withTriggers(engine, "dbferry_trigchunks_" + engine + "_" + command.charAt(0));
                List<String> before = triggers(engine, to);
                assertThat(before).as(engine).hasSize(2);
                ImportResult result = command.equals("import-records")
                        ? importFile(to, ImportOptions.all(dump).withCommitEvery(3).withDisableTriggers(true))
                        : CopyRecordsTest.copy(source, to, CopyOptions.all(dir.resolve(engine + ".copy.journal.json"))
                        .withCommitEvery(3).withDisableTriggers(true));
                assertAllDone(result);
                String label = engine + " " + command;
                // PostgreSQL: a login that may load in replica mode (foreign-key checks off) fires no ordinary trigger at all
                List<String> held = result.triggersHeld().getOrDefault("payment", List.of());
                if (!(engine.equals("postgres") && held.isEmpty())) {
                    assertThat(held).as(label).containsExactlyInAnyOrder("payment_date", "payment_logged");
                }
                assertThat(triggers(engine, to)).as(label + ": every trigger as it was").isEqualTo(before);
                assertAllEqual(label, verifyAgainstSource(source, to, List.of("payment")), 1);
                assertThat(count(to, "payment_log")).as(label + ": the logging trigger did not fire").isZero();
                assertThat(count(to, "payment")).as(label).isEqualTo(expected.size());
                // and they fire again
                execute(to, "insert into payment (payment_id, payment_date) values (99, '1999-01-01 00:00:00')");
                assertThat(count(to, "payment_log")).as(label + ": fires after the load").isEqualTo(1);
            }
        }
    }

    @Test
    void aTriggerThatCannotBePutBackNamesTheCommandThatHeldIt() throws Exception {
        String maria = withTriggers("mariadb", "dbferry_trigchunks_putback");
        ImportJournal journal = ImportJournal.startAt(dir.resolve("copy.journal.json"), "source", "source", "target");
        try (DatabaseConnection db = target(maria)) {
            TriggerHold hold = TriggerHold.on(db, "payment", journal, "copy-records");
            hold.holdOff();
            assertThat(hold.names()).containsExactlyInAnyOrder("payment_date", "payment_logged");
            // someone else creates a trigger of the same name meanwhile: the put-back is refused
            execute(maria, "create trigger payment_date before insert on payment for each row set new.payment_id = new.payment_id");
            assertThatThrownBy(hold::afterEnd).isInstanceOf(DbferryException.class)
                    .satisfies(e -> assertThat(((DbferryException) e).paragraph())
                            .contains("payment", "Run copy-records with --retry-failed").doesNotContain("import-records"));
        }
        assertThat(journal.heldTriggers()).as("the journal still holds them").singleElement()
                .satisfies(h -> assertThat(h.table()).isEqualTo("payment"));
    }
}
