package io.dbferry.core.transfer.imports;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.catalog.Catalog;
import io.dbferry.core.catalog.DependencyOrder;
import io.dbferry.core.catalog.TableNames;
import io.dbferry.core.dialect.Conversions;
import io.dbferry.core.dialect.ValueCoercion;
import io.dbferry.core.dump.DumpColumn;
import io.dbferry.core.dump.DumpContents;
import io.dbferry.core.dump.DumpPass;
import io.dbferry.core.dump.DumpTable;
import io.dbferry.core.dump.TrailerCheck;
import io.dbferry.core.encoding.DumpEncodingCheck;
import io.dbferry.core.encoding.EncodingCheckFailed;
import io.dbferry.core.encoding.EncodingReport;
import io.dbferry.core.encoding.EncodingValidator;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.Names;
import io.dbferry.core.model.Table;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.ImportJournal;
import io.dbferry.core.transfer.ImportOptions;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The checks before an import writes anything, and what they decide: the dump read once end to end
 * (its trailers and, unless skipped, every text value against the target), the schema version, which
 * tables to load (all, the chosen ones, or what the journal says is missing), every table and column
 * matched on the target, the target's tables empty, the order and the groups. Every refusal lists all
 * it found at once and leaves the target as it was.
 */
final class ImportPlanner {

    private static final Logger log = LoggerFactory.getLogger(ImportPlanner.class);

    private final DatabaseConnection target;

    ImportPlanner(DatabaseConnection target) {
        this.target = target;
    }

    /**
     * Everything checked and decided; throws, with nothing written, where the file or the target is not fit. With
     * --check-first the whole file is read first (trailers, checksums and every value against the target); without it
     * only the file's tables and counts are read here ({@link TrailerCheck#skim}) and the load checks each table as it
     * reads it ({@link io.dbferry.core.encoding.LoadCheck}).
     */
    ImportPlan plan(ImportOptions options, Catalog catalog) {
        Conversions conversions = Conversions.parse(options.convert());
        if (options.skipValidation() && !conversions.isEmpty()) {
            throw new DbferryException(Kind.USAGE, Where.NOWHERE, "--convert needs the check pass, which --skip-validation leaves out.",
                    "Leave out --skip-validation: the pass lists every value a rule changes in " + options.changesFile() + ".", null);
        }
        DumpContents contents;
        java.util.function.Consumer<List<String>> encodingGate;
        if (options.checksFirst()) {
            EncodingReport[] ofAll = {null};
            contents = readWhole(options, conversions, ofAll);
            encodingGate = names -> checkEncoding(options, names, ofAll[0]);
        } else {
            contents = TrailerCheck.skim(options.file());
            encodingGate = names -> { };
        }
        checkSchemaVersion("The dump was taken at", contents, catalog, options.allowVersionMismatch());
        ImportJournal earlier = ImportJournal.read(options.file()).orElse(null);
        List<String> toLoad = tablesToLoad(contents, options, earlier);
        return decide(contents, earlier, toLoad, catalog, options, encodingGate);
    }

    /**
     * --check-first: one pass does both checks: the reader checks each table's count and checksum as it goes, and the
     * encoding check reads every row; its report ({@code ofAll[0]}, null with --skip-validation) is only looked at where
     * {@link #decide} says, narrowed to the tables being loaded.
     */
    private DumpContents readWhole(ImportOptions options, Conversions conversions, EncodingReport[] ofAll) {
        TrailerCheck trailers = new TrailerCheck();
        DumpEncodingCheck encoding = options.skipValidation() ? null
                : new EncodingValidator(ProgressListener.NONE).fileCheck(options.file(), target, name -> true, conversions,
                options.changesFile());
        try {
            DumpPass.run(options.file(), encoding == null ? List.of(trailers) : List.of(trailers, encoding));
        } finally {
            if (encoding != null) {
                encoding.closeChanges();
            }
        }
        ofAll[0] = encoding == null ? null : logged(options, encoding.report(!options.rejects()));
        return trailers.contents(options.file());
    }

    /**
     * What an import and a copy decide alike once the records' side is known ({@code contents}: a checked
     * dump, or the source's tables as {@code RecordCopier} describes them): every table and column matched on
     * the target, all mismatches at once; the target's tables empty; the encoding gate ({@code encodingGate}
     * over the tables to load); the foreign-key order and the groups.
     */
    ImportPlan decide(DumpContents contents, ImportJournal earlier, List<String> toLoad, Catalog catalog, ImportOptions options,
                      java.util.function.Consumer<List<String>> encodingGate) {
        Map<String, TargetTable> matched = matchTables(contents, catalog, toLoad, Conversions.parse(options.convert()));
        List<TargetTable> loading = toLoad.stream().map(matched::get).toList();
        DependencyOrder order = DependencyOrder.of(matched.values().stream().map(TargetTable::target).toList());
        if (!options.retryFailed() && !options.clear() && !options.isRejectsFile()) { // a rejects file's rows are appended
            refuseNonEmpty(loading);
        }
        encodingGate.accept(toLoad);
        List<Set<String>> groups = TableGroups.of(loading, t -> contents.table(t.source().name()).orElseThrow().trailer().rowCount(),
                options.jobs() > 1 && target.dialect().concurrentWriters());
        return new ImportPlan(contents, earlier, toLoad, matched, loading, order, groups);
    }

    /** Values must land as they are in the file; a trigger that fires on INSERT could change them. */
    void refuseTriggers(List<TargetTable> tables) {
        List<String> found = new ArrayList<>();
        try {
            for (TargetTable t : tables) {
                target.dialect().insertTriggers(target.jdbc(), t.name()).forEach(trigger -> found.add(t.name() + ": " + trigger));
            }
        } catch (SQLException e) {
            log.warn("cannot list triggers", e);
        }
        if (!found.isEmpty()) {
            throw new DbferryException(Kind.TARGET_MISMATCH, Where.NOWHERE, "Insert triggers on the target would fire during "
                    + "the load and may change the values being imported; nothing was written:\n  - " + String.join("\n  - ", found),
                    "\nAdd --disable-triggers to hold them off for the load (they are in place again afterwards), or "
                    + "--allow-triggers to load with them firing.", null);
        }
    }

    /** The encoding gate: every text value of the tables to load checked against the target before anything is written. */
    private static void checkEncoding(ImportOptions options, List<String> toLoad, EncodingReport ofAllTables) {
        if (ofAllTables == null) {
            return; // --skip-validation
        }
        EncodingReport report = ofAllTables.ofTables(Set.copyOf(toLoad));
        if (report.hasErrors()) {
            throw new EncodingCheckFailed(report, options.file().toString());
        }
    }

    private static EncodingReport logged(ImportOptions options, EncodingReport report) {
        log.info("encoding check of {}: {} text values in {} s, {} errors", options.file(), report.textValues(),
                report.elapsed().toMillis() / 1000.0, report.errors().size());
        return report;
    }

    /** {@code records}: "The dump was taken at", "The source is at". */
    void checkSchemaVersion(String records, DumpContents contents, Catalog catalog, boolean allowMismatch) {
        String dumpVersion = contents.header().schemaVersion();
        String targetVersion = catalog.schemaVersion().orElse(null);
        if (allowMismatch || dumpVersion == null || targetVersion == null || dumpVersion.equals(targetVersion)) {
            return;
        }
        throw new DbferryException(Kind.TARGET_MISMATCH, Where.NOWHERE, records + " schema version " + dumpVersion
                + " but the target is at version " + targetVersion + ".", "Bring the target to the dump's version with "
                + "'migrate --target-version " + dumpVersion + "', or add --allow-version-mismatch if you know the tables agree.", null);
    }

    /** The dump's tables to load: all, those --tables names, or (--retry-failed) those the journal says are not done. */
    private List<String> tablesToLoad(DumpContents contents, ImportOptions options, ImportJournal earlier) {
        List<String> inFile = contents.tables().stream().map(DumpContents.Entry::name).toList();
        List<String> chosen = options.tables().isEmpty() ? inFile : TableNames.select(String.join(",", options.tables()), inFile);
        if (!options.retryFailed()) {
            return chosen;
        }
        if (earlier == null) {
            throw new DbferryException(Kind.USAGE, Where.NOWHERE, "There is no import journal for " + options.file()
                    + ", so nothing to retry.", "Run 'import-records -f " + options.file() + "' first.", null);
        }
        if (!contents.header().createdAt().toString().equals(earlier.dumpCreatedAt())) {
            throw new DbferryException(Kind.USAGE, Where.NOWHERE, "The journal " + earlier.file()
                    + " belongs to an earlier export of this file name.", "Import this dump in full with --clear, or delete the journal.", null);
        }
        if (!target.spec().display().equals(earlier.target())) {
            throw new DbferryException(Kind.USAGE, Where.NOWHERE, "The journal records an import into " + earlier.target()
                    + ", not into " + target.spec().display() + ".", "Connect the target the journal names, or import in full with --clear.", null);
        }
        return stillToLoad(chosen, earlier);
    }

    /** Of the {@code chosen} tables, those the journal does not record as done. */
    static List<String> stillToLoad(List<String> chosen, ImportJournal earlier) {
        return chosen.stream().filter(name -> earlier.entry(targetNameOf(name, earlier))
                .map(e -> e.state().needsRetry()).orElse(true)).toList();
    }

    /** The journal keys tables by target name, which is the dump's name or the one differing from it only in case. */
    private static String targetNameOf(String dumpName, ImportJournal journal) {
        return Names.find(dumpName, journal.entries().stream().map(ImportJournal.Entry::table).toList()).orElse(dumpName);
    }

    /** Every table and column of the file, matched on the target; all mismatches are listed at once. */
    private Map<String, TargetTable> matchTables(DumpContents contents, Catalog catalog, List<String> toLoad, Conversions conversions) {
        List<String> targetNames = catalog.tableNames();
        List<String> problems = new ArrayList<>();
        Map<String, TargetTable> matched = new LinkedHashMap<>();
        Map<String, String> landing = new HashMap<>(); // target name -> the file's table loading into it
        Set<String> strict = target.dialect().strictTables(target.jdbc());
        for (DumpContents.Entry entry : contents.tables()) {
            DumpTable table = entry.table();
            if (!toLoad.contains(table.name())) {
                continue;
            }
            String name = Names.find(table.name(), targetNames).orElse(null);
            if (name == null) {
                List<String> close = TableNames.closest(table.name(), targetNames, 2);
                problems.add("table " + table.name() + " does not exist on the target"
                        + (close.isEmpty() ? "" : " (closest: " + String.join(", ", close) + ")"));
                continue;
            }
            String twin = landing.putIfAbsent(name, table.name());
            if (twin != null) {
                problems.add("tables " + twin + " and " + table.name() + " of the file would both load into target table " + name
                        + " (the target does not keep names that differ only in case apart)");
                continue;
            }
            Table targetTable = catalog.table(name);
            int before = problems.size();
            problems.addAll(columnProblems(table, targetTable));
            if (problems.size() == before) {
                matched.put(table.name(), TargetTable.match(table, targetTable, target.dialect(), conversions,
                        strict.contains(targetTable.name())));
            }
        }
        if (!problems.isEmpty()) {
            throw new DbferryException(Kind.TARGET_MISMATCH, Where.NOWHERE, "The target does not match the dump; nothing was "
                    + "written:\n  - " + String.join("\n  - ", problems),
                    "\nCreate the missing tables and columns (migrate, or copy-schema), or leave tables out with --tables.", null);
        }
        return matched;
    }

    /** A file column the target lacks or cannot hold, and a target column that needs a value the file lacks. */
    private static List<String> columnProblems(DumpTable table, Table targetTable) {
        List<String> problems = new ArrayList<>();
        for (DumpColumn column : table.columns()) {
            Column targetColumn = targetTable.column(column.name()).orElse(null);
            if (targetColumn == null) {
                problems.add("column " + table.name() + "." + column.name() + " does not exist on the target");
            } else if (!ValueCoercion.compatible(column.type(), targetColumn.portableType())) {
                problems.add("column " + table.name() + "." + column.name() + " holds "
                        + column.type().name().toLowerCase(Locale.ROOT) + " values but the target column is " + targetColumn.declaredType());
            }
        }
        for (Column targetColumn : targetTable.columns()) {
            boolean inFile = table.columns().stream().anyMatch(c -> targetTable.column(c.name()).filter(targetColumn::equals).isPresent());
            if (!inFile && !targetColumn.nullable() && targetColumn.defaultValue() == null && !targetColumn.autoIncrement()
                    && !targetColumn.isGenerated()) {
                problems.add("column " + targetTable.name() + "." + targetColumn.name() + " on the target is NOT NULL without a default"
                        + " and the file has no values for it");
            }
        }
        return problems;
    }

    private void refuseNonEmpty(List<TargetTable> tables) {
        List<String> nonEmpty = new ArrayList<>();
        var dsl = target.dialect().dsl(target.jdbc());
        for (TargetTable t : tables) {
            if (dsl.fetchExists(DSL.selectOne().from(DSL.table(DSL.name(t.name()))))) {
                nonEmpty.add(t.name());
            }
        }
        if (!nonEmpty.isEmpty()) {
            throw new DbferryException(Kind.TARGET_MISMATCH, nonEmpty.size() == 1 ? Where.table(nonEmpty.get(0)) : Where.NOWHERE,
                    "These target tables already hold rows: " + String.join(", ", nonEmpty) + "; nothing was written.",
                    "Add --clear to empty exactly the tables being imported first.", null);
        }
    }
}
