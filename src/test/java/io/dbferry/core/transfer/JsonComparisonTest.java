package io.dbferry.core.transfer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.dbferry.core.transfer.TransferSupport.*;
import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON kept as text on SQLite and stored as jsonb on PostgreSQL (which reorders keys and respaces) verifies
 * equal, since JSON compares as JSON where either side stores it as JSON; text columns stay byte-exact.
 */
class JsonComparisonTest {

    @TempDir
    Path dir;

    @Test
    void jsonReorderedByJsonbVerifiesEqualAndARealDifferenceIsStillFound() throws Exception {
        String sqlite = sqliteUrl(dir.resolve("app.sqlite"));
        execute(sqlite, "create table doc (id integer primary key, body text, note text)",
                "insert into doc values (1, '{\"zeta\": 1, \"alpha\": {\"y\": [1, 2.50, \"x\"], \"b\": null}}', '{\"b\": 1, \"a\": 2}')",
                "insert into doc values (2, '[ {\"k\" : true} ]', 'plain')",
                "insert into doc values (3, null, null)");
        String pg = freshPostgres("json_compare");
        execute(pg, "create table doc (id integer primary key, body jsonb, note text)");
        Path file = dir.resolve("doc.json");
        export(sqlite, ExportOptions.all(file));
        assertAllDone(importAll(pg, file));
        assertThat(strings(pg, "select body::text from doc where id = 1")).as("jsonb did reorder")
                .containsExactly("{\"zeta\": 1, \"alpha\": {\"b\": null, \"y\": [1, 2.50, \"x\"]}}");

        assertAllEqual(verifyAgainstSource(sqlite, pg, List.of()), 1);
        assertAllEqual(verifyAgainstFile(pg, file, List.of()), 1);

        // a changed value inside the JSON is a difference
        execute(pg, "update doc set body = jsonb_set(body, '{alpha,y,2}', '\"z\"') where id = 1");
        VerifyResult changed = verifyAgainstFile(pg, file, List.of());
        assertThat(changed.allEqual()).isFalse();
        assertThat(changed.tables().get(0).firstDifference()).contains("(id=1) differs in body");
        assertThat(verifyAgainstSource(sqlite, pg, List.of()).allEqual()).isFalse();

        // a text column compares byte for byte, even when it holds JSON: respacing it is a difference
        execute(pg, "update doc set body = jsonb_set(body, '{alpha,y,2}', '\"x\"') where id = 1");
        assertAllEqual(verifyAgainstSource(sqlite, pg, List.of()), 1);
        execute(pg, "update doc set note = '{\"a\":2,\"b\":1}' where id = 1");
        VerifyResult respaced = verifyAgainstSource(sqlite, pg, List.of());
        assertThat(respaced.allEqual()).isFalse();
        assertThat(respaced.tables().get(0).firstDifference()).contains("differs in note");
    }

    @Test
    void mariaDbJsonIsJsonThoughItIsLongtextAndVerifiesEqualAfterJsonb() throws Exception {
        String maria = freshMaria("json_compare_maria");
        execute(maria, "create table doc (id integer primary key, body json, note longtext)",
                "insert into doc values (1, '{\"zeta\": 1,   \"alpha\": [true, 2.50]}', 'x')");
        try (var source = source(maria)) {
            var table = source.catalog().table("doc");
            assertThat(table.column("body").orElseThrow().portableType()).isEqualTo(io.dbferry.core.model.PortableType.JSON);
            assertThat(table.column("note").orElseThrow().portableType()).isEqualTo(io.dbferry.core.model.PortableType.TEXT);
        }
        String pg = freshPostgres("json_compare_from_maria");
        execute(pg, "create table doc (id integer primary key, body jsonb, note text)");
        Path file = dir.resolve("maria-doc.json");
        export(maria, ExportOptions.all(file));
        assertAllDone(importAll(pg, file));
        assertAllEqual(verifyAgainstSource(maria, pg, List.of()), 1);
        assertAllEqual(verifyAgainstFile(pg, file, List.of()), 1);
        execute(pg, "update doc set body = '{\"zeta\": 2, \"alpha\": [true, 2.50]}' where id = 1");
        assertThat(verifyAgainstSource(maria, pg, List.of()).allEqual()).isFalse();
    }
}
