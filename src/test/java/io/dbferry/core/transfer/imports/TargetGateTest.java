package io.dbferry.core.transfer.imports;

import io.dbferry.core.dump.DumpColumn;
import io.dbferry.core.dump.DumpHeader;
import io.dbferry.core.dump.DumpWriter;
import io.dbferry.core.encoding.EncodingCheckFailed;
import io.dbferry.core.encoding.EncodingReport;
import io.dbferry.core.encoding.EncodingReport.Finding;
import io.dbferry.core.encoding.EncodingValidator;
import io.dbferry.core.model.PortableType;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.schema.MigrationPlan;
import io.dbferry.core.schema.MigrationPlanner;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.core.transfer.ImportOptions;
import io.dbferry.core.transfer.ImportResult;
import io.dbferry.core.transfer.TableState;
import io.dbferry.testing.ServerInfo;
import io.dbferry.testing.TestServers;
import io.dbferry.testing.TestTargets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every value the target cannot hold exactly is listed in one run, by plan, validate-encoding and the
 * import's gate, before anything is written; and the load's own row check refuses them too.
 */
class TargetGateTest {

    @TempDir
    Path dir;

    /** 8 values the targets below cannot hold exactly, in rows 2 and 3, each of its own reason. */
    private static final Map<String, String> MISFITS = Map.of(
            "money", "SCALE", "tiny", "SCALE", "doc", "NOT_JSON", "data", "TEXT_INTO_BINARY",
            "born", "ZERO_DATE", "qty", "TEXT_IN_NUMBER");

    private Path dump() throws Exception {
        Path file = dir.resolve("gate.json");
        try (DumpWriter writer = DumpWriter.create(file, new DumpHeader(1, "0.1.0", Instant.parse("2024-05-01T10:15:30Z"),
                "SQLite", "3.45", "t.sqlite3", null))) {
            writer.beginTable("vals", List.of(new DumpColumn("id", PortableType.INTEGER, "INTEGER", false, true),
                    new DumpColumn("money", PortableType.DECIMAL, "NUMERIC(10,2)", true, false),
                    new DumpColumn("tiny", PortableType.DOUBLE, "REAL", true, false),
                    new DumpColumn("doc", PortableType.TEXT, "TEXT", true, false),
                    new DumpColumn("data", PortableType.TEXT, "", true, false),
                    new DumpColumn("born", PortableType.TEXT, "TEXT", true, false),
                    new DumpColumn("qty", PortableType.TEXT, "TEXT", true, false)));
            writer.writeRow(new Object[]{1L, new BigDecimal("1.25"), 0.5, "{\"a\": 1}", null, "2021-01-01", "12"});
            writer.writeRow(new Object[]{2L, new BigDecimal("2.675"), 5e-324, "{not json", "hello", "0000-00-00", "abc"});
            writer.writeRow(new Object[]{3L, new BigDecimal("123456789.5"), 1.0, "[1, 2]", null, "soon", "7"});
            writer.endTable();
        }
        return file;
    }

    private static final int EXPECTED = 8;

    private static DatabaseConnection target(Session session, ServerInfo server, String database) throws Exception {
        DatabaseConnection target = TestTargets.fresh(session, Side.TARGET, server, database);
        String ddl = server.isMySql()
                ? "create table vals (id int primary key, money decimal(10,2), tiny decimal(38,10), doc json, data blob, born date, qty int)"
                : "create table vals (id integer primary key, money numeric(10,2), tiny numeric(38,10), doc jsonb, data bytea, born date, qty integer)";
        try (Statement st = target.jdbc().createStatement()) {
            st.execute(ddl);
        }
        return target;
    }

    @Test
    void intoPostgresEveryProblemAtOnce() throws Exception {
        try (Session session = new Session()) {
            everyProblemAtOnce(target(session, TestServers.postgres(), "dbferry_gate_pg"));
        }
    }

    @Test
    void intoMariaDbEveryProblemAtOnce() throws Exception {
        try (Session session = new Session()) {
            everyProblemAtOnce(target(session, TestServers.mariadb(), "dbferry_gate_my"));
        }
    }

    private void everyProblemAtOnce(DatabaseConnection target) throws Exception {
        Path file = dump();

        MigrationPlan plan = new MigrationPlanner(target).fromFile(file);
        assertThat(plan.valueProblems()).isEqualTo(EXPECTED);
        assertThat(plan.wouldFail()).isTrue();
        assertThat(plan.problems()).anySatisfy(p -> assertThat(p).contains("column money").contains("\"2.675\"").contains("scale"));

        EncodingReport report = new EncodingValidator(ProgressListener.NONE).validateFile(file, target, name -> true);
        assertThat(report.errorValues()).isEqualTo(EXPECTED);
        assertThat(byColumn(report)).containsAllEntriesOf(MISFITS);
        Finding money = report.errors().stream().filter(f -> f.column().equals("money")).toList().get(0);
        assertThat(money.count()).isEqualTo(1);
        assertThat(money.examples()).extracting(EncodingReport.Example::key).containsExactly("(id=2)");
        assertThat(report.errors().stream().filter(f -> f.column().equals("money")).map(f -> f.kind().name()))
                .containsExactlyInAnyOrder("SCALE", "PRECISION");
        assertThat(report.errors().stream().filter(f -> f.column().equals("born")).map(f -> f.kind().name()))
                .containsExactlyInAnyOrder("ZERO_DATE", "NOT_A_DATE");

        EncodingCheckFailed refused = catchThrowableOfType(
                () -> new Importer(target, ProgressListener.NONE).importFile(ImportOptions.all(file)), EncodingCheckFailed.class);
        assertThat(refused.report().errorValues()).isEqualTo(EXPECTED);
        assertThat(refused.getMessage()).contains("vals.money").contains("vals.doc").contains("vals.qty");
        assertThat(count(target)).isZero();

        // past the gate, the load's own check still refuses the table rather than commit a changed value
        ImportResult result = new Importer(target, ProgressListener.NONE).importFile(ImportOptions.all(file).withSkipValidation(true));
        assertThat(result.tables()).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(TableState.FAILED);
            assertThat(e.reason()).contains("row 2").contains("money");
        });
        assertThat(count(target)).isZero();
    }

    @Test
    void intoPostgresEachRuleChangesExactlyTheValuesItNamesAndReportsEach() throws Exception {
        Path file = dir.resolve("conv.json");
        try (DumpWriter writer = DumpWriter.create(file, new DumpHeader(1, "0.1.0", Instant.parse("2024-05-01T10:15:30Z"),
                "SQLite", "3.45", "t.sqlite3", null))) {
            writer.beginTable("conv", List.of(new DumpColumn("id", PortableType.INTEGER, "INTEGER", false, true),
                    new DumpColumn("born", PortableType.TEXT, "TEXT", true, false),
                    new DumpColumn("qty", PortableType.TEXT, "TEXT", true, false)));
            writer.writeRow(new Object[]{1L, "2021-01-01", "12"});
            writer.writeRow(new Object[]{2L, "0000-00-00", "abc"});
            writer.writeRow(new Object[]{3L, "soon", "7"});
            writer.endTable();
        }
        try (Session session = new Session()) {
            DatabaseConnection target = TestTargets.fresh(session, Side.TARGET, TestServers.postgres(), "dbferry_gate_conv");
            try (Statement st = target.jdbc().createStatement()) {
                st.execute("create table conv (id integer primary key, born date, qty integer)");
            }
            ImportOptions twoRules = ImportOptions.all(file).withConvert(List.of("conv.born=zero-date-to-null", "conv.qty=text-to-number-or-null"));
            EncodingCheckFailed refused = catchThrowableOfType(
                    () -> new Importer(target, ProgressListener.NONE).importFile(twoRules), EncodingCheckFailed.class);
            assertThat(refused.report().errorValues()).as("'soon' is no zero date: no rule named lets it through").isEqualTo(1);
            assertThat(refused.getMessage()).contains("conv.born").contains("--convert conv.born=invalid-to-null");
            assertThat(refused.report().warnings()).extracting(Finding::count).containsExactly(1L, 1L);
            assertThat(count(target, "conv")).isZero();

            ImportOptions withAll = twoRules.withConvert(List.of("conv.born=zero-date-to-null", "conv.qty=text-to-number-or-null", "invalid-to-null"));
            ImportResult result = new Importer(target, ProgressListener.NONE).importFile(withAll);
            assertThat(result.succeeded()).isTrue();
            try (Statement st = target.jdbc().createStatement();
                 ResultSet rs = st.executeQuery("select id, born::text, qty from conv order by id")) {
                StringBuilder rows = new StringBuilder();
                while (rs.next()) {
                    rows.append(rs.getLong(1)).append(' ').append(rs.getString(2)).append(' ').append(rs.getString(3)).append('|');
                }
                assertThat(rows.toString()).isEqualTo("1 2021-01-01 12|2 null null|3 null 7|");
            }
            var changes = new com.fasterxml.jackson.databind.ObjectMapper().readTree(withAll.changesFile().toFile());
            assertThat(changes).hasSize(3);
            List<String> listed = new java.util.ArrayList<>();
            changes.forEach(c -> listed.add(c.get("key").asText() + " " + c.get("column").asText() + " " + c.get("rule").asText()
                    + " " + c.get("before").asText() + " -> " + c.get("after").asText()));
            assertThat(listed).containsExactlyInAnyOrder("(id=2) born zero-date-to-null 0000-00-00 -> null",
                    "(id=2) qty text-to-number-or-null abc -> null", "(id=3) born invalid-to-null soon -> null");
        }
    }

    /** The first reason found per column (the columns with one reason each). */
    private static Map<String, String> byColumn(EncodingReport report) {
        return report.errors().stream().collect(Collectors.toMap(Finding::column, f -> f.kind().name(), (a, b) -> a));
    }

    private static long count(DatabaseConnection target) throws Exception {
        return count(target, "vals");
    }

    private static long count(DatabaseConnection target, String table) throws Exception {
        try (Statement st = target.jdbc().createStatement(); ResultSet rs = st.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
