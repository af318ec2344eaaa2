package io.dbferry.core.dialect.mysql;

import static io.dbferry.testing.TestDatabases.execute;
import static io.dbferry.testing.TestDatabases.freshMaria;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.transfer.ExportOptions;
import io.dbferry.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A zero date in a MariaDB source is refused naming its table, key and column, not in the driver's bare words. */
class MySqlZeroDateTest {

    @TempDir
    Path dir;

    @Test
    void aZeroDateIsRefusedWithTableKeyAndColumn() throws Exception {
        String url = freshMaria("dialect_zero_date");
        execute(url, "set session sql_mode = ''",
                "create table shipment (id int primary key, sent date, arrived datetime)",
                "insert into shipment values (1, '2024-05-01', '2024-05-02 10:00:00'), (2, '2024-05-03', '0000-00-00 00:00:00')");

        DbferryException e = catchThrowableOfType(
                () -> TestDatabases.export(url, ExportOptions.all(dir.resolve("out.json"))), DbferryException.class);

        assertThat(e.kind()).isEqualTo(Kind.VALUE_NOT_CARRIED);
        assertThat(e.where()).isEqualTo(new Where("shipment", "id=2", "arrived"));
        assertThat(e.paragraph()).startsWith("Table shipment, row (id=2), column arrived: the value '0000-00-00 00:00:00' is a zero date")
                .doesNotContain("prohibited");
    }

    @Test
    void aZeroDayInADateColumnIsRefusedToo() throws Exception {
        String url = freshMaria("dialect_zero_day");
        execute(url, "set session sql_mode = ''", "create table reading (k varchar(5) primary key, taken date)",
                "insert into reading values ('a', '2024-05-00')");

        DbferryException e = catchThrowableOfType(
                () -> TestDatabases.export(url, ExportOptions.all(dir.resolve("out.json"))), DbferryException.class);

        assertThat(e.kind()).isEqualTo(Kind.VALUE_NOT_CARRIED);
        assertThat(e.where()).isEqualTo(new Where("reading", "k=a", "taken"));
        assertThat(e.getMessage()).contains("'2024-05-00' is a zero date");
    }
}
