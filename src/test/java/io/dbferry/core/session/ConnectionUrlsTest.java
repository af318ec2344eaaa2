package io.dbferry.core.session;

import io.dbferry.core.DbferryException;
import io.dbferry.core.model.ConnectionSpec;
import io.dbferry.core.model.Engine;
import org.junit.jupiter.api.Test;

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

    @Test
    void aPasswordInAnyUrlFormIsRefused() {
        for (String url : new String[]{"mysql://u:Pw123@h/db", "postgresql://u:Pw123@h:5432/db", "jdbc:mysql://u:Pw123@h/db",
                "jdbc:postgresql://h/db?user=u&password=Pw123", "jdbc:mysql://h/db?PASSWORD=Pw123", "mysql://u@h/db?ssl=1&password=Pw123"}) {
            assertThatThrownBy(() -> ConnectionUrls.parse(url)).as(url)
                    .isInstanceOfSatisfying(DbferryException.class, e -> {
                        assertThat(e.getMessage()).contains("holds a password");
                        assertThat(e.nextStep()).contains("--password-env");
                        assertThat(e.paragraph()).doesNotContain("Pw123");
                    });
        }
    }

    @Test
    void redactHidesPasswordsInUrlsAndParameters() {
        assertThat(ConnectionUrls.redact("connect target mysql://root:hunter2@127.0.0.1/x"))
                .isEqualTo("connect target mysql://root:***@127.0.0.1/x");
        assertThat(ConnectionUrls.redact("connect source jdbc:postgresql://h/db?user=a&password=s3cret&ssl=true"))
                .isEqualTo("connect source jdbc:postgresql://h/db?user=a&password=***&ssl=true");
        assertThat(ConnectionUrls.redact("connect source jdbc:mysql://h/db?PASSWORD=x")).doesNotContain("=x");
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
