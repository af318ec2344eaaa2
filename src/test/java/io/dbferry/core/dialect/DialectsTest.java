package io.dbferry.core.dialect;

import io.dbferry.core.model.Engine;
import io.dbferry.core.model.Index;
import io.dbferry.core.session.ConnectionUrls;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine facts the rest of dbferry asks the registered dialects for, instead of testing engine names. */
class DialectsTest {

    @Test
    void eachSchemeBelongsToOneRegisteredDialect() {
        assertThat(Dialects.forUrlScheme("SQLite").orElseThrow().engine()).isEqualTo(Engine.SQLITE);
        assertThat(Dialects.forUrlScheme("mariadb").orElseThrow().engine()).isEqualTo(Engine.MYSQL);
        assertThat(Dialects.forUrlScheme("postgres").orElseThrow().engine()).isEqualTo(Engine.POSTGRESQL);
        assertThat(Dialects.forUrlScheme("mongodb")).isEmpty();
        assertThat(Dialects.registered()).extracting(Dialect::engine)
                .containsExactly(Engine.SQLITE, Engine.MYSQL, Engine.POSTGRESQL);
        assertThat(Dialects.registered()).extracting(d -> d.urlForm().defaultPort()).containsExactly(0, 3306, 5432);
    }

    @Test
    void aConnectionIsShownWithItsEnginesFirstScheme() {
        assertThat(ConnectionUrls.parse("mariadb://app@h/db").display()).isEqualTo("mysql://app@h:3306/db");
        assertThat(ConnectionUrls.parse("jdbc:postgres://h/db").display()).isEqualTo("postgresql://h:5432/db");
        assertThat(ConnectionUrls.parse("jdbc:mariadb://h:3307/db?ssl=1").jdbcUrl()).isEqualTo("jdbc:mysql://h:3307/db?ssl=1");
        assertThat(ConnectionUrls.parse("SQLITE:/tmp/a.db").display()).isEqualTo("sqlite:/tmp/a.db");
    }

    @Test
    void onlySqliteKeepsFilesBesideItsDatabase() {
        assertThat(Dialects.forEngine(Engine.SQLITE).databaseFiles(ConnectionUrls.parse("sqlite:/tmp/d/a.db")))
                .containsExactly(Path.of("/tmp/d/a.db"), Path.of("/tmp/d/a.db-wal"), Path.of("/tmp/d/a.db-shm"),
                        Path.of("/tmp/d/a.db-journal"));
        assertThat(Dialects.forEngine(Engine.MARIADB).databaseFiles(ConnectionUrls.parse("mysql://h/db"))).isEmpty();
    }

    @Test
    void theIndexesAnEngineMakesForItsKeysAreItsOwn() {
        Index sqliteKey = new Index("sqlite_autoindex_item_1", List.of("code"), true);
        Index mysqlKey = new Index("PRIMARY", List.of("id"), true);
        assertThat(Dialects.forEngine(Engine.SQLITE).isImplicitIndex(sqliteKey)).isTrue();
        assertThat(Dialects.forEngine(Engine.SQLITE).isImplicitIndex(mysqlKey)).isFalse();
        assertThat(Dialects.forEngine(Engine.MYSQL).isImplicitIndex(mysqlKey)).isTrue();
        assertThat(Dialects.forEngine(Engine.POSTGRESQL).isImplicitIndex(mysqlKey)).isFalse();
    }

    @Test
    void anOperatorNamesCharacterSetsAsMySqlOrJavaDoes() {
        assertThat(CharacterSetNames.operatorNamed("latin1").canHold(0x20AC)).isTrue(); // MySQL's latin1 is cp1252
        assertThat(CharacterSetNames.operatorNamed("utf8mb3").canHold(0x1F600)).isFalse();
        assertThat(CharacterSetNames.operatorNamed("ISO-8859-1").canHold(0x20AC)).isFalse();
        assertThat(CharacterSetNames.operatorNamed("no-such-set").isKnown()).isFalse();
        assertThat(Dialects.forEngine(Engine.MARIADB).characterSet("cp1251").canHold(0x0416)).isTrue();
    }
}
