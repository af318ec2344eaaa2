package io.dbferry.core.transfer;

import io.dbferry.core.DbferryException;
import io.dbferry.shell.render.Json;
import io.dbferry.shell.render.output.RecordOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static io.dbferry.core.transfer.TransferSupport.assertAllDone;
import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * copy-records --disable-triggers: a MariaDB target's BEFORE INSERT trigger that would rewrite the copied dates is
 * refused by default (naming the option), held off with it so the dates land as on the source, and in place (and
 * firing) afterwards; a trigger a crashed copy left dropped is put back by the next copy from its journal.
 */
class CopyTriggerHoldTest {

    private static final List<String> DATES = List.of("1|2005-05-24 22:53:30", "2|2005-05-25 11:30:37", "3|2006-02-15 22:12:30");
    private static final String TRIGGERS = "select trigger_name from information_schema.triggers where trigger_schema = database()";

    @TempDir
    Path dir;

    private String sqliteSource() throws Exception {
        Path file = dir.resolve("source.sqlite");
        try (Connection c = jdbc(sqliteUrl(file)); Statement s = c.createStatement()) {
            s.execute("create table payment (payment_id INTEGER PRIMARY KEY, amount DECIMAL(5,2) NOT NULL, payment_date DATETIME NOT NULL)");
            s.execute("insert into payment values (1, 2.99, '2005-05-24 22:53:30'), (2, 0.99, '2005-05-25 11:30:37'), "
                    + "(3, 5.99, '2006-02-15 22:12:30')");
        }
        return sqliteUrl(file);
    }

    private String mariaWithTrigger(String name) throws Exception {
        String maria = freshMaria(name);
        execute(maria, "create table payment (payment_id int primary key, amount decimal(5,2) not null, payment_date datetime not null)",
                "create trigger payment_date before insert on payment for each row set new.payment_date = now()");
        return maria;
    }

    private CopyOptions options() {
        return CopyOptions.all(dir.resolve("copy.journal.json"));
    }

    @Test
    void mariaDbTriggerIsHeldOffForTheCopyAndInPlaceAfterwards() throws Exception {
        String sqlite = sqliteSource();
        String maria = mariaWithTrigger("dbferry_copytrig_m1");

        assertThatThrownBy(() -> CopyRecordsTest.copy(sqlite, maria, options())).isInstanceOf(DbferryException.class)
                .hasMessageContaining("payment_date")
                .satisfies(e -> assertThat(((DbferryException) e).paragraph()).contains("--disable-triggers"));
        assertThat(count(maria, "payment")).as("nothing written when refused").isZero();

        ImportResult result = CopyRecordsTest.copy(sqlite, maria, options().withDisableTriggers(true));
        assertAllDone(result);
        assertThat(result.triggersHeld()).isEqualTo(Map.of("payment", List.of("payment_date")));
        assertThat(strings(maria, "select concat(payment_id, '|', payment_date) from payment order by payment_id"))
                .as("values as on the source, not rewritten by the trigger").isEqualTo(DATES);
        assertThat(strings(maria, TRIGGERS)).containsExactly("payment_date");
        assertThat(ImportJournal.readAt(dir.resolve("copy.journal.json")).orElseThrow().heldTriggers()).isEmpty();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Json.write(RecordOutput.Copy.of("source", "target", result)));
        assertThat(json.path("triggersHeld").path("payment").get(0).asText()).isEqualTo("payment_date");
        assertThat(json.path("triggersRestored").isArray()).isTrue();
        // and it fires again
        execute(maria, "insert into payment values (4, 1.00, '1999-01-01 00:00:00')");
        assertThat(strings(maria, "select year(payment_date) from payment where payment_id = 4")).doesNotContain("1999");
    }

    @Test
    void aTriggerACrashedCopyLeftDroppedIsPutBackByTheNextCopy() throws Exception {
        String sqlite = sqliteSource();
        String maria = mariaWithTrigger("dbferry_copytrig_m2");
        // a first copy writes the journal naming this target
        assertAllDone(CopyRecordsTest.copy(sqlite, maria, options().withDisableTriggers(true)));
        // as a kill between the drop and the creation leaves it: the definition in the journal, the trigger gone
        ImportJournal held = ImportJournal.readAt(dir.resolve("copy.journal.json")).orElseThrow();
        held.triggersHeld(new ImportJournal.HeldTriggers("payment", List.of("payment_date"), List.of(
                "CREATE TRIGGER `payment_date` BEFORE INSERT ON `payment` FOR EACH ROW set new.payment_date = now()")));
        execute(maria, "drop trigger payment_date", "delete from payment");

        ImportResult again = CopyRecordsTest.copy(sqlite, maria, options().withDisableTriggers(true));
        assertAllDone(again);
        assertThat(again.triggersRestored()).containsExactly("payment.payment_date");
        assertThat(strings(maria, TRIGGERS)).containsExactly("payment_date");
        assertThat(strings(maria, "select concat(payment_id, '|', payment_date) from payment order by payment_id")).isEqualTo(DATES);
        assertThat(ImportJournal.readAt(dir.resolve("copy.journal.json")).orElseThrow().heldTriggers()).isEmpty();
    }
}
