package io.dbferry.core.transfer;

import io.dbferry.core.DbferryException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.dbferry.testing.TestDatabases.*;
import static io.dbferry.core.transfer.TransferSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Each kind of bad input gives a clear error naming what is wrong (and where), and leaves the target as
 * it was: row counts of every target table before equal those after.
 */
class BadInputTest {

    private static final List<String> TARGET_TABLES = List.of("parent", "child", "keep");

    @TempDir
    Path dir;

    private String source;
    private String target;

    @BeforeEach
    void databases() throws Exception {
        source = sqliteUrl(dir.resolve("source.sqlite"));
        try (Connection c = jdbc(source); Statement s = c.createStatement()) {
            // the driver leaves foreign keys unenforced, so the source can hold an orphan on purpose
            s.execute("create table parent (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL)");
            s.execute("create table child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id), note VARCHAR(20))");
            s.execute("create table dup (id INTEGER, name VARCHAR(20))");
            s.execute("insert into parent values (1, 'alpha'), (2, 'beta'), (3, 'gamma')");
            s.execute("insert into child values (1, 1, 'one'), (2, 2, 'two'), (3, 99, 'orphan'), (4, 3, null)");
            s.execute("insert into dup values (1, 'first'), (2, 'second'), (1, 'again')");
        }
        target = freshPostgres("xfer_bad");
        execute(target,
                "create table parent (id bigint primary key, name varchar(20) not null)",
                "create table child (id bigint primary key, parent_id bigint references parent(id), note varchar(20))",
                "create table keep (id int)",
                "insert into keep values (1), (2)");
    }

    private Path dump(String name, String... tables) {
        Path file = dir.resolve(name);
        export(source, new ExportOptions(file, List.of(tables), List.of(), Map.of(), false, false));
        return file;
    }

    /** Imports and expects the whole import refused before writing: the error, with the target unchanged. */
    private Throwable refused(Path file) throws Exception {
        return refused(ImportOptions.all(file));
    }

    /** As {@link #refused(Path)}, with these options (--check-first: every table checked before the first is written). */
    private Throwable refused(ImportOptions options) throws Exception {
        Map<String, Long> before = counts(target, TARGET_TABLES);
        Throwable thrown = catchThrowable(() -> importFile(target, options));
        assertThat(thrown).isNotNull();
        assertThat(counts(target, TARGET_TABLES)).isEqualTo(before);
        return thrown;
    }

    /** Imports and expects the one table in the file to fail and be rolled back whole. */
    private ImportJournal.Entry failed(Path file) throws Exception {
        return failed(file, false);
    }

    /** As {@link #failed(Path)}; {@code skipValidation} lets a value the encoding gate would catch reach the load. */
    private ImportJournal.Entry failed(Path file, boolean skipValidation) throws Exception {
        Map<String, Long> before = counts(target, TARGET_TABLES);
        ImportResult result = importFile(target, ImportOptions.all(file).withSkipValidation(skipValidation));
        assertThat(result.succeeded()).isFalse();
        assertThat(result.tables()).hasSize(1);
        ImportJournal.Entry e = result.tables().get(0);
        assertThat(e.state()).isEqualTo(TableState.FAILED);
        assertThat(e.rowsImported()).isZero();
        assertThat(counts(target, TARGET_TABLES)).isEqualTo(before);
        return e;
    }

    private static void edit(Path file, String from, String to) throws Exception {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
    }

    @Test
    void truncatedFile() throws Exception {
        Path file = dump("data.json", "parent", "child");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length * 2 / 3));
        assertThat(refused(file)).hasMessageContaining("data.json").hasMessageContaining("truncated");
    }

    @Test
    void invalidJson() throws Exception {
        Path file = dump("data.json", "parent", "child");
        edit(file, "],\"rowCount\"", "]\"rowCount\"");
        assertThat(refused(file)).hasMessageContaining("data.json").hasMessageContaining("parent");
    }

    @Test
    void invalidUtf8() throws Exception {
        Path file = dump("data.json", "parent", "child");
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int at = text.indexOf("beta") + 1; // ASCII before it, so the char index is the byte index
        bytes[at] = (byte) 0xC3;
        bytes[at + 1] = (byte) 0x28;
        Files.write(file, bytes);
        assertThat(refused(file)).hasMessageContaining("data.json").hasMessageContaining("UTF-8");
    }

    @Test
    void unknownFormatVersion() throws Exception {
        Path file = dump("data.json", "parent", "child");
        edit(file, "\"version\":2", "\"version\":7");
        assertThat(refused(file)).hasMessageContaining("version 7").hasMessageContaining("versions 1 to 2");
    }

    @Test
    void checksumDoesNotMatchTheRows() throws Exception {
        Path file = dump("data.json", "parent", "child");
        edit(file, "\"beta\"", "\"bet4\"");
        assertThat(refused(ImportOptions.all(file).withCheckFirst(true))).hasMessageContaining("table parent").hasMessageContaining("checksum")
                .isInstanceOfSatisfying(DbferryException.class, e -> assertThat(e.paragraph()).contains("damaged"));
    }

    /** --check-first: damage in the last table still stops the import before the first table is written. */
    @Test
    void damageInALaterTableLeavesTheEarlierTablesUnwritten() throws Exception {
        Path file = dump("data.json", "parent", "child");
        edit(file, "\"two\"", "\"tw0\"");
        assertThat(refused(ImportOptions.all(file).withCheckFirst(true))).hasMessageContaining("table child").hasMessageContaining("checksum");
    }

    /** --check-first: an encoding error in the last table stops the import before the first table is written. */
    @Test
    void anEncodingErrorInALaterTableLeavesTheEarlierTablesUnwritten() throws Exception {
        execute(target, "alter table child alter column note type varchar(3)");
        Path file = dump("data.json", "parent", "child");
        assertThat(refused(ImportOptions.all(file).withCheckFirst(true))).hasMessageContaining("child.note");
    }

    /** By default each table's checksum is computed as it loads: the damaged table rolled back, the one before committed. */
    @Test
    void damageInALaterTableRollsBackThatTableAloneByDefault() throws Exception {
        Path file = dump("data.json", "parent", "child");
        edit(file, "\"two\"", "\"tw0\"");
        ImportResult result = importAll(target, file);
        assertThat(result.tables()).extracting(ImportJournal.Entry::state).containsExactly(TableState.DONE, TableState.FAILED);
        assertThat(result.tables().get(1).reason()).contains("table child", "checksum");
        assertThat(counts(target, TARGET_TABLES)).containsEntry("parent", 3L).containsEntry("child", 0L);
    }

    /** Damage found while loading the first table: nothing of it commits, and its dependent is read and checked, not written. */
    @Test
    void damageInAParentRollsItBackAndItsDependentIsCheckedNotWritten() throws Exception {
        execute(target, "alter table child alter column note type varchar(3)");
        Path file = dump("data.json", "parent", "child");
        edit(file, "\"beta\"", "\"bet4\"");
        TablesRefused refused = catchThrowableOfType(() -> importAll(target, file), TablesRefused.class);
        assertThat(refused.getMessage()).contains("child.note", "rolled back: parent", "not written").doesNotContain("committed:");
        Map<String, ImportJournal.Entry> byTable = new java.util.HashMap<>();
        refused.result().tables().forEach(e -> byTable.put(e.table(), e));
        assertThat(byTable.get("parent").state()).isEqualTo(TableState.FAILED);
        assertThat(byTable.get("parent").reason()).contains("checksum");
        assertThat(byTable.get("child").state()).isEqualTo(TableState.SKIPPED);
        assertThat(byTable.get("child").reason()).contains("needs parent", "child.note");
        assertThat(counts(target, TARGET_TABLES)).containsEntry("parent", 0L).containsEntry("child", 0L);
    }

    /**
     * By default an encoding error in the last table rolls that table back, every value at fault listed, and the tables
     * before it commit; after the fix --retry-failed loads the rest.
     */
    @Test
    void anEncodingErrorInALaterTableRollsBackThatTableAndTheRetryFinishes() throws Exception {
        execute(target, "alter table child alter column note type varchar(2)");
        Path file = dump("data.json", "parent", "child");
        TablesRefused refused = catchThrowableOfType(() -> importAll(target, file), TablesRefused.class);
        assertThat(refused.report().errors()).singleElement().satisfies(f -> {
            assertThat(f.table() + "." + f.column()).isEqualTo("child.note");
            assertThat(f.count()).as("one, two and orphan: all three listed").isEqualTo(3);
        });
        assertThat(refused.getMessage()).contains("committed: parent", "rolled back: child");
        assertThat(refused.nextStep()).contains("import-records -f " + file + " --retry-failed");
        assertThat(counts(target, TARGET_TABLES)).containsEntry("parent", 3L).containsEntry("child", 0L);

        execute(target, "alter table child alter column note type varchar(20)", "alter table child drop constraint child_parent_id_fkey");
        ImportResult retried = importFile(target, TransferSupport.retry(file));
        assertThat(retried.tables()).extracting(ImportJournal.Entry::table).containsExactly("child");
        assertThat(retried.succeeded()).isTrue();
        assertThat(counts(target, TARGET_TABLES)).containsEntry("parent", 3L).containsEntry("child", 4L);
    }

    @Test
    void rowCountDoesNotMatchTheRows() throws Exception {
        Path file = dump("data.json", "parent", "child");
        edit(file, "\"rowCount\":3", "\"rowCount\":4");
        assertThat(refused(file)).hasMessageContaining("table parent").hasMessageContaining("4 rows");
    }

    @Test
    void tableAndColumnMissingOnTheTargetAreListedTogether() throws Exception {
        Path file = dump("data.json", "parent", "child", "dup");
        execute(target, "alter table child drop column note");
        Throwable thrown = refused(file);
        assertThat(thrown).isInstanceOf(DbferryException.class)
                .hasMessageContaining("table dup does not exist on the target")
                .hasMessageContaining("column child.note does not exist on the target")
                .hasMessageContaining("nothing was written");
    }

    @Test
    void duplicatePrimaryKey() throws Exception {
        Path file = dump("dup.json", "dup");
        execute(target, "create table dup (id bigint primary key, name varchar(20))");
        ImportJournal.Entry e = failed(file);
        assertThat(count(target, "dup")).isZero();
        assertThat(e.row()).as("the second row with id 1, in key order").isNotNull();
        assertThat(e.reason()).contains("row " + e.row()).containsIgnoringCase("duplicate").contains("id");
    }

    @Test
    void duplicateValueOfAUniqueColumn() throws Exception {
        execute(source, "update parent set name = 'alpha' where id = 3");
        Path clean = dump("parent.json", "parent");
        execute(target, "create unique index parent_name on parent (name)");
        ImportJournal.Entry e = failed(clean);
        assertThat(e.row()).isEqualTo(3L);
        assertThat(e.reason()).contains("row 3", "id=3").containsIgnoringCase("duplicate");
    }

    @Test
    void foreignKeyViolationIsReportedByTableAndKeyAndRolledBack() throws Exception {
        execute(target, "insert into parent values (1, 'alpha'), (2, 'beta'), (3, 'gamma')");
        Path file = dump("child.json", "child");
        ImportJournal.Entry e = failed(file);
        assertThat(e.reason()).contains("child", "[id]=[3]", "parent_id", "missing parent");
        assertThat(count(target, "child")).isZero();
    }

    @Test
    void valueTooLong() throws Exception {
        execute(target, "alter table parent alter column name type varchar(4)");
        Path file = dump("parent.json", "parent");
        assertThat(refused(file)).as("the encoding gate finds it before anything is written")
                .hasMessageContaining("parent.name").hasMessageContaining("(id=1)").hasMessageContaining("varchar(5)");
        ImportJournal.Entry e = failed(file, true);
        assertThat(e.row()).isEqualTo(1L);
        assertThat(e.column()).isEqualTo("name");
        assertThat(e.reason()).contains("row 1", "id=1", "column name", "alpha").containsIgnoringCase("too long");
    }

    @Test
    void notNullViolation() throws Exception {
        execute(target, "insert into parent values (1, 'alpha'), (2, 'beta'), (3, 'gamma')",
                "alter table child alter column note set not null");
        execute(source, "update child set parent_id = 1 where id = 3");
        Path file = dump("child.json", "child");
        ImportJournal.Entry e = failed(file);
        assertThat(e.row()).isEqualTo(4L);
        assertThat(e.column()).isEqualTo("note");
        assertThat(e.reason()).contains("row 4", "id=4", "column note").containsIgnoringCase("null");
    }

    @Test
    void exportRefusesAnExistingFileUnlessOverwrite() throws Exception {
        Path file = dir.resolve("existing.json");
        Files.writeString(file, "keep me");
        Throwable thrown = catchThrowable(() -> export(source, new ExportOptions(file, List.of("parent"), List.of(), Map.of(), false, false)));
        assertThat(thrown).isInstanceOf(DbferryException.class).hasMessageContaining("already exists");
        assertThat(((DbferryException) thrown).nextStep()).contains("--overwrite");
        assertThat(Files.readString(file)).isEqualTo("keep me");

        export(source, new ExportOptions(file, List.of("parent"), List.of(), Map.of(), false, true));
        assertThat(Files.readString(file)).startsWith("{\"format\":\"dbferry-dump\"");
    }

    @Test
    void importRefusesNonEmptyTablesUnlessClear() throws Exception {
        execute(target, "insert into parent values (7, 'seven')");
        Path file = dump("data.json", "parent");
        Throwable thrown = refused(file);
        assertThat(thrown).isInstanceOf(DbferryException.class).hasMessageContaining("already hold rows: parent");
        assertThat(((DbferryException) thrown).nextStep()).contains("--clear");

        ImportResult cleared = importFile(target, new ImportOptions(file, List.of(), true, false, 1000, false));
        assertAllDone(cleared);
        assertThat(strings(target, "select name from parent order by id")).containsExactly("alpha", "beta", "gamma");
        assertThat(count(target, "keep")).isEqualTo(2);
    }
}
