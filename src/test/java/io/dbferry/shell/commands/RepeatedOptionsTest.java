package io.dbferry.shell.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbferry.testing.JsonShellTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Through the real shell: an option the docs call repeatable keeps every occurrence, and a comma inside
 * one (a condition's {@code IN (8,9)}) stays part of it.
 */
class RepeatedOptionsTest extends JsonShellTest {

    @BeforeAll
    static void connect() throws Exception {
        Path source = tmp.resolve("repeat.sqlite3");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source); Statement s = c.createStatement()) {
            s.execute("create table t (id integer primary key, price real, qty integer)");
            s.execute("create table u (id integer primary key)");
            s.execute("with recursive n(i) as (select 1 union all select i + 1 from n where i < 10) insert into t select i, i * 1.5, i from n");
            s.execute("insert into u select id from t");
        }
        shell.ok("connect source sqlite:" + source + " --format json");
        shell.ok("connect target sqlite:" + tmp.resolve("target.sqlite3") + " --format json");
    }

    @Test
    void everyWhereIsKeptAndItsCommasWithIt() {
        JsonNode export = shell.ok("export-records -f " + tmp.resolve("w.json") + " --where \"t:id NOT IN (8,9)\""
                + " --where \"u:id <= 3\" --format json");
        assertThat(find(export.get("tables"), "t").get("rows").asLong()).isEqualTo(8);
        assertThat(find(export.get("tables"), "u").get("rows").asLong()).isEqualTo(3);
    }

    @Test
    void twoWheresForOneTableBothApply() {
        JsonNode export = shell.ok("export-records -f " + tmp.resolve("w2.json") + " --where \"t:id NOT IN (8,9)\""
                + " --where \"t:id > 2\" --overwrite --format json");
        assertThat(find(export.get("tables"), "t").get("rows").asLong()).isEqualTo(6);
    }

    @Test
    void everyMapIsKept() {
        JsonNode copy = shell.ok("copy-schema --dry-run --map REAL=DECIMAL(10,2) --map INTEGER=BIGINT --format json");
        assertThat(copy.toString()).contains("DECIMAL(10,2)").contains("BIGINT");
    }
}
