package io.dbferry.core.encoding;

import io.dbferry.core.DbferryException;
import io.dbferry.core.encoding.EncodingReport.Finding;

import java.util.List;

/** The encoding check found values the target would reject or alter: before an import, which wrote nothing; or as it loaded ({@code TablesRefused}). */
public class EncodingCheckFailed extends DbferryException {

    private static final int LISTED = 10;

    private final EncodingReport report;

    public EncodingCheckFailed(EncodingReport report, String file) {
        this("Run 'validate-encoding -f " + file + " --against target' for every example; repair the file with "
                + "'fix-encoding', widen the target with the DDL shown, set the rows holding such values aside with --rejects "
                + "(the rest loads), or import anyway with --skip-validation.", report);
    }

    private EncodingCheckFailed(String nextStep, EncodingReport report) {
        this(report, "nothing was written", "", nextStep);
    }

    /** {@code written}: what became of the tables holding them; {@code after}: lines that follow the list. */
    protected EncodingCheckFailed(EncodingReport report, String written, String after, String nextStep) {
        super(Kind.ENCODING, firstFinding(report), summary(report, written) + after, nextStep, null);
        this.report = report;
    }

    /** The check of the source before a copy-records found them. */
    public static EncodingCheckFailed ofSource(EncodingReport report) {
        return new EncodingCheckFailed("Run 'validate-encoding --against target' for every example; correct the values in "
                + "the source, widen the target with the DDL shown, or copy anyway with --skip-validation.", report);
    }

    public EncodingReport report() {
        return report;
    }

    /** The first column at fault: the table and column a script reading the error would look at first. */
    private static Where firstFinding(EncodingReport report) {
        return report.errors().stream().findFirst().map(f -> Where.of(f.table(), null, f.column())).orElse(Where.NOWHERE);
    }

    private static String summary(EncodingReport report, String written) {
        List<Finding> errors = report.errors();
        StringBuilder text = new StringBuilder(String.format("%,d values in %s would be rejected or changed by the target; %s:",
                report.errorValues(), report.checked(), written));
        for (Finding f : errors.subList(0, Math.min(LISTED, errors.size()))) {
            text.append("\n  - ").append(f.table()).append('.').append(f.column()).append(": ")
                    .append(String.format("%,d", f.count())).append(f.count() == 1 ? " value " : " values ").append(f.detail());
            if (!f.examples().isEmpty()) {
                var e = f.examples().get(0);
                text.append(", first ").append(e.key()).append(" \"").append(e.excerpt()).append('"');
                if (e.character() != null) {
                    text.append(" ").append(e.character());
                }
            }
            if (f.fix() != null) {
                text.append("\n      fix: ").append(f.fix());
            }
        }
        if (errors.size() > LISTED) {
            text.append("\n  - and ").append(errors.size() - LISTED).append(" more columns");
        }
        return text.append('\n').toString();
    }
}
