package io.dbferry.core.encoding;

import io.dbferry.core.DbferryException;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.core.transfer.ExportOptions;
import io.dbferry.core.transfer.ImportOptions;
import io.dbferry.core.transfer.ImportResult;
import io.dbferry.core.transfer.Verifier;
import io.dbferry.core.transfer.VerifyResult;
import io.dbferry.testing.TestDatabases;
import io.dbferry.testing.TestServers;
import io.dbferry.testing.TestTargets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.dbferry.testing.TestDatabases.execute;
import static io.dbferry.testing.TestDatabases.freshMaria;
import static io.dbferry.testing.TestDatabases.sqliteUrl;
import static io.dbferry.testing.TestDatabases.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * fix-encoding's strategies as --convert rules of an import: the same names, the same changes, each in FILE.changes.json;
 * only the columns named change, and verify -f FILE counts them as converted, as recorded.
 */
class TextFixesTest {

    @TempDir
    Path dir;

    @Test
    void stripNulAndTransliterateAreConvertRulesIntoMariaDb() throws Exception {
        String sqlite = sqliteUrl(dir.resolve("notes.sqlite"));
        execute(sqlite, "create table notes (id integer primary key, city text, body text)",
                "insert into notes values (1, 'Łódź', 'a' || char(0) || 'b'), (2, 'Lyon', 'plain'), (3, 'Kraków', 'Łódź')");
        Path file = dir.resolve("notes.json");
        TestDatabases.export(sqlite, ExportOptions.all(file));
        String maria = freshMaria("dbferry_text_fixes");
        execute(maria, "create table notes (id int primary key, city varchar(20) character set latin1, body varchar(20) character set utf8mb4)");

        assertThatThrownBy(() -> TestDatabases.importFile(maria, ImportOptions.all(file))).isInstanceOf(DbferryException.class)
                .satisfies(e -> assertThat(((DbferryException) e).paragraph()).contains("notes.city", "not representable"));

        ImportResult result = TestDatabases.importFile(maria, ImportOptions.all(file)
                .withConvert(List.of("notes.city=transliterate", "strip-nul")));
        assertThat(result.succeeded()).isTrue();
        assertThat(strings(maria, "select concat(id, '|', city, '|', body) from notes order by id"))
                // latin1 (cp1252) holds ó: only Ł and ź change; body's Łódź fits utf8mb4 and stays
                .containsExactly("1|Lódz|ab", "2|Lyon|plain", "3|Kraków|Łódź");
        String changes = Files.readString(ImportOptions.all(file).changesFile());
        assertThat(changes).contains("\"rule\" : \"transliterate\"", "\"rule\" : \"strip-nul\"", "\"after\" : \"Lódz\"", "\"after\" : \"ab\"")
                .doesNotContain("\"after\" : \"Łódź\"", "Krak");

        try (Session session = new Session()) {
            var target = TestTargets.connect(session, Side.TARGET, TestServers.mariadb(), "dbferry_text_fixes");
            VerifyResult verified = new Verifier(target, ProgressListener.NONE).againstFile(file, List.of());
            assertThat(verified.allEqual()).as(verified.toString()).isTrue();
            assertThat(verified.tables().get(0).accounted().converted()).isEqualTo(2);
        }
    }
}
