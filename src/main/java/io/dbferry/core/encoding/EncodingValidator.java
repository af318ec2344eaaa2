package io.dbferry.core.encoding;

import io.dbferry.core.catalog.Catalog;
import io.dbferry.core.dialect.CharacterSet;
import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dialect.Excerpt;
import io.dbferry.core.dialect.TextLimit;
import io.dbferry.core.dump.DumpColumn;
import io.dbferry.core.dump.DumpFormatException;
import io.dbferry.core.dump.DumpPass;
import io.dbferry.core.dump.DumpTable;
import io.dbferry.core.encoding.EncodingReport.Finding;
import io.dbferry.core.encoding.EncodingReport.Kind;
import io.dbferry.core.encoding.EncodingReport.Severity;
import io.dbferry.core.encoding.ValueInspector.Destination;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.Names;
import io.dbferry.core.model.PortableType;
import io.dbferry.core.model.Table;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.rows.TableScan;
import io.dbferry.core.session.DatabaseConnection;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Finds every text value the target would reject or alter, before anything is written: read each
 * table of a dump file (or of the open source), check every text value of every column against the
 * target column's character set and length, and report per table and column the count and the
 * first examples. Checked always: invalid UTF-8, unpaired surrogates, NUL; with a target: characters
 * its character set cannot hold and over-long values; as warnings: double encoding and UTF-8 bytes
 * held in latin1 columns.
 */
public final class EncodingValidator {

    private final ProgressListener progress;

    public EncodingValidator(ProgressListener progress) {
        this.progress = progress;
    }

    /** Checks a dump file; {@code against} may be null (then only what no target accepts is an error). */
    public EncodingReport validateFile(Path file, DatabaseConnection against, Predicate<String> includeTable) {
        DumpEncodingCheck check = fileCheck(file, against, includeTable);
        try {
            DumpPass.run(file, List.of(check));
        } catch (DumpFormatException e) {
            if (!check.stoppedBy(e)) {
                throw e;
            }
        }
        return check.report();
    }

    /**
     * The check of a dump as a visitor, for a caller that runs it in its own {@link DumpPass} beside other
     * checks (an import, beside the trailer check); its {@link DumpEncodingCheck#report()} once the pass ends.
     */
    public DumpEncodingCheck fileCheck(Path file, DatabaseConnection against, Predicate<String> includeTable) {
        return new DumpEncodingCheck(file, against, includeTable, progress);
    }

    /** The same, with the import's --convert rules: each value they change is listed in {@code changesFile}. */
    public DumpEncodingCheck fileCheck(Path file, DatabaseConnection against, Predicate<String> includeTable,
                                       io.dbferry.core.dialect.Conversions conversions, Path changesFile) {
        return new DumpEncodingCheck(file, against, includeTable, progress, conversions, changesFile);
    }

    /** Checks the open source's tables as stored (every invalid value, not just the first). */
    public EncodingReport validateSource(DatabaseConnection source, DatabaseConnection against, Predicate<String> includeTable) {
        Instant started = Instant.now();
        Targets targets = new Targets(against);
        Catalog catalog = source.catalog();
        Dialect sourceDialect = source.dialect();
        Map<String, ColumnCheck> checks = new LinkedHashMap<>();
        List<Finding> tableFindings = new ArrayList<>();
        int tables = 0;
        long values = 0;
        for (String name : catalog.tableNames()) {
            if (name.equalsIgnoreCase(Catalog.FLYWAY_HISTORY) || !includeTable.test(name)) {
                continue;
            }
            tables++;
            // 1. the table's key and text columns, and what each must fit on the target
            Table table = catalog.table(name);
            List<Column> read = new ArrayList<>();
            table.primaryKey().forEach(k -> read.add(table.column(k).orElseThrow()));
            table.columns().stream().filter(c -> isText(c.portableType()) && !read.contains(c)).forEach(read::add);
            List<DumpColumn> asDump = read.stream().map(c -> new DumpColumn(c.name(), c.portableType(), c.declaredType(),
                    c.nullable(), table.primaryKey().contains(c.name()))).toList();
            DumpTable shape = new DumpTable(name, asDump);
            List<ColumnCheck> columns = columnChecks(shape, targets, tableFindings);
            for (ColumnCheck check : columns) {
                Column sourceColumn = read.get(check.index);
                check.sourceIsLatin1 = sourceColumn.characterSet() != null
                        && sourceDialect.characterSet(sourceColumn.characterSet()).isLatin1();
                check.inspector = new ValueInspector(check.inspector.destination(), check.sourceIsLatin1);
                checks.put(check.table + "." + check.column, check);
            }
            if (columns.isEmpty()) {
                continue;
            }
            // 2. every stored value of those columns
            progress.tableStarted(name, -1);
            int[] keyIndexes = keyIndexes(asDump);
            try (TableScan scan = TableScan.openStoredText(source, table, read)) {
                Object[] row;
                while ((row = scan.next()) != null) {
                    Object[] current = row;
                    long rowNumber = scan.rowNumber();
                    Supplier<String> key = () -> key(asDump, keyIndexes, current, rowNumber);
                    for (ColumnCheck check : columns) {
                        if (current[check.index] != null) {
                            values++;
                            check.inspector.inspect(current[check.index], key);
                        }
                    }
                }
                progress.tableFinished(name, scan.rowNumber());
            }
        }
        List<Finding> findings = new ArrayList<>(tableFindings);
        checks.values().forEach(c -> findings.addAll(c.findings(targets)));
        return new EncodingReport(source.spec().display(), targets.describe(), tables, values, false,
                Duration.between(started, Instant.now()), sorted(findings));
    }

    // ---- the columns to check and what they must fit ----

    static List<ColumnCheck> columnChecks(DumpTable table, Targets targets, List<Finding> tableFindings) {
        Table target = targets.table(table.name());
        if (targets.connection != null && target == null) {
            tableFindings.add(new Finding(table.name(), "*", Kind.NOT_ON_TARGET, Severity.WARNING, 0,
                    "table " + table.name() + " does not exist on the target", List.of(), "create it first (migrate or copy-schema)"));
        }
        List<ColumnCheck> checks = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            DumpColumn column = table.columns().get(i);
            if (!isText(column.type()) && column.type() != PortableType.BINARY) {
                continue;
            }
            Column targetColumn = target == null ? null : target.column(column.name()).orElse(null);
            if (target != null && targetColumn == null) {
                tableFindings.add(new Finding(table.name(), column.name(), Kind.NOT_ON_TARGET, Severity.WARNING, 0,
                        "column " + column.name() + " does not exist on the target", List.of(), null));
                continue;
            }
            Destination destination = targets.destination(targetColumn);
            if (column.type() == PortableType.BINARY && !destination.binary()) {
                continue; // binary into a non-binary column: a type question, not an encoding one
            }
            checks.add(new ColumnCheck(table.name(), target == null ? null : target.name(), column.name(), targetColumn, i,
                    new ValueInspector(destination, false)));
        }
        return checks;
    }

    private static boolean isText(PortableType type) {
        return type == PortableType.TEXT || type == PortableType.JSON;
    }

    /** The target side: its catalog, read once per table (a table's check, its columns' and its text fixes all ask). */
    static final class Targets {
        final DatabaseConnection connection;
        private final Catalog catalog;
        private final List<String> names;
        private final java.util.Map<String, java.util.Optional<Table>> read = new java.util.HashMap<>();

        Targets(DatabaseConnection connection) {
            this.connection = connection;
            this.catalog = connection == null ? null : connection.catalog();
            this.names = catalog == null ? List.of() : catalog.tableNames();
        }

        synchronized Table table(String name) {
            if (catalog == null) {
                return null;
            }
            return read.computeIfAbsent(name, n -> Names.find(n, names).map(catalog::table)).orElse(null);
        }

        Destination destination(Column column) {
            if (connection == null || column == null) {
                return Destination.ANY_UTF8;
            }
            Dialect dialect = connection.dialect();
            boolean binary = column.portableType() == PortableType.BINARY;
            boolean text = isText(column.portableType());
            CharacterSet charset = text ? dialect.characterSet(column.characterSet()) : CharacterSet.UTF8;
            TextLimit limit = text || binary ? dialect.textLimit(column) : TextLimit.NONE;
            return new Destination(charset, limit, dialect.acceptsNul() || !text, binary);
        }

        String describe() {
            return connection == null ? null : connection.spec().display();
        }
    }

    /** One column being checked: where it is in the row, its target column, and its inspector. */
    static final class ColumnCheck {
        final String table;
        final String targetTable;
        final String column;
        final Column targetColumn;
        final int index;
        ValueInspector inspector;
        boolean sourceIsLatin1;

        ColumnCheck(String table, String targetTable, String column, Column targetColumn, int index, ValueInspector inspector) {
            this.table = table;
            this.targetTable = targetTable;
            this.column = column;
            this.targetColumn = targetColumn;
            this.index = index;
            this.inspector = inspector;
        }

        List<Finding> findings(Targets targets) {
            List<Finding> findings = new ArrayList<>();
            Destination destination = inspector.destination();
            if (!destination.characterSet().isKnown()) {
                findings.add(new Finding(table, column, Kind.CHARSET_UNKNOWN, Severity.WARNING, 0,
                        "character set " + destination.characterSet().name() + " is not known to dbferry", List.of(), null));
            }
            inspector.tallies().forEach((kind, tally) -> findings.add(new Finding(table, column, kind,
                    severity(kind, destination, targets), tally.count, detail(kind, destination, tally),
                    List.copyOf(tally.examples), fix(kind, destination, tally, targets))));
            return findings;
        }

        private static Severity severity(Kind kind, Destination destination, Targets targets) {
            return switch (kind) {
                case INVALID_UTF8, UNPAIRED_SURROGATE, NOT_REPRESENTABLE, TOO_LONG -> Severity.ERROR;
                case NUL -> destination.acceptsNul() ? Severity.WARNING : Severity.ERROR;
                default -> Severity.WARNING;
            };
        }

        private String detail(Kind kind, Destination destination, ValueInspector.Tally tally) {
            return switch (kind) {
                case NOT_REPRESENTABLE -> "not representable in " + destination.characterSet().name();
                case TOO_LONG -> "longer than the column's " + destination.limit().describe() + " (longest "
                        + String.format("%,d", tally.longest) + ")";
                case NUL -> destination.acceptsNul() ? "NUL character (PostgreSQL would reject it)" : "NUL character, which the target rejects";
                default -> kind.label();
            };
        }

        private String fix(Kind kind, Destination destination, ValueInspector.Tally tally, Targets targets) {
            Dialect dialect = targets.connection == null ? null : targets.connection.dialect();
            return switch (kind) {
                case INVALID_UTF8 -> "correct the value in the source (UPDATE it to valid text), then export again";
                case UNPAIRED_SURROGATE -> "fix-encoding --strategy replace";
                case NUL -> "fix-encoding --strategy strip-nul";
                case NOT_REPRESENTABLE -> {
                    String ddl = dialect == null ? null : dialect.widenCharacterSet(targetTable, destination.characterSet().name());
                    yield (ddl == null ? "" : ddl + "; or ") + "fix-encoding --strategy transliterate (or replace)";
                }
                case TOO_LONG -> {
                    String ddl = dialect == null || targetColumn == null ? null : dialect.widenLength(targetTable, targetColumn, tally.longest);
                    yield (ddl == null ? "" : ddl + "; or ") + "fix-encoding --strategy truncate";
                }
                case DOUBLE_ENCODED -> "fix-encoding --strategy repair-mojibake";
                case LATIN1_HOLDS_UTF8 -> "export, then fix-encoding --strategy repair-mojibake (the source column is latin1 "
                        + "but its bytes are UTF-8; a MySQL source can be corrected by converting the column to VARBINARY and then to utf8mb4)";
                default -> null;
            };
        }
    }

    // ---- keys and ordering ----

    static int[] keyIndexes(List<DumpColumn> columns) {
        return java.util.stream.IntStream.range(0, columns.size()).filter(i -> columns.get(i).primaryKey()).toArray();
    }

    static String key(List<DumpColumn> columns, int[] keyIndexes, Object[] row, long rowNumber) {
        if (keyIndexes.length == 0) {
            return "row " + rowNumber;
        }
        StringBuilder key = new StringBuilder("(");
        for (int i = 0; i < keyIndexes.length; i++) {
            key.append(i == 0 ? "" : ", ").append(columns.get(keyIndexes[i]).name()).append('=')
                    .append(Excerpt.of(row[keyIndexes[i]]));
        }
        return key.append(')').toString();
    }

    /** Errors first, then warnings; within each, in the order the tables and columns were read. */
    static List<Finding> sorted(List<Finding> findings) {
        List<Finding> out = new ArrayList<>(findings.stream().filter(f -> f.severity() == Severity.ERROR).toList());
        out.addAll(findings.stream().filter(f -> f.severity() == Severity.WARNING).toList());
        return List.copyOf(out);
    }
}
