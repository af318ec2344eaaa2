package io.dbferry.core.transfer.imports;

import io.dbferry.core.DbferryException;
import io.dbferry.core.dump.DumpColumn;
import io.dbferry.core.dump.DumpFormatException;
import io.dbferry.core.dump.DumpHeader;
import io.dbferry.core.dump.DumpWriter;
import io.dbferry.core.encoding.EncodingCheckFailed;
import io.dbferry.core.model.PortableType;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.core.transfer.ImportJournal;
import io.dbferry.core.transfer.ImportOptions;
import io.dbferry.core.transfer.TableState;
import io.dbferry.testing.TestDatabases;
import io.dbferry.testing.TestTargets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The plan an import makes before writing: what it reads, what it refuses (all at once, by kind), what it loads in which order. */
class ImportPlannerTest {

    private static final DumpHeader HEADER = new DumpHeader(1, "0.1.0", Instant.parse("2024-05-01T10:15:30Z"),
            "SQLite", "3.45", "shop.sqlite3", null);

    @TempDir
    Path dir;

    private Session session;
    private DatabaseConnection target;

    @BeforeEach
    void target() throws Exception {
        session = new Session();
        target = TestTargets.sqlite(session, Side.TARGET, dir.resolve("target.sqlite3"));
        try (Statement st = target.jdbc().createStatement()) {
            st.execute("create table customer (id integer primary key, name varchar(20) not null)");
            st.execute("create table orders (id integer primary key, customer_id integer references customer (id), note text)");
            st.execute("create table tag (id integer primary key, label text)");
        }
    }

    @AfterEach
    void close() {
        session.close();
    }

    /** customer, orders (referencing customer) and tag, parents first as the export writes them. */
    private Path dump(String name, String note) throws Exception {
        Path file = dir.resolve(name);
        try (DumpWriter writer = DumpWriter.create(file, HEADER)) {
            writer.beginTable("customer", List.of(new DumpColumn("id", PortableType.INTEGER, "INTEGER", false, true),
                    new DumpColumn("name", PortableType.TEXT, "VARCHAR(20)", false, false)));
            writer.writeRow(new Object[]{1L, "Ada"});
            writer.writeRow(new Object[]{2L, "Grace"});
            writer.endTable();
            writer.beginTable("orders", List.of(new DumpColumn("id", PortableType.INTEGER, "INTEGER", false, true),
                    new DumpColumn("customer_id", PortableType.INTEGER, "INTEGER", true, false),
                    new DumpColumn("note", PortableType.TEXT, "TEXT", true, false)));
            writer.writeRow(new Object[]{10L, 1L, note});
            writer.endTable();
            writer.beginTable("tag", List.of(new DumpColumn("id", PortableType.INTEGER, "INTEGER", false, true),
                    new DumpColumn("label", PortableType.TEXT, "TEXT", true, false)));
            for (long i = 1; i <= 5; i++) {
                writer.writeRow(new Object[]{i, "tag " + i});
            }
            writer.endTable();
        }
        return file;
    }

    private ImportPlan plan(ImportOptions options) {
        return new ImportPlanner(target).plan(options, target.catalog());
    }

    @Test
    void everyTableIsMatchedAndTheRowCountsComeFromTheCheckedTrailers() throws Exception {
        ImportPlan plan = plan(ImportOptions.all(dump("shop.json", "first")));
        assertThat(plan.toLoad()).containsExactly("customer", "orders", "tag");
        assertThat(plan.loading()).extracting(TargetTable::name).containsExactly("customer", "orders", "tag");
        assertThat(plan.loading()).extracting(plan::rowsInFile).containsExactly(2L, 1L, 5L);
        assertThat(plan.order().parentsOf("orders")).containsExactly("customer");
        assertThat(plan.groups()).as("one group unless --jobs on an engine with several writers")
                .containsExactly(Set.of("customer", "orders", "tag"));
        assertThat(plan.earlier()).isNull();
    }

    @Test
    void sqliteTakesOneWriterSoJobsMakeOneGroup() throws Exception {
        ImportPlan plan = plan(ImportOptions.all(dump("shop.json", "first")).withJobs(4));
        assertThat(plan.groups()).hasSize(1);
    }

    @Test
    void theChosenTablesAreTheOnlyOnesMatched() throws Exception {
        Path file = dump("shop.json", "first");
        ImportPlan plan = plan(new ImportOptions(file, List.of("t*"), false, false, 1000, false));
        assertThat(plan.toLoad()).containsExactly("tag");
        assertThat(plan.matched()).containsOnlyKeys("tag");
    }

    @Test
    void everyMismatchIsListedAtOnceAsATargetMismatch() throws Exception {
        Path file = dump("shop.json", "first");
        try (Statement st = target.jdbc().createStatement()) {
            st.execute("drop table tag");
            st.execute("create table tags (id integer primary key, label text)");
            st.execute("alter table orders rename column note to remark");
        }
        DbferryException e = catchThrowableOfType(() -> plan(ImportOptions.all(file)), DbferryException.class);
        assertThat(e.kind()).isEqualTo(DbferryException.Kind.TARGET_MISMATCH);
        assertThat(e.getMessage()).contains("table tag does not exist on the target (closest: tags)",
                "column orders.note does not exist on the target", "nothing was written");
    }

    @Test
    void nonEmptyTablesAreRefusedUnlessCleared() throws Exception {
        Path file = dump("shop.json", "first");
        try (Statement st = target.jdbc().createStatement()) {
            st.execute("insert into tag values (9, 'kept')");
        }
        DbferryException e = catchThrowableOfType(() -> plan(ImportOptions.all(file)), DbferryException.class);
        assertThat(e.kind()).isEqualTo(DbferryException.Kind.TARGET_MISMATCH);
        assertThat(e.where().table()).isEqualTo("tag");
        assertThat(e.nextStep()).contains("--clear");
        assertThat(plan(new ImportOptions(file, List.of(), true, false, 1000, false)).toLoad()).hasSize(3);
    }

    @Test
    void theEncodingGateLooksOnlyAtTheTablesToLoad() throws Exception {
        Path file = dump("shop.json", "nul \u0000 inside");
        String url = TestDatabases.freshPostgres("xfer_plan_gate");
        TestDatabases.execute(url, "create table customer (id bigint primary key, name varchar(20) not null)",
                "create table orders (id bigint primary key, customer_id bigint references customer (id), note text)",
                "create table tag (id bigint primary key, label text)");
        try (DatabaseConnection postgres = TestDatabases.target(url)) {
            ImportPlanner planner = new ImportPlanner(postgres);
            EncodingCheckFailed refused = catchThrowableOfType(() -> planner.plan(ImportOptions.all(file).withCheckFirst(true), postgres.catalog()),
                    EncodingCheckFailed.class);
            assertThat(refused.getMessage()).contains("orders.note", "NUL");
            ImportOptions others = new ImportOptions(file, List.of("customer", "tag"), false, false, 1000, false).withCheckFirst(true);
            assertThat(planner.plan(others, postgres.catalog()).toLoad()).containsExactly("customer", "tag");
            assertThat(planner.plan(ImportOptions.all(file).withSkipValidation(true), postgres.catalog()).toLoad()).hasSize(3);
        }
    }

    @Test
    void aDamagedFileIsRefusedByTheCheckFirstPass() throws Exception {
        Path file = dump("shop.json", "first");
        String text = Files.readString(file);
        Files.writeString(file, text.replace("\"Grace\"", "\"Grac\""));
        DumpFormatException e = catchThrowableOfType(() -> plan(ImportOptions.all(file).withCheckFirst(true)), DumpFormatException.class);
        assertThat(e.getMessage()).contains("table customer", "checksum");
        assertThat(catchThrowableOfType(() -> plan(ImportOptions.all(file).withCheckFirst(true).withSkipValidation(true)),
                DumpFormatException.class).getMessage()).isEqualTo(e.getMessage());
        // without --check-first the plan reads the tables and counts only: the checksum is the load's, table by table
        assertThat(plan(ImportOptions.all(file)).toLoad()).contains("customer");
    }

    /** Without --check-first the plan still reads the file's structure whole: a truncated file is refused before any load. */
    @Test
    void aTruncatedFileIsRefusedByThePlanWithoutTheCheckFirstPass() throws Exception {
        Path file = dump("shop.json", "first");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 40));
        DumpFormatException e = catchThrowableOfType(() -> plan(ImportOptions.all(file)), DumpFormatException.class);
        assertThat(e.getMessage()).contains("truncated");
    }

    @Test
    void aRetryLoadsWhatTheJournalSaysIsNotDone() throws Exception {
        Path file = dump("shop.json", "first");
        DbferryException none = catchThrowableOfType(() -> plan(new ImportOptions(file, List.of(), false, true, 1000, false)),
                DbferryException.class);
        assertThat(none.kind()).isEqualTo(DbferryException.Kind.USAGE);
        assertThat(none.getMessage()).contains("no import journal");

        ImportJournal journal = ImportJournal.start(file, HEADER.createdAt().toString(), target.spec().display());
        journal.record(new ImportJournal.Entry("customer", TableState.DONE, 2, 2, 0.1, null, null, null));
        journal.record(new ImportJournal.Entry("orders", TableState.FAILED, 1, 0, 0.1, "boom", 1L, null));
        ImportPlan retry = plan(new ImportOptions(file, List.of(), false, true, 1000, false));
        assertThat(retry.toLoad()).containsExactly("orders", "tag");
        assertThat(retry.earlier()).isNotNull();
    }
}
