package io.dbferry.core.transfer;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.catalog.Catalog;
import io.dbferry.core.catalog.TableNames;
import io.dbferry.core.dialect.Excerpt;
import io.dbferry.core.dialect.ValueCoercion;
import io.dbferry.core.dialect.ValueConversionException;
import io.dbferry.core.dump.DumpColumn;
import io.dbferry.core.dump.DumpReader;
import io.dbferry.core.dump.DumpTable;
import io.dbferry.core.dump.RowDigest;
import io.dbferry.core.dialect.CarriedValues;
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

    public Verifier(DatabaseConnection target, ProgressListener progress) {
        this.target = target;
        this.progress = progress;
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
                results.add(compare(name, columns, expected::next, targetTable));
            }
        }
        return new VerifyResult(source.spec().display(), results);
    }

    public VerifyResult againstFile(Path file, List<String> tables) {
        List<VerifyResult.TableComparison> results = new ArrayList<>();
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
                }, targetTable));
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

    /** Walks the expected rows and the target's rows side by side, in key order. */
    private VerifyResult.TableComparison compare(String name, List<DumpColumn> columns, Supplier<Object[]> expectedRows,
                                                 Table targetTable) {
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
        RowDigest expectedDigest = new RowDigest(types);
        RowDigest actualDigest = new RowDigest(types);
        String firstDifference = null;
        try (TableScan actual = TableScan.open(target, targetTable, targetColumns, null, null)) {
            while (true) {
                OperationCancelledException.check(progress, "The verification was cancelled at table " + name + ".", null);
                Object[] e = expectedRows.get();
                Object[] a = actual.next();
                if (e == null && a == null) {
                    break;
                }
                if (a != null) {
                    a = asExpected(a, targetColumns, types);
                    actualDigest.update(a);
                }
                if (e != null) {
                    e = asImported(e, targetColumns, types);
                    expectedDigest.update(e);
                }
                if (actualDigest.rowCount() % 10_000 == 0 && a != null) {
                    progress.rowsDone(name, actualDigest.rowCount());
                }
                if (firstDifference == null) {
                    int column = differingColumn(e, a, types);
                    if (column != SAME) {
                        firstDifference = describe(e != null ? e : a, columns, e == null ? "only on the target"
                                : a == null ? "missing on the target"
                                : "differs in " + columns.get(column).name() + ": '" + Excerpt.of(canonical(types.get(column), e[column]))
                                + "' vs '" + Excerpt.of(canonical(types.get(column), a[column])) + "'");
                    }
                }
            }
        }
        progress.tableFinished(name, actualDigest.rowCount());
        return new VerifyResult.TableComparison(name, expectedDigest.rowCount(), actualDigest.rowCount(),
                expectedDigest.finishHex(), actualDigest.finishHex(), firstDifference);
    }

    /**
     * JSON compares as JSON (keys sorted, no spacing) where either side stores it as JSON: PostgreSQL jsonb
     * reorders keys and respaces what a text column kept as written. Only this comparison changes; the
     * dump's own checksums stay by the dump's types.
     */
    private static PortableType comparedAs(PortableType expected, PortableType target) {
        return target == PortableType.JSON && expected == PortableType.TEXT ? PortableType.JSON : expected;
    }

    /**
     * Carried values as the import wrote them into a target that does not keep every kind (text read as
     * its column's type, CarriedValues), so a SQLite text timestamp and the DATETIME it became compare alike;
     * a carried value the import would refuse stays as it is, and differs.
     */
    private Object[] asImported(Object[] row, List<Column> targetColumns, List<PortableType> types) {
        if (target.dialect().keepsEveryKind()) {
            return row;
        }
        for (int i = 0; i < row.length; i++) {
            if (row[i] instanceof CarriedValue carried) {
                try {
                    row[i] = ValueCoercion.coerce(targetColumns.get(i).name(),
                            CarriedValues.typed(targetColumns.get(i).name(), carried, targetColumns.get(i).portableType()), types.get(i));
                } catch (ValueConversionException e) {
                    // left as carried: it compares unequal to whatever the target holds
                }
            }
        }
        return row;
    }

    /** Target values in the expected column types, so a SQLite text date and a DATETIME compare alike. */
    private static Object[] asExpected(Object[] row, List<Column> targetColumns, List<PortableType> types) {
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

    private static final int SAME = -2;

    /** The first column whose canonical values differ, -1 when a row is missing on one side, or SAME. */
    private static int differingColumn(Object[] e, Object[] a, List<PortableType> types) {
        if (e == null || a == null) {
            return -1;
        }
        for (int i = 0; i < e.length; i++) {
            if (!Objects.equals(RowDigest.comparable(types.get(i), e[i]), RowDigest.comparable(types.get(i), a[i]))) {
                return i;
            }
        }
        return SAME;
    }

    private static String canonical(PortableType type, Object value) {
        return value == null ? null : RowDigest.canonical(type, value);
    }

    private static String describe(Object[] row, List<DumpColumn> columns, String what) {
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
        return "(" + String.join(", ", key) + ") " + what;
    }
}
