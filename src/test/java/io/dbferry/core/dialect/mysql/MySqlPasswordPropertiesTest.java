package io.dbferry.core.dialect.mysql;

import com.mysql.cj.conf.PropertyKey;
import io.dbferry.core.dialect.UrlForm;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every Connector/J property that carries a password is one the MySQL dialect refuses, read from the driver itself. */
class MySqlPasswordPropertiesTest {

    /** Settings about passwords, not passwords. */
    private static final Set<String> NOT_SECRETS = Set.of("passwordCharacterEncoding", "disconnectOnExpiredPasswords");

    @Test
    void everyPasswordPropertyOfTheDriverIsRefused() {
        UrlForm form = new MySqlDialect().urlForm();
        var names = Stream.of(PropertyKey.values())
                .flatMap(k -> Stream.of(k.getKeyName(), k.getCcAlias()))
                .filter(n -> n != null && n.toLowerCase().contains("password") && !NOT_SECRETS.contains(n))
                .toList();
        assertThat(names).contains("password", "password1", "password2", "password3");
        assertThat(names).allSatisfy(n -> assertThat(form.carriesPassword(n)).as(n).isTrue());
        assertThat(form.carriesPassword("PASSWORD2")).isTrue();
        NOT_SECRETS.forEach(n -> assertThat(form.carriesPassword(n)).as(n).isFalse());
    }
}
