package io.dbferry.core.dialect.postgres;

import io.dbferry.core.dialect.UrlForm;
import org.junit.jupiter.api.Test;
import org.postgresql.PGProperty;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every pgjdbc property that carries a password is one the PostgreSQL dialect refuses, read from the driver itself. */
class PostgresPasswordPropertiesTest {

    @Test
    void everyPasswordPropertyOfTheDriverIsRefused() {
        UrlForm form = new PostgresDialect().urlForm();
        // the callback names a class that asks for the SSL key's password; it holds none
        var names = Stream.of(PGProperty.values()).map(PGProperty::getName)
                .filter(n -> n.toLowerCase().contains("password") && !n.equals("sslpasswordcallback")).toList();
        assertThat(names).contains("password", "sslpassword");
        assertThat(names).allSatisfy(n -> assertThat(form.carriesPassword(n)).as(n).isTrue());
        assertThat(form.carriesPassword("sslpasswordcallback")).isFalse();
    }
}
