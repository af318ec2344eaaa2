package io.dbferry.core.dialect.mysql;

import static io.dbferry.testing.TestDatabases.execute;
import static io.dbferry.testing.TestDatabases.freshMaria;
import static io.dbferry.testing.TestDatabases.sqliteUrl;
import static io.dbferry.testing.TestDatabases.strings;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbferry.core.model.CarriedValue;
import io.dbferry.core.model.CarriedValue.Kind;
import io.dbferry.core.transfer.CarriedColumn;
import io.dbferry.core.transfer.ExportOptions;
import io.dbferry.core.transfer.ExportResult;
import io.dbferry.core.transfer.ImportOptions;
import io.dbferry.core.transfer.ImportResult;
import io.dbferry.testing.TestDatabases;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A zero date in a MariaDB source is carried as the text the server shows (issue 14), listed by the export
 * with its key; SQLite, which holds any text, takes it exactly.
 */
class MySqlZeroDateTest {

    @TempDir
    Path dir;

    @Test
    void aZeroDateIsCarriedAsTextAndListed() throws Exception {
        String url = freshMaria("dialect_zero_date");
        execute(url, "set session sql_mode = ''",
                "create table shipment (id int primary key, sent date, arrived datetime)",
                "insert into shipment values (1, '2024-05-01', '2024-05-02 10:00:00'), (2, '2024-05-03', '0000-00-00 00:00:00')");

        Path file = dir.resolve("out.json");
        ExportResult result = TestDatabases.export(url, ExportOptions.all(file));

        assertThat(result.carried()).containsExactly(new CarriedColumn("shipment", "arrived", 1,
                Map.of(Kind.TEXT, 1L), java.util.List.of("id=2")));
        assertThat(java.nio.file.Files.readString(file)).contains("[2,\"2024-05-03\",{\"text\":\"0000-00-00 00:00:00\"}]");

        String sqlite = sqliteUrl(dir.resolve("t.sqlite"));
        execute(sqlite, "create table shipment (id integer primary key, sent DATE, arrived DATETIME)");
        ImportResult imported = TestDatabases.importFile(sqlite, ImportOptions.all(file));
        assertThat(imported.succeeded()).as(imported.tables().toString()).isTrue();
        assertThat(strings(sqlite, "select sent || '|' || arrived from shipment order by id"))
                .containsExactly("2024-05-01|2024-05-02 10:00:00", "2024-05-03|0000-00-00 00:00:00");
    }

    @Test
    void aZeroDayInADateColumnIsCarriedToo() throws Exception {
        String url = freshMaria("dialect_zero_day");
        execute(url, "set session sql_mode = ''", "create table reading (k varchar(5) primary key, taken date)",
                "insert into reading values ('a', '2024-05-00')");

        ExportResult result = TestDatabases.export(url, ExportOptions.all(dir.resolve("out.json")));

        assertThat(result.carried()).singleElement().satisfies(c -> {
            assertThat(c.column()).isEqualTo("taken");
            assertThat(c.firstKeys()).containsExactly("k=a");
        });
        try (var reader = io.dbferry.core.dump.DumpReader.open(dir.resolve("out.json"))) {
            reader.nextTable();
            assertThat(reader.nextRow()[1]).isEqualTo(new CarriedValue(Kind.TEXT, "2024-05-00"));
        }
    }
}
