package io.dbferry.shell.render.output;

import io.dbferry.core.encoding.EncodingReport;
import io.dbferry.core.encoding.FixResult;

import java.util.List;
import java.util.Locale;

/** The JSON of validate-encoding and fix-encoding. */
public final class EncodingOutput {

    private EncodingOutput() {
    }

    /** One offending value: the row's key, an excerpt, the character and its UTF-8 bytes where there is one. */
    public record Example(String key, String excerpt, String character, String utf8, String note) {
    }

    /**
     * One kind of problem in one column. {@code kind}: invalid_utf8, unpaired_surrogate, nul, not_representable,
     * too_long, double_encoded, latin1_holds_utf8, charset_unknown, not_on_target; {@code severity}: error or warning.
     */
    public record Finding(String table, String column, String kind, String severity, long count, String detail, String fix,
                          List<Example> examples) {
        static Finding of(EncodingReport.Finding f) {
            return new Finding(f.table(), f.column(), f.kind().name().toLowerCase(Locale.ROOT),
                    f.severity().name().toLowerCase(Locale.ROOT), f.count(), f.detail(), f.fix(), f.examples().stream()
                    .map(e -> new Example(e.key(), e.excerpt(), e.character(), e.utf8(), e.note())).toList());
        }
    }

    /** {@code validate-encoding}: what was checked (against what), the counts, and every finding. */
    public record Validation(String checked, String against, int tables, long textValues, boolean stoppedEarly, double seconds,
                             int errors, int warnings, long errorValues, List<Finding> findings) {
        public static Validation of(EncodingReport r) {
            return new Validation(r.checked(), r.against(), r.tables(), r.textValues(), r.stoppedEarly(), Seconds.of(r.elapsed()),
                    r.errors().size(), r.warnings().size(), r.errorValues(), r.findings().stream().map(Finding::of).toList());
        }
    }

    public record ColumnChanges(String table, String column, String strategy, long values) {
    }

    /** One changed value: where, by which strategies, before and after. */
    public record Change(String table, String key, String column, String strategies, String before, String after) {
    }

    /** {@code fix-encoding}: the corrected dump, the file listing every change, and the first changes. */
    public record Fix(String output, String changesFile, long valuesChanged, double seconds, List<ColumnChanges> columns,
                      List<Change> firstChanges) {
        public static Fix of(FixResult r) {
            return new Fix(r.output().toString(), r.changesFile().toString(), r.valuesChanged(), Seconds.of(r.elapsed()),
                    r.columns().stream().map(c -> new ColumnChanges(c.table(), c.column(), c.strategy(), c.values())).toList(),
                    r.firstChanges().stream().map(c -> new Change(c.table(), c.key(), c.column(), c.strategies(), c.before(),
                            c.after())).toList());
        }
    }
}
