package io.dbferry.core.transfer;

import io.dbferry.core.DbferryException;
import io.dbferry.core.catalog.Catalog;
import io.dbferry.core.catalog.DependencyOrder;
import io.dbferry.core.catalog.TableNames;
import io.dbferry.core.dialect.BulkLoader;
import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dialect.Excerpt;
import io.dbferry.core.dialect.ValueCoercion;
import io.dbferry.core.dialect.ValueConversionException;
import io.dbferry.core.dump.DumpColumn;
import io.dbferry.core.dump.DumpContents;
import io.dbferry.core.dump.DumpFormatException;
import io.dbferry.core.dump.DumpReader;
import io.dbferry.core.dump.DumpTable;
import io.dbferry.core.encoding.EncodingCheckFailed;
import io.dbferry.core.encoding.EncodingReport;
import io.dbferry.core.encoding.EncodingValidator;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.ForeignKey;
import io.dbferry.core.model.Table;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.ImportJournal.Entry;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Loads a dump into the target: check the whole file and the target's tables first, then load table
 * by table in foreign-key order, each in its own transaction. A failing table is rolled back whole and
 * its dependents skipped; the journal beside the dump records every state, so a retry picks up exactly
 * what is missing.
 */
public final class Importer {

    private static final Logger log = LoggerFactory.getLogger(Importer.class);
    private static final String CANCELLED = io.dbferry.core.progress.OperationCancelledException.REASON;

    private final DatabaseConnection target;
    private final ProgressListener progress;

    public Importer(DatabaseConnection target, ProgressListener progress) {
        this.target = target;
        this.progress = progress;
    }

    public ImportResult importFile(ImportOptions options) {
        Instant started = Instant.now();
        EncodingReport encodingOfAll = null;
        DumpContents contents = null;
        if (!options.skipValidation()) {
            // one pass does both checks: the encoding check reads every row, and the reader checks each
            // table's count and checksum as it goes; the report is only looked at where the order below says,
            // narrowed to the tables being loaded
            DumpContents.Collector collector = new DumpContents.Collector();
            try {
                EncodingReport report = validateEncoding(options, name -> true, collector);
                if (!report.stoppedEarly()) {
                    encodingOfAll = report;
                    contents = collector.build(options.file());
                }
            } catch (RuntimeException e) {
                log.debug("the combined check failed; the file check runs on its own to report it", e);
            }
        }
        if (contents == null) {
            contents = DumpContents.read(options.file());
        }
        Catalog catalog = target.catalog();
        checkSchemaVersion(contents, catalog, options.allowVersionMismatch());
        ImportJournal earlier = ImportJournal.read(options.file()).orElse(null);
        List<String> toLoad = tablesToLoad(contents, options, earlier);
        Map<String, TargetTable> mapped = matchTables(contents, catalog, toLoad);

        List<TargetTable> loading = toLoad.stream().map(mapped::get).toList();
        DependencyOrder order = DependencyOrder.of(mapped.values().stream().map(TargetTable::target).toList());
        if (!options.retryFailed() && !options.clear()) {
            refuseNonEmpty(loading);
        }
        checkEncoding(options, toLoad, encodingOfAll);

        ImportJournal journal = ImportJournal.start(options.file(), contents.header().createdAt().toString(),
                target.spec().display());
        if (options.retryFailed() && earlier != null) {
            journal.carryOver(earlier);
        }
        Map<String, Long> planned = new LinkedHashMap<>();
        for (TargetTable t : loading) {
            long rows = contents.table(t.source().name()).orElseThrow().trailer().rowCount();
            journal.record(new Entry(t.name(), TableState.PENDING, rows, 0, null, null, null, null));
            planned.put(t.name(), rows);
        }
        progress.planned(new ArrayList<>(planned.keySet()), planned);

        // checks stay off while tables are emptied and loaded (self-references, cycles); every key is checked at the end
        boolean checksOff = switchForeignKeyChecks(false);
        if (!options.allowTriggers()) {
            refuseTriggers(loading, checksOff);
        }
        if (options.retryFailed() || options.clear()) {
            clear(loading, order);
        }
        // per committed table, the parents its keys were checked against before the commit
        Map<String, Set<String>> checkedAtCommit = new java.util.concurrent.ConcurrentHashMap<>();
        try {
            List<Set<String>> groups = groupsToLoad(loading, contents, options.jobs());
            if (groups.size() == 1) {
                loadInFileOrder(target, groups.get(0), options, contents, mapped, order, journal, checksOff, checkedAtCommit);
            } else {
                loadInParallel(groups, options, contents, mapped, order, journal, checksOff, checkedAtCommit);
            }
        } finally {
            if (checksOff) {
                switchForeignKeyChecks(true);
            }
        }
        List<String> violations = checksOff ? findViolations(catalog, loading, checkedAtCommit) : List.of();
        List<Entry> entries = journal.entries().stream().filter(e -> toLoad.contains(sourceName(mapped, e.table()))).toList();
        return new ImportResult(options.file(), entries, violations, Duration.between(started, Instant.now()));
    }

    /**
     * The tables to load, as groups that share no foreign key with each other: one group holding every
     * table unless {@code jobs} > 1 and the target takes several writers at once. Largest groups first.
     */
    private List<Set<String>> groupsToLoad(List<TargetTable> loading, DumpContents contents, int jobs) {
        Set<String> names = loading.stream().map(TargetTable::name).collect(Collectors.toCollection(LinkedHashSet::new));
        if (jobs <= 1 || !target.dialect().concurrentWriters()) {
            return List.of(names);
        }
        // union-find over the foreign keys between the tables being loaded
        Map<String, String> root = new HashMap<>();
        names.forEach(n -> root.put(n, n));
        java.util.function.UnaryOperator<String> find = n -> {
            while (!root.get(n).equals(n)) {
                n = root.get(n);
            }
            return n;
        };
        for (TargetTable t : loading) {
            for (ForeignKey fk : t.target().foreignKeys()) {
                if (names.contains(fk.referencedTable())) {
                    root.put(find.apply(t.name()), find.apply(fk.referencedTable()));
                }
            }
        }
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        Map<String, Long> rows = new HashMap<>();
        for (TargetTable t : loading) {
            String r = find.apply(t.name());
            groups.computeIfAbsent(r, k -> new LinkedHashSet<>()).add(t.name());
            rows.merge(r, contents.table(t.source().name()).orElseThrow().trailer().rowCount(), Long::sum);
        }
        return groups.entrySet().stream().sorted((x, y) -> Long.compare(rows.get(y.getKey()), rows.get(x.getKey())))
                .map(Map.Entry::getValue).toList();
    }

    /**
     * --jobs: each group of tables loads in file order on a connection of its own, up to {@code jobs}
     * groups at a time. Groups share no foreign key, so each table's keys are still checked before its
     * commit against parents already final, and a failed table only skips tables of its own group.
     */
    private void loadInParallel(List<Set<String>> groups, ImportOptions options, DumpContents contents,
                                Map<String, TargetTable> mapped, DependencyOrder order, ImportJournal journal,
                                boolean checksOff, Map<String, Set<String>> checkedAtCommit) {
        int workers = Math.min(options.jobs(), groups.size());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task, "dbferry-import-job");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (Set<String> group : groups) {
                running.add(pool.submit(() -> {
                    try (DatabaseConnection own = target.openAnother()) {
                        if (checksOff) {
                            own.dialect().setForeignKeyChecks(own.jdbc(), false);
                        }
                        loadInFileOrder(own, group, options, contents, mapped, order, journal, checksOff, checkedAtCommit);
                    }
                    return null;
                }));
            }
            RuntimeException first = null;
            for (java.util.concurrent.Future<?> job : running) {
                try {
                    job.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (first == null) {
                        first = cause instanceof RuntimeException r ? r
                                : new DbferryException("A parallel import job failed: " + cause.getMessage(), null, cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DbferryException("The import was interrupted.", null, e);
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Loads the given tables in file order (the export wrote them parents first) through {@code db}; a
     * table whose parent failed is skipped. With foreign-key checks off, each table's keys are checked
     * before its commit against the parents already final; {@code checkedAtCommit} records which.
     */
    private void loadInFileOrder(DatabaseConnection db, Set<String> tables, ImportOptions options, DumpContents contents,
                                 Map<String, TargetTable> mapped, DependencyOrder order, ImportJournal journal,
                                 boolean checksOff, Map<String, Set<String>> checkedAtCommit) {
        Set<String> broken = new LinkedHashSet<>();
        Set<String> pending = new LinkedHashSet<>(tables);
        try (DumpReader reader = DumpReader.open(options.file())) {
            DumpTable table;
            while ((table = reader.nextTable()) != null) {
                TargetTable t = mapped.get(table.name());
                if (t == null || !tables.contains(t.name())) {
                    continue;
                }
                pending.remove(t.name());
                long rowsInFile = contents.table(table.name()).orElseThrow().trailer().rowCount();
                String missingParent = order.parentsOf(t.name()).stream().filter(broken::contains).findFirst().orElse(null);
                if (progress.cancelled()) { // after Ctrl-C the rest waits for --retry-failed
                    journal.record(new Entry(t.name(), TableState.SKIPPED, rowsInFile, 0, null, CANCELLED, null, null));
                    progress.tableFailed(t.name(), "skipped (" + CANCELLED + ")");
                    continue;
                }
                if (missingParent != null) {
                    broken.add(t.name());
                    journal.record(new Entry(t.name(), TableState.SKIPPED, rowsInFile, 0, null,
                            "needs " + missingParent, null, null));
                    progress.tableFailed(t.name(), "skipped (needs " + missingParent + ")");
                    continue;
                }
                Entry outcome = new TableLoad(db, t, rowsInFile, reader, options.batchSize(), journal,
                        checksOff ? pending : null, options.file()).run();
                if (outcome.state() != TableState.DONE) {
                    broken.add(t.name());
                } else if (checksOff) {
                    checkedAtCommit.put(t.name(), t.target().foreignKeys().stream().map(ForeignKey::referencedTable)
                            .filter(parent -> !pending.contains(parent)).collect(Collectors.toSet()));
                }
            }
        } catch (IOException e) {
            throw new DbferryException("Cannot read " + options.file() + ": " + e.getMessage(), null, e);
        }
    }

    /** The encoding gate: every text value of the tables to load checked against the target before anything is written. */
    private void checkEncoding(ImportOptions options, List<String> toLoad, EncodingReport ofAllTables) {
        if (options.skipValidation()) {
            return;
        }
        Set<String> tables = Set.copyOf(toLoad);
        EncodingReport report = ofAllTables != null ? ofAllTables.ofTables(tables) : validateEncoding(options, tables::contains, null);
        if (report.hasErrors()) {
            throw new EncodingCheckFailed(report, options.file().toString());
        }
    }

    private EncodingReport validateEncoding(ImportOptions options, java.util.function.Predicate<String> tables,
                                            DumpContents.Collector contents) {
        EncodingReport report = new EncodingValidator(ProgressListener.NONE).validateFile(options.file(), target, tables, contents);
        log.info("encoding check of {}: {} text values in {} s, {} errors", options.file(), report.textValues(),
                report.elapsed().toMillis() / 1000.0, report.errors().size());
        return report;
    }

    private static String sourceName(Map<String, TargetTable> mapped, String targetName) {
        return mapped.values().stream().filter(t -> t.name().equals(targetName)).map(t -> t.source().name())
                .findFirst().orElse(targetName);
    }

    private void checkSchemaVersion(DumpContents contents, Catalog catalog, boolean allowMismatch) {
        String dumpVersion = contents.header().schemaVersion();
        String targetVersion = catalog.schemaVersion().orElse(null);
        if (allowMismatch || dumpVersion == null || targetVersion == null || dumpVersion.equals(targetVersion)) {
            return;
        }
        throw new DbferryException("The dump was taken at schema version " + dumpVersion + " but the target is at version "
                + targetVersion + ".", "Bring the target to the dump's version with 'migrate --target-version " + dumpVersion
                + "', or add --allow-version-mismatch if you know the tables agree.");
    }

    /** Every table and column of the file, matched on the target; all mismatches are listed at once. */
    private Map<String, TargetTable> matchTables(DumpContents contents, Catalog catalog, List<String> toLoad) {
        List<String> targetNames = catalog.tableNames();
        List<String> problems = new ArrayList<>();
        Map<String, TargetTable> mapped = new LinkedHashMap<>();
        for (DumpContents.Entry entry : contents.tables()) {
            DumpTable table = entry.table();
            if (!toLoad.contains(table.name())) {
                continue;
            }
            String name = targetNames.stream().filter(n -> n.equals(table.name())).findFirst()
                    .or(() -> targetNames.stream().filter(n -> n.equalsIgnoreCase(table.name())).findFirst())
                    .orElse(null);
            if (name == null) {
                List<String> close = TableNames.closest(table.name(), targetNames, 2);
                problems.add("table " + table.name() + " does not exist on the target"
                        + (close.isEmpty() ? "" : " (closest: " + String.join(", ", close) + ")"));
                continue;
            }
            Table targetTable = catalog.table(name);
            int before = problems.size();
            for (DumpColumn column : table.columns()) {
                Column targetColumn = targetTable.column(column.name()).orElse(null);
                if (targetColumn == null) {
                    problems.add("column " + table.name() + "." + column.name() + " does not exist on the target");
                } else if (!ValueCoercion.compatible(column.type(), targetColumn.portableType())) {
                    problems.add("column " + table.name() + "." + column.name() + " holds " + type(column.type())
                            + " values but the target column is " + targetColumn.declaredType());
                }
            }
            for (Column targetColumn : targetTable.columns()) {
                boolean inFile = table.columns().stream().anyMatch(c -> c.name().equalsIgnoreCase(targetColumn.name()));
                if (!inFile && !targetColumn.nullable() && targetColumn.defaultValue() == null && !targetColumn.autoIncrement()) {
                    problems.add("column " + name + "." + targetColumn.name() + " on the target is NOT NULL without a default"
                            + " and the file has no values for it");
                }
            }
            if (problems.size() == before) {
                mapped.put(table.name(), TargetTable.match(table, targetTable, target.dialect()));
            }
        }
        if (!problems.isEmpty()) {
            throw new DbferryException("The target does not match the dump; nothing was written:\n  - "
                    + String.join("\n  - ", problems),
                    "\nCreate the missing tables and columns (migrate, or copy-schema), or leave tables out with --tables.");
        }
        return mapped;
    }

    private static String type(io.dbferry.core.model.PortableType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    private List<String> tablesToLoad(DumpContents contents, ImportOptions options, ImportJournal earlier) {
        List<String> inFile = contents.tables().stream().map(DumpContents.Entry::name).toList();
        List<String> chosen = options.tables().isEmpty() ? inFile : TableNames.select(String.join(",", options.tables()), inFile);
        if (!options.retryFailed()) {
            return chosen;
        }
        if (earlier == null) {
            throw new DbferryException("There is no import journal for " + options.file() + ", so nothing to retry.",
                    "Run 'import-records -f " + options.file() + "' first.");
        }
        if (!contents.header().createdAt().toString().equals(earlier.dumpCreatedAt())) {
            throw new DbferryException("The journal " + earlier.file() + " belongs to an earlier export of this file name.",
                    "Import this dump in full with --clear, or delete the journal.");
        }
        if (!target.spec().display().equals(earlier.target())) {
            throw new DbferryException("The journal records an import into " + earlier.target() + ", not into "
                    + target.spec().display() + ".", "Connect the target the journal names, or import in full with --clear.");
        }
        return chosen.stream().filter(name -> earlier.entry(targetNameOf(contents, name, earlier))
                .map(e -> e.state().needsRetry()).orElse(true)).toList();
    }

    /** The journal keys tables by target name; match it case-insensitively to the dump's name. */
    private static String targetNameOf(DumpContents contents, String dumpName, ImportJournal journal) {
        return journal.entries().stream().map(Entry::table).filter(t -> t.equalsIgnoreCase(dumpName)).findFirst().orElse(dumpName);
    }

    /** Values must land as they are in the file; a trigger that fires on INSERT could change them. */
    private void refuseTriggers(List<TargetTable> tables, boolean checksOff) {
        List<String> found = new ArrayList<>();
        try {
            for (TargetTable t : tables) {
                target.dialect().insertTriggers(target.jdbc(), t.name()).forEach(trigger -> found.add(t.name() + ": " + trigger));
            }
        } catch (SQLException e) {
            log.warn("cannot list triggers", e);
        }
        if (!found.isEmpty()) {
            if (checksOff) {
                switchForeignKeyChecks(true);
            }
            throw new DbferryException("Insert triggers on the target would fire during the load and may change the values "
                    + "being imported; nothing was written:\n  - " + String.join("\n  - ", found),
                    "\nDrop or disable them for the load and create them again afterwards, or add --allow-triggers "
                    + "to load with them firing.");
        }
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
            throw new DbferryException("These target tables already hold rows: " + String.join(", ", nonEmpty)
                    + "; nothing was written.", "Add --clear to empty exactly the tables being imported first.");
        }
    }

    /** Empties the tables about to be loaded, children before parents, each in its own transaction. */
    private void clear(List<TargetTable> tables, DependencyOrder order) {
        Set<String> names = tables.stream().map(TargetTable::name).collect(Collectors.toSet());
        Connection jdbc = target.jdbc();
        var dsl = target.dialect().dsl(jdbc);
        for (String name : order.reversed()) {
            if (!names.contains(name)) {
                continue;
            }
            try {
                jdbc.setAutoCommit(false);
                dsl.deleteFrom(DSL.table(DSL.name(name))).execute();
                jdbc.commit();
            } catch (SQLException | org.jooq.exception.DataAccessException e) {
                rollbackQuietly(jdbc);
                throw new DbferryException("Cannot empty table " + name + " before loading it: " + DbferryException.rootMessage(e),
                        "Another table that is not being imported may still reference its rows; import that table too, or empty it yourself.", e);
            } finally {
                autoCommitQuietly(jdbc);
            }
        }
    }

    /** Returns true when checks were switched (and must be switched back and verified at the end). */
    private boolean switchForeignKeyChecks(boolean enabled) {
        try {
            target.dialect().setForeignKeyChecks(target.jdbc(), enabled);
            return true;
        } catch (SQLException e) {
            // e.g. PostgreSQL without superuser: load with checks on, relying on the dependency order
            log.info("cannot switch foreign-key checks {}: {}", enabled ? "on" : "off", e.getMessage());
            return false;
        }
    }

    /**
     * Rows whose foreign keys point at nothing, in the tables written and in every table that references
     * them (emptying a parent can orphan a child that was not imported); listed by table and key. A key
     * checked before its table's commit against a parent already final is not read again.
     */
    private List<String> findViolations(Catalog catalog, List<TargetTable> written, Map<String, Set<String>> checkedAtCommit) {
        Set<String> names = written.stream().map(TargetTable::name).collect(Collectors.toSet());
        List<String> violations = new ArrayList<>();
        // the written tables' own keys, then the keys of other tables that point at them: no other table is read
        written.forEach(t -> {
            Set<String> checked = checkedAtCommit.getOrDefault(t.name(), Set.of());
            violations.addAll(violationsOf(t.target(), fk -> !checked.contains(fk.referencedTable())));
        });
        Set<String> children = new java.util.TreeSet<>();
        written.forEach(t -> catalog.referencingKeys(t.name()).stream().map(ForeignKey::table)
                .filter(child -> !names.contains(child)).forEach(children::add));
        children.forEach(child -> violations.addAll(violationsOf(catalog.table(child), fk -> names.contains(fk.referencedTable()))));
        return violations;
    }

    /** Rows of {@code table} whose foreign keys (those {@code which} selects) point at nothing; at most 5 per key. */
    private List<String> violationsOf(Table table, java.util.function.Predicate<ForeignKey> which) {
        return violationsOf(target, table, which);
    }

    private static List<String> violationsOf(DatabaseConnection db, Table table, java.util.function.Predicate<ForeignKey> which) {
        List<String> violations = new ArrayList<>();
        var dsl = db.dialect().dsl(db.jdbc());
        for (ForeignKey fk : table.foreignKeys()) {
            if (!which.test(fk)) {
                continue;
            }
            var child = DSL.table(DSL.name(fk.table())).as("c");
            var parent = DSL.table(DSL.name(fk.referencedTable())).as("p");
            var join = DSL.and(indexed(fk.columns().size(), i -> DSL.field(DSL.name("p", fk.referencedColumns().get(i)))
                    .eq(DSL.field(DSL.name("c", fk.columns().get(i))))));
            var notNull = DSL.and(fk.columns().stream().map(c -> DSL.field(DSL.name("c", c)).isNotNull()).toList());
            List<String> keyColumns = ParentKeyCheck.keyColumns(table, fk);
            var rows = dsl.select(keyColumns.stream().map(k -> DSL.field(DSL.name("c", k))).toList())
                    .from(child).where(notNull).andNotExists(DSL.selectOne().from(parent).where(join))
                    .limit(5).fetch();
            for (var row : rows) {
                violations.add(ParentKeyCheck.orphan(table, keyColumns, List.of(row.intoArray()), fk));
            }
        }
        return violations;
    }

    private static <T> List<T> indexed(int n, java.util.function.IntFunction<T> f) {
        List<T> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(f.apply(i));
        }
        return list;
    }

    /** Loads one table in one transaction: all its rows, or none. */
    private final class TableLoad {

        private final TargetTable table;
        private final long rowsInFile;
        private final DumpReader reader;
        private final int batchSize;
        private final ImportJournal journal;
        /** With foreign-key checks off: tables still to load, whose rows this table may not find yet; else null. */
        private final Set<String> pending;
        private final java.nio.file.Path contentsFile;
        private final DatabaseConnection db;
        private final Dialect dialect;
        private final Connection jdbc;
        private final List<Object[]> batch = new ArrayList<>();
        private long batchFirstRow = 1;
        /** With foreign-key checks off: the keys checked as the rows go by (see ParentKeyCheck); else null. */
        private ParentKeyCheck parentKeys;

        TableLoad(DatabaseConnection db, TargetTable table, long rowsInFile, DumpReader reader, int batchSize, ImportJournal journal,
                  Set<String> pending, java.nio.file.Path file) {
            this.db = db;
            this.dialect = db.dialect();
            this.jdbc = db.jdbc();
            this.pending = pending;
            this.contentsFile = file;
            this.table = table;
            this.rowsInFile = rowsInFile;
            this.reader = reader;
            this.batchSize = Math.max(1, batchSize);
            this.journal = journal;
        }

        Entry run() {
            Instant started = Instant.now();
            journal.record(new Entry(table.name(), TableState.RUNNING, rowsInFile, 0, null, null, null, null));
            progress.tableStarted(table.name(), rowsInFile);
            long rows;
            try {
                jdbc.setAutoCommit(false);
                if (pending != null) {
                    parentKeys = ParentKeyCheck.of(jdbc, dialect, table.target(), table.columns(), table.target().foreignKeys().stream()
                            .filter(fk -> !pending.contains(fk.referencedTable())).toList());
                }
                BulkLoader bulk = BulkLoader.enabled() ? dialect.bulkLoader() : null;
                rows = bulk != null ? new BulkTableLoad(bulk).run() : loadBatched(reader);
                if (pending != null) {
                    // checks are off for the session: check this table's keys now, so a violation rolls it back whole
                    List<String> orphans = new ArrayList<>(parentKeys.orphans());
                    orphans.addAll(violationsOf(db, table.target(),
                            fk -> !pending.contains(fk.referencedTable()) && !parentKeys.checksKey(fk)));
                    if (!orphans.isEmpty()) {
                        throw new LoadFailure("foreign key violated: " + String.join("; ", orphans), null, null);
                    }
                }
                dialect.resetAutoIncrement(jdbc, table.target());
                jdbc.commit();
                double seconds = seconds(started);
                progress.tableFinished(table.name(), rows);
                Entry done = new Entry(table.name(), TableState.DONE, rowsInFile, rows, seconds, null, null, null);
                journal.record(done);
                return done;
            } catch (LoadFailure f) {
                return fail(f.reason, f.row, f.column, started);
            } catch (DumpFormatException e) {
                return fail(e.getMessage(), null, null, started);
            } catch (SQLException e) {
                return fail(e.getMessage(), null, null, started);
            } catch (IOException e) {
                return fail("reading the file failed: " + e.getMessage(), null, null, started);
            } finally {
                autoCommitQuietly(jdbc);
            }
        }

        /** The batched path: prepared-statement batches, each behind a savepoint, replayed row by row on failure. */
        private long loadBatched(DumpReader rowsFrom) throws SQLException, IOException {
            long rows = 0;
            if (parentKeys != null) {
                parentKeys.restart();
            }
            try (PreparedStatement insert = jdbc.prepareStatement(insertSql());
                 PrefetchedRows prefetched = new PrefetchedRows(rowsFrom::nextRow)) {
                Object[] row;
                while ((row = prefetched.next()) != null) {
                    if (progress.cancelled()) {
                        throw new LoadFailure(CANCELLED, null, null);
                    }
                    rows++;
                    batch.add(prepared(row, rows));
                    if (batch.size() >= batchSize) {
                        flush(insert);
                        progress.rowsDone(table.name(), rows);
                    }
                }
                flush(insert);
            }
            return rows;
        }

        /**
         * The engine's fast path (see {@link BulkLoader}). A value the path cannot carry names its row and
         * column at once; when the server refuses the data, the table is rolled back and loaded again from
         * the file through the batched path, which names the row and column at fault (or, where only the
         * fast path balked, loads the table).
         */
        private final class BulkTableLoad {
            private final BulkLoader bulk;
            private long rows;
            private Object[] current;
            private long produced;

            BulkTableLoad(BulkLoader bulk) {
                this.bulk = bulk;
            }

            long run() throws SQLException, IOException {
                try (PrefetchedRows prefetched = new PrefetchedRows(this::produce)) {
                    long stored = bulk.load(jdbc, table.name(), table.columns(), () -> {
                        Object[] row = prefetched.next();
                        if (row != null) {
                            rows++;
                            current = row;
                        }
                        return row;
                    });
                    if (stored != rows) {
                        throw new SQLException("the server stored " + stored + " of " + rows + " rows");
                    }
                    return rows;
                } catch (ValueConversionException e) {
                    throw failure(rows, current, e);
                } catch (SQLException e) {
                    log.info("fast load of {} refused at or before row {} ({}); loading it again row by row to find the row",
                            table.name(), rows, e.getMessage());
                    jdbc.rollback();
                    batch.clear();
                    batchFirstRow = 1;
                    try (DumpReader again = DumpReader.open(contentsFile)) {
                        DumpTable t;
                        while ((t = again.nextTable()) != null && !t.name().equals(table.source().name())) {
                            // skip to the table
                        }
                        if (t == null) {
                            throw new IOException("table " + table.source().name() + " is no longer in the file");
                        }
                        return loadBatched(again);
                    }
                }
            }

            /** Runs on the read-ahead thread: reads and converts; rows and current follow what the loader took. */
            private Object[] produce() throws IOException {
                Object[] row = reader.nextRow();
                if (row == null) {
                    return null;
                }
                if (progress.cancelled()) {
                    throw new LoadFailure(CANCELLED, null, null);
                }
                produced++;
                if (produced % batchSize == 0) {
                    progress.rowsDone(table.name(), produced);
                }
                return prepared(row, produced);
            }
        }

        private Entry fail(String reason, Long row, String column, Instant started) {
            rollbackQuietly(jdbc);
            progress.tableFailed(table.name(), reason);
            Entry failed = new Entry(table.name(), TableState.FAILED, rowsInFile, 0, seconds(started), reason, row, column);
            journal.record(failed);
            return failed;
        }

        private String insertSql() {
            var dsl = dialect.dsl(jdbc);
            return dsl.insertInto(DSL.table(DSL.name(table.name())),
                            table.columns().stream().map(c -> DSL.field(DSL.name(c.name()))).toList())
                    .values(table.columns().stream().map(c -> (Object) null).toList())
                    .getSQL(org.jooq.conf.ParamType.INDEXED);
        }

        /** The row converted for the target, its parent keys checked where {@link #parentKeys} does so. */
        private Object[] prepared(Object[] row, long rowNumber) {
            for (int i = 0; i < row.length; i++) {
                try {
                    if (table.coerce()[i]) {
                        row[i] = ValueCoercion.coerce(table.columns().get(i).name(), row[i], table.columns().get(i).portableType());
                    }
                    if (table.fractionDigits()[i] < 9) {
                        ValueCoercion.checkFraction(table.columns().get(i).name(), row[i], table.fractionDigits()[i]);
                    }
                } catch (ValueConversionException e) {
                    throw failure(rowNumber, row, e);
                }
            }
            if (parentKeys != null) {
                parentKeys.check(row);
            }
            return row;
        }

        private void flush(PreparedStatement insert) throws SQLException {
            if (batch.isEmpty()) {
                return;
            }
            Savepoint savepoint = jdbc.setSavepoint();
            try {
                for (int r = 0; r < batch.size(); r++) {
                    bindRow(insert, batch.get(r), batchFirstRow + r);
                    insert.addBatch();
                }
                insert.executeBatch();
            } catch (SQLException e) {
                insert.clearBatch();
                jdbc.rollback(savepoint);
                throw locate(insert, e);
            }
            jdbc.releaseSavepoint(savepoint);
            batchFirstRow += batch.size();
            batch.clear();
        }

        private void bindRow(PreparedStatement insert, Object[] row, long rowNumber) throws SQLException {
            for (int i = 0; i < row.length; i++) {
                try {
                    dialect.bind(insert, i + 1, row[i], table.columns().get(i));
                } catch (ValueConversionException e) {
                    throw failure(rowNumber, row, e);
                }
            }
        }

        /** Replays the failed batch row by row to name the row (and column, where it can be told) at fault. */
        private LoadFailure locate(PreparedStatement insert, SQLException batchError) throws SQLException {
            for (int r = 0; r < batch.size(); r++) {
                Savepoint savepoint = jdbc.setSavepoint();
                try {
                    bindRow(insert, batch.get(r), batchFirstRow + r);
                    insert.executeUpdate();
                    jdbc.releaseSavepoint(savepoint);
                } catch (SQLException e) {
                    jdbc.rollback(savepoint);
                    return rowFailure(batchFirstRow + r, batch.get(r), e);
                }
            }
            return new LoadFailure("rows " + batchFirstRow + "-" + (batchFirstRow + batch.size() - 1) + ": "
                    + batchError.getMessage(), batchFirstRow, null);
        }

        private LoadFailure rowFailure(long rowNumber, Object[] row, SQLException e) {
            String message = String.valueOf(e.getMessage()).strip();
            int column = columnAtFault(message, row);
            String where = "row " + rowNumber + key(row);
            if (column >= 0) {
                String name = table.columns().get(column).name();
                return new LoadFailure(where + ", column " + name + " = '" + Excerpt.of(row[column]) + "': " + message,
                        rowNumber, name);
            }
            return new LoadFailure(where + ": " + message, rowNumber, null);
        }

        private String key(Object[] row) {
            List<String> pk = table.target().primaryKey();
            if (pk.isEmpty()) {
                return "";
            }
            List<String> parts = new ArrayList<>();
            for (String k : pk) {
                int i = indexOf(k);
                parts.add(k + "=" + (i >= 0 ? Excerpt.of(row[i]) : "?"));
            }
            return " (" + String.join(", ", parts) + ")";
        }

        private int indexOf(String column) {
            for (int i = 0; i < table.columns().size(); i++) {
                if (table.columns().get(i).name().equalsIgnoreCase(column)) {
                    return i;
                }
            }
            return -1;
        }

        /** The column a database message names, or the value that breaks its column's length or NOT NULL. */
        private int columnAtFault(String message, Object[] row) {
            String lower = message.toLowerCase(Locale.ROOT);
            for (int i = 0; i < table.columns().size(); i++) {
                String name = table.columns().get(i).name().toLowerCase(Locale.ROOT);
                if (lower.contains("'" + name + "'") || lower.contains("\"" + name + "\"") || lower.contains("`" + name + "`")
                        || lower.contains("." + name + " ") || lower.endsWith("." + name) || lower.contains("." + name + ")")) {
                    return i;
                }
            }
            for (int i = 0; i < row.length; i++) {
                Column c = table.columns().get(i);
                if (row[i] == null && !c.nullable() && (lower.contains("null"))) {
                    return i;
                }
                if (row[i] instanceof String s && c.size() > 0 && s.codePointCount(0, s.length()) > c.size()
                        && (lower.contains("too long") || lower.contains("truncat"))) {
                    return i;
                }
            }
            return -1;
        }

        private LoadFailure failure(long rowNumber, Object[] row, ValueConversionException e) {
            return new LoadFailure("row " + rowNumber + key(row) + ", column " + e.column() + " = '" + e.excerpt() + "': the value "
                    + e.getMessage(), rowNumber, e.column());
        }
    }

    /** A table's load stopped at a known row. */
    private static final class LoadFailure extends RuntimeException {
        final String reason;
        final Long row;
        final String column;

        LoadFailure(String reason, Long row, String column) {
            super(reason, null, false, false);
            this.reason = reason;
            this.row = row;
            this.column = column;
        }
    }

    private static double seconds(Instant started) {
        return Duration.between(started, Instant.now()).toMillis() / 1000.0;
    }

    private static void rollbackQuietly(Connection jdbc) {
        try {
            jdbc.rollback();
        } catch (SQLException ignored) {
            // the connection is already broken; the transaction is gone with it
        }
    }

    private static void autoCommitQuietly(Connection jdbc) {
        try {
            jdbc.setAutoCommit(true);
        } catch (SQLException ignored) {
            // as above
        }
    }
}
