package io.dbferry.core.transfer;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.catalog.Catalog;
import io.dbferry.core.catalog.TableNames;
import io.dbferry.core.dialect.Excerpt;
import io.dbferry.core.dialect.TargetFit;
import io.dbferry.core.dialect.ValueCoercion;
import io.dbferry.core.dialect.ValueConversionException;
import io.dbferry.core.dump.DumpColumn;
import io.dbferry.core.dump.DumpReader;
import io.dbferry.core.dump.DumpTable;
import io.dbferry.core.dump.RowDigest;
import io.dbferry.core.model.CarriedValue;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.Names;
import io.dbferry.core.model.PortableType;
import io.dbferry.core.model.Table;
import io.dbferry.core.progress.OperationCancelledException;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.rows.TableScan;
import io.dbferry.core.session.DatabaseConnection;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Compares the target with the source, or with a dump file: per table the row count and the canonical
 * checksum, walking both sides in key order so the first differing key can be named. Values are
 * compared in their canonical form, so equal data on SQLite, MySQL and PostgreSQL compares equal.
 */
public final class Verifier {

    private final DatabaseConnection target;
    private final ProgressListener progress;
    /** Differing rows listed per table ({@code verify --diff}); -1: none, only the first difference. */
    private int diffLimit = -1;

    public Verifier(DatabaseConnection target, ProgressListener progress) {
        this.target = target;
        this.progress = progress;
    }

    /** Lists up to {@code limit} differing rows of each table by key, besides the full counts of each kind. */
    public Verifier listingDifferences(int limit) {
        this.diffLimit = Math.max(0, limit);
        return this;
    }

    public VerifyResult againstSource(DatabaseConnection source, List<String> tables) {
        Catalog sourceCatalog = source.catalog();
        List<String> all = sourceCatalog.tableNames().stream()
                .filter(n -> !n.equalsIgnoreCase(Catalog.FLYWAY_HISTORY)).toList();
        List<String> chosen = tables.isEmpty() ? all : TableNames.select(String.join(",", tables), sourceCatalog.tableNames());
        List<VerifyResult.TableComparison> results = new ArrayList<>();
        progress.planned(chosen, java.util.Map.of());
        for (String name : chosen) {
            Table sourceTable = sourceCatalog.table(name);
            List<DumpColumn> columns = sourceTable.columns().stream()
                    .map(c -> new DumpColumn(c.name(), c.portableType(), c.declaredType(), c.nullable(),
                            sourceTable.primaryKey().contains(c.name())))
                    .toList();
            Table targetTable = targetTable(name);
            try (TableScan expected = TableScan.open(source, sourceTable, sourceTable.columns(), null, null)) {
                results.add(compare(name, columns, expected::next, targetTable, VerifyAccounting.NONE));
            }
        }
        return new VerifyResult(source.spec().display(), results);
    }

    public VerifyResult againstFile(Path file, List<String> tables) {
        List<VerifyResult.TableComparison> results = new ArrayList<>();
        VerifyAccounting accounting = VerifyAccounting.beside(file);
        try (DumpReader reader = DumpReader.open(file)) {
            DumpTable table;
            List<String> inFile = new ArrayList<>();
            java.util.function.Predicate<String> chosen = TableNames.filter(TableNames.split(String.join(",", tables)));
            while ((table = reader.nextTable()) != null) {
                inFile.add(table.name());
                if (!chosen.test(table.name())) {
                    continue;
                }
                DumpTable current = table;
                Table targetTable = targetTable(current.name());
                results.add(compare(current.name(), current.columns(), () -> {
                    try {
                        return reader.nextRow();
                    } catch (IOException e) {
                        throw new DbferryException(Kind.FILE, "Cannot read " + file + ": " + e.getMessage(), null, e);
                    }
                }, targetTable, accounting));
            }
            if (!tables.isEmpty()) {
                TableNames.select(String.join(",", tables), inFile); // names that match nothing are an error
            }
        } catch (IOException e) {
            throw new DbferryException(Kind.FILE, "Cannot read " + file + ": " + e.getMessage(), null, e);
        }
        return new VerifyResult(file.toString(), results);
    }

    private Table targetTable(String name) {
        Catalog catalog = target.catalog();
        String resolved = Names.find(name, catalog.tableNames())
                .orElseThrow(() -> new DbferryException(Kind.TARGET_MISMATCH, Where.table(name), "Table " + name + " does not exist on the target.",
                        "Import it first, or leave it out with --tables."));
        return catalog.table(resolved);
    }

    /**
     * Walks the expected rows and the target's rows side by side, in key order ({@link KeyOrderedWalk}); a row the
     * {@code accounting} says was rejected is expected as its rejects file holds it now (fixed, then appended).
     */
    private VerifyResult.TableComparison compare(String name, List<DumpColumn> columns, Supplier<Object[]> expectedRows,
                                                 Table targetTable, VerifyAccounting accounting) {
        progress.tableStarted(name, -1);
        List<Column> targetColumns = new ArrayList<>();
        List<PortableType> types = new ArrayList<>();
        for (DumpColumn c : columns) {
            Column targetColumn = targetTable.column(c.name()).orElseThrow(() -> new DbferryException(Kind.TARGET_MISMATCH,
                    Where.of(name, null, c.name()),
                    "Column " + name + "." + c.name() + " does not exist on the target.", "The tables differ; compare them with describe."));
            targetColumns.add(targetColumn);
            types.add(comparedAs(c.type(), targetColumn.portableType()));
        }
        boolean strict = target.dialect().strictTables(target.jdbc()).contains(targetTable.name());
        List<TargetFit> fits = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            fits.add(TargetFit.of(target.dialect(), columns.get(i).type(), targetColumns.get(i), List.of(), strict));
        }
        RowDigest expectedDigest = new RowDigest(types);
        RowDigest actualDigest = new RowDigest(types);
        DiffCollector found = new DiffCollector(name, columns, types, diffLimit, accounting, expectedDigest);
        try (TableScan actual = TableScan.open(target, targetTable, targetColumns, null, null)) {
            Supplier<Object[]> expected = () -> {
                OperationCancelledException.check(progress, "The verification was cancelled at table " + name + ".", null);
                Object[] e = expectedRows.get();
                if (e != null) {
                    e = asImported(e, fits, types);
                    Object[] rejected = accounting.rejects(name) ? accounting.rejectedRow(name, key(e, columns)).orElse(null) : null;
                    if (rejected != null) {
                        e = asImported(rejected.clone(), fits, types);
                    }
                }
                return e;
            };
            Supplier<Object[]> targetRows = () -> {
                Object[] a = actual.next();
                if (a != null) {
                    a = asExpected(a, targetColumns, types);
                    actualDigest.update(a);
                    if (actualDigest.rowCount() % 10_000 == 0) {
                        progress.rowsDone(name, actualDigest.rowCount());
                    }
                }
                return a;
            };
            new KeyOrderedWalk(name, keyColumns(columns), (e, a) -> differingColumns(e, a, types), false)
                    .walk(expected, targetRows, found);
        }
        progress.tableFinished(name, actualDigest.rowCount());
        VerifyResult.Accounted accounted = found.rejected == 0 && found.converted == 0 ? VerifyResult.Accounted.NONE
                : new VerifyResult.Accounted(found.rejected, found.converted,
                accounting.rejectsFile() == null ? null : accounting.rejectsFile().toString());
        return new VerifyResult.TableComparison(name, expectedDigest.rowCount(), actualDigest.rowCount(),
                expectedDigest.finishHex(), actualDigest.finishHex(), found.first, diffLimit < 0 ? null : found.diff(), accounted);
    }

    /** The key's columns (every column for a table without a primary key, as {@code TableScan} orders it). */
    private static int[] keyColumns(List<DumpColumn> columns) {
        int[] key = java.util.stream.IntStream.range(0, columns.size()).filter(i -> columns.get(i).primaryKey()).toArray();
        return key.length > 0 ? key : java.util.stream.IntStream.range(0, columns.size()).toArray();
    }

    /**
     * The first difference, in the words verify has always used, and with --diff every difference by key; it adds each
     * expected row to {@code expectedDigest} as accounted: a rejected row not on the target left out, a row whose only
     * differences are values a rule recorded taken as the target holds it.
     */
    private static final class DiffCollector implements KeyOrderedWalk.Visitor {
        private final String table;
        private final List<DumpColumn> columns;
        private final List<PortableType> types;
        private final int limit;
        private final VerifyAccounting accounting;
        private final RowDigest expectedDigest;
        private final List<VerifyResult.RowDifference> rows = new ArrayList<>();
        private long missing;
        private long extra;
        private long changed;
        long rejected;
        long converted;
        String first;

        DiffCollector(String table, List<DumpColumn> columns, List<PortableType> types, int limit, VerifyAccounting accounting,
                      RowDigest expectedDigest) {
            this.table = table;
            this.columns = columns;
            this.types = types;
            this.limit = limit;
            this.accounting = accounting;
            this.expectedDigest = expectedDigest;
        }

        VerifyResult.TableDiff diff() {
            return new VerifyResult.TableDiff(missing, extra, changed, List.copyOf(rows));
        }

        @Override
        public void same(Object[] expected, Object[] actual) {
            expectedDigest.update(expected);
        }

        @Override
        public void changed(Object[] e, Object[] a, int[] all) {
            int[] differing = unrecorded(e, a, all);
            if (differing.length == 0) {
                converted += all.length;
                expectedDigest.update(a); // every difference is a conversion its report records: the row as converted
                return;
            }
            expectedDigest.update(e);
            changed++;
            int column = differing[0];
            if (first == null) {
                first = describe(e, columns, "differs in " + columns.get(column).name() + ": '"
                        + Excerpt.of(canonical(types.get(column), e[column])) + "' vs '" + Excerpt.of(canonical(types.get(column), a[column])) + "'");
            }
            if (rows.size() < limit) {
                List<VerifyResult.ColumnDifference> values = new ArrayList<>();
                for (int i : differing) {
                    values.add(new VerifyResult.ColumnDifference(columns.get(i).name(), shortened(types.get(i), e[i]),
                            shortened(types.get(i), a[i])));
                }
                rows.add(new VerifyResult.RowDifference(VerifyResult.DifferenceKind.CHANGED, key(e, columns), values));
            }
        }

        /** The differing columns no changes report accounts for: a recorded NULL must be NULL on the target. */
        private int[] unrecorded(Object[] e, Object[] a, int[] differing) {
            if (accounting.isEmpty()) {
                return differing;
            }
            String key = key(e, columns);
            return java.util.Arrays.stream(differing).filter(i -> {
                String to = accounting.convertedTo(table, key, columns.get(i).name());
                return to == null || (to.equals(VerifyAccounting.TO_NULL) && a[i] != null);
            }).toArray();
        }

        @Override
        public void missing(Object[] e) {
            if (accounting.rejects(table) && accounting.rejectedRow(table, key(e, columns)).isPresent()) {
                rejected++; // in the rejects file, not yet appended
                return;
            }
            expectedDigest.update(e);
            missing++;
            note(e, VerifyResult.DifferenceKind.MISSING, "missing on the target");
        }

        @Override
        public void extra(Object[] a) {
            extra++;
            note(a, VerifyResult.DifferenceKind.EXTRA, "only on the target");
        }

        private void note(Object[] row, VerifyResult.DifferenceKind kind, String what) {
            if (first == null) {
                first = describe(row, columns, what);
            }
            if (rows.size() < limit) {
                rows.add(new VerifyResult.RowDifference(kind, key(row, columns), List.of()));
            }
        }
    }

    /**
     * JSON compares as JSON (keys sorted, no spacing) where either side stores it as JSON: PostgreSQL jsonb
     * reorders keys and respaces what a text column kept as written. Only this comparison changes; the
     * dump's own checksums stay by the dump's types.
     */
    public static PortableType comparedAs(PortableType expected, PortableType target) {
        return target == PortableType.JSON && expected == PortableType.TEXT ? PortableType.JSON : expected;
    }

    /**
     * Carried values as the import wrote them (through the column's {@link TargetFit}: as they are where the
     * target holds their kind, else read as the column's type), so a SQLite text timestamp and the DATETIME it
     * became compare alike; a carried value the import would refuse stays as it is, and differs.
     */
    private static Object[] asImported(Object[] row, List<TargetFit> fits, List<PortableType> types) {
        for (int i = 0; i < row.length; i++) {
            if (row[i] instanceof CarriedValue carried) {
                try {
                    Object written = fits.get(i).prepare(carried);
                    row[i] = written instanceof CarriedValue ? written
                            : ValueCoercion.coerce(fits.get(i).column().name(), written, types.get(i));
                } catch (ValueConversionException e) {
                    // left as carried: it compares unequal to whatever the target holds
                }
            }
        }
        return row;
    }

    /** Target values in the expected column types, so a SQLite text date and a DATETIME compare alike. */
    public static Object[] asExpected(Object[] row, List<Column> targetColumns, List<PortableType> types) {
        for (int i = 0; i < row.length; i++) {
            if (row[i] != null && targetColumns.get(i).portableType() != types.get(i)) {
                try {
                    row[i] = ValueCoercion.coerce(targetColumns.get(i).name(), row[i], types.get(i));
                } catch (ValueConversionException e) {
                    // left as read: the canonical forms will differ and the row is reported
                }
            }
        }
        return row;
    }

    /** The columns whose canonical values differ (empty when the rows are equal); sync writes by the same test. */
    public static int[] differingColumns(Object[] e, Object[] a, List<PortableType> types) {
        int[] differing = new int[e.length];
        int count = 0;
        for (int i = 0; i < e.length; i++) {
            if (!RowDigest.surelyEqual(e[i], a[i])
                    && !Objects.equals(RowDigest.comparable(types.get(i), e[i]), RowDigest.comparable(types.get(i), a[i]))) {
                differing[count++] = i;
            }
        }
        return java.util.Arrays.copyOf(differing, count);
    }

    /** The canonical text shortened for a listing; null for NULL. */
    private static String shortened(PortableType type, Object value) {
        return value == null ? null : Excerpt.of(canonical(type, value));
    }

    private static String canonical(PortableType type, Object value) {
        return value == null ? null : RowDigest.canonical(type, value);
    }

    private static String describe(Object[] row, List<DumpColumn> columns, String what) {
        return key(row, columns) + " " + what;
    }

    /** The row's key as {@code (id=3)}, as the rejects and changes reports name it; for a table without one, its first two columns. */
    static String key(Object[] row, List<DumpColumn> columns) {
        List<String> key = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).primaryKey()) {
                key.add(columns.get(i).name() + "=" + Excerpt.of(row[i]));
            }
        }
        if (key.isEmpty()) {
            for (int i = 0; i < Math.min(2, columns.size()); i++) {
                key.add(columns.get(i).name() + "=" + Excerpt.of(row[i]));
            }
        }
        return "(" + String.join(", ", key) + ")";
    }
}
