package io.dbferry.core.encoding;

import io.dbferry.core.dialect.Conversions;
import io.dbferry.core.dump.DumpTable;
import io.dbferry.core.encoding.EncodingReport.Finding;
import io.dbferry.core.encoding.EncodingValidator.Targets;
import io.dbferry.core.session.DatabaseConnection;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The check a load makes as it reads (the default of import-records and copy-records; {@code --check-first} makes the
 * same check in a pass of its own before anything is written): every value of each table against the target, by
 * the gate's own {@link DumpEncodingCheck}, one per table so parallel jobs each check their own. A table holding a
 * value the target would reject or change is refused ({@link Table#refused()}) and rolled back before its commit;
 * {@link #report()} lists what every table held, as the gate's report does.
 */
public final class LoadCheck implements AutoCloseable {

    /** One table's check, fed every row as the load reads it (before anything of the row is written). */
    public interface Table {
        void row(Object[] row, long rowNumber);

        /** A value was found the target would reject or change: no row of this table may commit. */
        boolean refused();

        /** What was found, in one line for the journal (the full list is in the report). */
        String reason();

        /** The column of the first value found, as the records name it; null when none was. */
        String column();
    }

    private final String checked;
    private final Targets targets;
    private final Conversions conversions;
    private final ChangeLog changes;
    private final boolean withMisfits;
    private final Set<String> strict;
    private final Instant started = Instant.now();
    private final List<DumpEncodingCheck> tables = new ArrayList<>();

    private LoadCheck(String checked, DatabaseConnection target, Conversions conversions, Path changesFile, boolean withMisfits) {
        this.checked = checked;
        this.targets = new Targets(target);
        this.conversions = conversions;
        this.changes = conversions.isEmpty() || changesFile == null ? null : new ChangeLog(changesFile);
        this.withMisfits = withMisfits;
        // asked here, on the load's own connection before the tables load (parallel jobs use theirs)
        this.strict = target.dialect().strictTables(target.jdbc());
    }

    /**
     * {@code checked}: the dump or the source, as the report names it; {@code withMisfits} false with --rejects (the rows
     * holding values the target cannot hold exactly go to the rejects file, the rest loads); each value a --convert rule
     * changes is written to {@code changesFile}.
     */
    public static LoadCheck start(String checked, DatabaseConnection target, Conversions conversions, Path changesFile,
                                  boolean withMisfits) {
        return new LoadCheck(checked, target, conversions, changesFile, withMisfits);
    }

    /** The check of one table about to be read (a table's name as the records' side gives it). */
    public synchronized Table table(DumpTable table) {
        DumpEncodingCheck check = new DumpEncodingCheck(checked, targets, conversions, changes, withMisfits, strict);
        check.table(table);
        tables.add(check);
        return new Table() {
            @Override
            public void row(Object[] row, long rowNumber) {
                check.row(row, rowNumber);
            }

            @Override
            public boolean refused() {
                return check.refused();
            }

            @Override
            public String column() {
                return check.report(withMisfits).errors().stream().findFirst().map(Finding::column).orElse(null);
            }

            @Override
            public String reason() {
                List<Finding> errors = check.report(withMisfits).errors();
                if (errors.isEmpty()) {
                    return "refused by the check";
                }
                Finding first = errors.get(0);
                long values = errors.stream().mapToLong(Finding::count).sum();
                String at = first.examples().isEmpty() ? "" : " at " + first.examples().get(0).key();
                return String.format("%,d %s the target would reject or change, first %s.%s%s: %s (all are listed below)", values,
                        values == 1 ? "value" : "values", first.table(), first.column(), at, first.detail());
            }
        };
    }

    /** Every table's findings so far, errors first, in the order the tables were read. */
    public synchronized EncodingReport report() {
        List<Finding> findings = new ArrayList<>();
        long values = 0;
        for (DumpEncodingCheck check : tables) {
            EncodingReport one = check.report(withMisfits);
            findings.addAll(one.findings());
            values += one.textValues();
        }
        return new EncodingReport(checked, targets.describe(), tables.size(), values, false, Duration.between(started, Instant.now()),
                EncodingValidator.sorted(findings));
    }

    /** Ends the changes report. */
    @Override
    public void close() {
        if (changes != null) {
            changes.close();
        }
    }
}
