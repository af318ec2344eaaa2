package io.dbferry.core.session;

import io.dbferry.core.DbferryException;
import io.dbferry.core.model.ConnectionSpec;
import io.dbferry.core.model.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionUrlsTest {

    @Test
    void sqlitePathsBecomeAbsolute() {
        ConnectionSpec spec = ConnectionUrls.parse("sqlite:data/app.sqlite3");
        Path expected = Path.of("data/app.sqlite3").toAbsolutePath().normalize();
        assertThat(spec.engine()).isEqualTo(Engine.SQLITE);
        assertThat(spec.file()).isEqualTo(expected);
        assertThat(spec.jdbcUrl()).isEqualTo("jdbc:sqlite:" + expected);
        assertThat(spec.database()).isEqualTo("app.sqlite3");
        assertThat(spec.isServer()).isFalse();
        assertThat(ConnectionUrls.parse("jdbc:sqlite:/tmp/x.db").file()).isEqualTo(Path.of("/tmp/x.db"));
        assertThat(ConnectionUrls.parse("sqlite:///tmp/x.db").file()).isEqualTo(Path.of("/tmp/x.db"));
    }

    @Test
    void serverUrlsWithUserPortAndDefaults() {
        ConnectionSpec mysql = ConnectionUrls.parse("mysql://app@db.example.com:3307/inventory");
        assertThat(mysql.engine()).isEqualTo(Engine.MYSQL);
        assertThat(mysql.user()).isEqualTo("app");
        assertThat(mysql.host()).isEqualTo("db.example.com");
        assertThat(mysql.port()).isEqualTo(3307);
        assertThat(mysql.database()).isEqualTo("inventory");
        assertThat(mysql.jdbcUrl()).isEqualTo("jdbc:mysql://db.example.com:3307/inventory");

        assertThat(ConnectionUrls.parse("mariadb://h/db").port()).isEqualTo(3306);
        ConnectionSpec pg = ConnectionUrls.parse("postgresql://h/db");
        assertThat(pg.engine()).isEqualTo(Engine.POSTGRESQL);
        assertThat(pg.port()).isEqualTo(5432);
        assertThat(pg.user()).isNull();
        assertThat(ConnectionUrls.parse("jdbc:postgresql://h:6543/db?ssl=true").jdbcUrl())
                .isEqualTo("jdbc:postgresql://h:6543/db?ssl=true");
        assertThat(ConnectionUrls.parse("mysql:///db").host()).isEqualTo("127.0.0.1");
    }

    @Test
    void badUrlsSayWhatToWrite() {
        assertThatThrownBy(() -> ConnectionUrls.parse("mysql://h"))
                .isInstanceOf(DbferryException.class).hasMessageContaining("Cannot read the connection URL");
        assertThatThrownBy(() -> ConnectionUrls.parse("mysql://h/"))
                .isInstanceOfSatisfying(DbferryException.class, e -> assertThat(e.getMessage()).isEqualTo("The URL names no database."));
        assertThatThrownBy(() -> ConnectionUrls.parse("mysql://h:port/db"))
                .isInstanceOfSatisfying(DbferryException.class, e -> assertThat(e.getMessage()).contains("not a number"));
        assertThatThrownBy(() -> ConnectionUrls.parse(" "))
                .isInstanceOfSatisfying(DbferryException.class, e -> assertThat(e.nextStep()).contains("sqlite:PATH"));
        assertThatThrownBy(() -> ConnectionUrls.parse("sqlite::memory:"))
                .isInstanceOfSatisfying(DbferryException.class, e -> assertThat(e.getMessage()).contains("needs a file path"));
        assertThatThrownBy(() -> ConnectionUrls.parse("mongodb://h/db"))
                .isInstanceOfSatisfying(DbferryException.class, e -> assertThat(e.nextStep()).contains("postgresql://"));
    }

    /** Every form in which a driver takes a password, each holding the secret Pw123x. */
    @ParameterizedTest
    @ValueSource(strings = {
            "mysql://u:Pw123x@h/db", "mariadb://u:Pw123x@h/db", "postgresql://u:Pw123x@h:5432/db", "postgres://u:Pw123x@h/db",
            "jdbc:mysql://u:Pw123x@h/db", "jdbc:postgresql://u:Pw123x@h/db", "mysql://u:Pw/123x@h/db", "mysql://u:Pw123x@h",
            "mysql://u:Pw?123x@h/db", "mysql://u:Pw/1?23x@h/db", "mysql://u%3APw123x@h/db",
            "jdbc:postgresql://h/db?user=u&password=Pw123x", "jdbc:mysql://h/db?PASSWORD=Pw123x", "mysql://u@h/db?ssl=1&Password=Pw123x",
            "mysql://h/db?password1=Pw123x", "mysql://h/db?password2=Pw123x", "mysql://h/db?PassWord3=Pw123x",
            "mysql://h/db?pass%77ord=Pw123x", "mysql://h/db?%20password%20=Pw123x",
            "mysql://address=(host=h)(port=3306)(password=Pw123x)/db", "jdbc:mysql://address=(host=h)(Password2=Pw123x)/db",
            "mysql://(host=h,port=3306,password=Pw123x)/db", "mysql://h1,(host=h2,PASSWORD1=Pw123x)/db",
            "mysql://[address=(host=h)(password=Pw123x),h2]/db",
            "mysql://h/db?trustCertificateKeyStorePassword=Pw123x", "mysql://h/db?clientCertificateKeyStorePassword=Pw123x",
            "mysql://h/db?xdevapi.ssl-keystore-password=Pw123x", "mysql://h/db?xdevapiSslTruststorePassword=Pw123x",
            "postgresql://h/db?sslpassword=Pw123x", "jdbc:postgresql://h/db?ssl=true&SSLPASSWORD=Pw123x", "postgres://h/db?Password=Pw123x",
            "sqlite:app.db?password=Pw123x", "jdbc:sqlite:app.db?PASSWORD=Pw123x"})
    void aPasswordInAnyUrlFormIsRefusedAndMasked(String url) {
        assertThatThrownBy(() -> ConnectionUrls.parse(url)).as(url)
                .isInstanceOfSatisfying(DbferryException.class, e -> {
                    assertThat(e.getMessage()).contains("holds a password");
                    assertThat(e.nextStep()).contains("--password-env");
                    assertThat(e.paragraph()).doesNotContain("Pw").doesNotContain("123x");
                });
        assertThat(ConnectionUrls.redact("connect target " + url + " --user u")).as(url)
                .doesNotContain("Pw").doesNotContain("123x").startsWith("connect target ").endsWith(" --user u");
        assertThat(ConnectionUrls.redact("connect target \"" + url + "\"")).as(url).doesNotContain("Pw").doesNotContain("123x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql://h/db?passwordCharacterEncoding=utf8", "mysql://h/db?disconnectOnExpiredPasswords=false",
            "postgresql://h/db?sslpasswordcallback=org.example.Callback", "postgresql://h/db?user=password",
            "sqlite:/tmp/a,password=b.db"})
    void propertiesThatOnlyNameAPasswordAreTaken(String url) {
        assertThat(ConnectionUrls.parse(url).jdbcUrl()).endsWith(url.substring(url.lastIndexOf('/') + 1));
    }

    @Test
    void redactHidesPasswordsInUrlsAndParameters() {
        assertThat(ConnectionUrls.redact("connect target mysql://root:hunter2@127.0.0.1/x"))
                .isEqualTo("connect target mysql://root:***@127.0.0.1/x");
        assertThat(ConnectionUrls.redact("connect source jdbc:postgresql://h/db?user=a&password=s3cret&ssl=true"))
                .isEqualTo("connect source jdbc:postgresql://h/db?user=a&password=***&ssl=true");
        assertThat(ConnectionUrls.redact("connect source mysql://address=(host=h)(password=s3cret)(port=1)/db"))
                .isEqualTo("connect source mysql://address=(host=h)(password=***)(port=1)/db");
        assertThat(ConnectionUrls.redact("connect source mysql://(host=h,password=s3cret,port=1)/db"))
                .isEqualTo("connect source mysql://(host=h,password=***)/db");
        assertThat(ConnectionUrls.redact("connect source jdbc:mysql://h/db?PASSWORD=x")).doesNotContain("=x");
        assertThat(ConnectionUrls.redact("connect target \"mysql://h/db?password=two words\" --user u"))
                .isEqualTo("connect target \"mysql://h/db?password=***\" --user u");
        assertThat(ConnectionUrls.redact("connect target root:s3cret@h/db")).isEqualTo("connect target root:***@h/db");
        assertThat(ConnectionUrls.redact("Unknown command 'mysql://root:s3cret@h/db'.")).isEqualTo("Unknown command 'mysql://root:***@h/db'.");
        assertThat(ConnectionUrls.redact("connect target mysql://h/db --password s3cret --user u"))
                .isEqualTo("connect target mysql://h/db --password *** --user u");
        assertThat(ConnectionUrls.redact("connect target mysql://h/db --password=s3cret")).isEqualTo("connect target mysql://h/db --password=***");
        assertThat(ConnectionUrls.redact("connect target mysql://h/db --password-env DB_PASSWORD"))
                .isEqualTo("connect target mysql://h/db --password-env DB_PASSWORD");
        assertThat(ConnectionUrls.redact("backup --encrypt --passphrase-env BACKUP_PASSPHRASE"))
                .isEqualTo("backup --encrypt --passphrase-env BACKUP_PASSPHRASE");
        assertThat(ConnectionUrls.redact("connect source sqlite:app.sqlite3")).isEqualTo("connect source sqlite:app.sqlite3");
        assertThat(ConnectionUrls.redact("connect source mysql://root@h:3306/db")).isEqualTo("connect source mysql://root@h:3306/db");
        assertThat(ConnectionUrls.redact(null)).isNull();
    }

    @Test
    void displayNeverShowsAPassword() {
        assertThat(ConnectionUrls.parse("mysql://app@h/db").display()).isEqualTo("mysql://app@h:3306/db");
        assertThat(ConnectionUrls.parse("postgresql://h/db").withUser("x").display()).isEqualTo("postgresql://x@h:5432/db");
    }
}
