package io.dbferry.core.transfer.imports;

import io.dbferry.core.DbferryException;
import io.dbferry.core.transfer.ExportOptions;
import io.dbferry.core.transfer.ImportOptions;
import io.dbferry.core.transfer.ImportResult;
import io.dbferry.core.transfer.TableState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * import-records --disable-triggers on each engine: a trigger that would rewrite a loaded date (Sakila's
 * payment_date = NOW(), dvdrental's last_updated) is held off for the load, the values land as in the file, and
 * the trigger is in place (and fires) afterwards. Without the option the import still refuses, naming it.
 */
class TriggerHoldTest {

    private static final List<String> DATES = List.of("1|2005-05-24 22:53:30", "2|2005-05-25 11:30:37", "3|2006-02-15 22:12:30");

    @TempDir
    Path dir;

    /** A SQLite source with three payments dated 2005/2006, exported; the dump's path. */
    private Path dump() throws Exception {
        Path file = dir.resolve("source.sqlite");
        try (Connection c = jdbc(sqliteUrl(file)); Statement s = c.createStatement()) {
            s.execute("create table payment (payment_id INTEGER PRIMARY KEY, amount DECIMAL(5,2) NOT NULL, payment_date DATETIME NOT NULL)");
            s.execute("insert into payment values (1, 2.99, '2005-05-24 22:53:30'), (2, 0.99, '2005-05-25 11:30:37'), "
                    + "(3, 5.99, '2006-02-15 22:12:30')");
        }
        Path dump = dir.resolve("payments.json");
        export(sqliteUrl(file), ExportOptions.all(dump));
        return dump;
    }

    private static ImportOptions disabling(Path dump) {
        return ImportOptions.all(dump).withDisableTriggers(true);
    }

    private static void assertLoadedAsInFile(ImportResult result, String url) throws Exception {
        assertThat(result.tables()).allSatisfy(e -> assertThat(e.state()).isEqualTo(TableState.DONE));
        assertThat(result.triggersHeld()).containsOnlyKeys("payment");
        assertThat(strings(url, "select " + (url.startsWith("sqlite:") ? "payment_id || '|' || substr(payment_date, 1, 19)"
                : url.startsWith("mysql:") ? "concat(payment_id, '|', payment_date)"
                : "payment_id || '|' || to_char(payment_date, 'YYYY-MM-DD HH24:MI:SS')") + " from payment order by payment_id"))
                .as("values exactly as in the file, not rewritten by the trigger").isEqualTo(DATES);
    }

    @Test
    void mariaDbTriggerIsDroppedForTheLoadAndCreatedAgain() throws Exception {
        Path dump = dump();
        String maria = freshMaria("dbferry_triggers_hold_m");
        execute(maria, "create table payment (payment_id int primary key, amount decimal(5,2) not null, payment_date datetime not null)",
                "create trigger payment_date before insert on payment for each row set new.payment_date = now()",
                "create table payment_log (payment_id int)",
                "create trigger payment_logged after insert on payment for each row insert into payment_log values (new.payment_id)");

        assertThatThrownBy(() -> importFile(maria, ImportOptions.all(dump))).isInstanceOf(DbferryException.class)
                .hasMessageContaining("payment_date")
                .satisfies(e -> assertThat(((DbferryException) e).paragraph()).contains("--disable-triggers"));

        ImportResult result = importFile(maria, disabling(dump));
        assertLoadedAsInFile(result, maria);
        assertThat(result.triggersHeld().get("payment")).containsExactlyInAnyOrder("payment_date", "payment_logged");
        assertThat(count(maria, "payment_log")).as("the AFTER trigger did not fire either").isZero();
        assertThat(strings(maria, "select trigger_name from information_schema.triggers where trigger_schema = database() "
                + "order by action_timing desc, trigger_name")).containsExactly("payment_date", "payment_logged");
        assertThat(io.dbferry.core.transfer.ImportJournal.read(dump).orElseThrow().heldTriggers()).isEmpty();
        // and they fire again
        execute(maria, "insert into payment values (4, 1.00, '1999-01-01 00:00:00')");
        assertThat(strings(maria, "select year(payment_date) from payment where payment_id = 4")).doesNotContain("1999");
        assertThat(count(maria, "payment_log")).isEqualTo(1);
    }

    @Test
    void postgresTriggerIsDisabledInTheTransactionAndEnabledAsItWas() throws Exception {
        Path dump = dump();
        String pg = freshPostgres("dbferry_triggers_hold_p");
        execute(pg, "create table payment (payment_id int primary key, amount numeric(5,2) not null, payment_date timestamp not null)",
                "create function last_updated() returns trigger language plpgsql as $$ begin new.payment_date = now(); return new; end $$",
                // ALWAYS: an ordinary trigger would not fire anyway, the load runs in replica mode
                "create trigger last_updated before insert on payment for each row execute function last_updated()",
                "alter table payment enable always trigger last_updated");

        assertThatThrownBy(() -> importFile(pg, ImportOptions.all(dump))).isInstanceOf(DbferryException.class)
                .hasMessageContaining("last_updated")
                .satisfies(e -> assertThat(((DbferryException) e).paragraph()).contains("--disable-triggers"));

        ImportResult result = importFile(pg, disabling(dump));
        assertLoadedAsInFile(result, pg);
        assertThat(result.triggersHeld()).isEqualTo(Map.of("payment", List.of("last_updated")));
        assertThat(strings(pg, "select tgenabled::text from pg_trigger where tgname = 'last_updated'"))
                .as("enabled ALWAYS again, as it was").containsExactly("A");
    }

    @Test
    void postgresRollbackLeavesTheTriggerInPlace() throws Exception {
        Path dump = dump();
        String pg = freshPostgres("dbferry_triggers_hold_p2");
        execute(pg, "create table payment (payment_id int primary key, amount numeric(5,2) not null check (amount < 3), "
                        + "payment_date timestamp not null)",
                "create function last_updated() returns trigger language plpgsql as $$ begin new.payment_date = now(); return new; end $$",
                "create trigger last_updated before insert on payment for each row execute function last_updated()",
                "alter table payment enable always trigger last_updated");
        ImportResult result = importFile(pg, disabling(dump));
        assertThat(result.tables()).singleElement().satisfies(e -> assertThat(e.state()).isEqualTo(TableState.FAILED));
        assertThat(strings(pg, "select tgenabled::text from pg_trigger where tgname = 'last_updated'")).containsExactly("A");
    }

    @Test
    void sqliteTriggerIsDroppedAndCreatedAgainInTheTransaction() throws Exception {
        Path dump = dump();
        String sqlite = sqliteUrl(dir.resolve("target.sqlite"));
        String trigger = "CREATE TRIGGER payment_touch AFTER INSERT ON payment BEGIN "
                + "UPDATE payment SET payment_date = datetime('now') WHERE payment_id = new.payment_id; END";
        execute(sqlite, "create table payment (payment_id INTEGER PRIMARY KEY, amount DECIMAL(5,2) NOT NULL, payment_date DATETIME NOT NULL)",
                trigger);

        ImportResult result = importFile(sqlite, disabling(dump));
        assertLoadedAsInFile(result, sqlite);
        assertThat(strings(sqlite, "select sql from sqlite_master where type = 'trigger'")).containsExactly(trigger);
    }
}
