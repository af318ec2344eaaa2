package io.dbferry.shell.commands;

import io.dbferry.core.transfer.VerifyResult;

/** {@code verify --diff} as text: per differing table the counts of each kind, then the rows listed, by key. */
final class VerifyDiffText {

    private VerifyDiffText() {
    }

    static String render(VerifyResult result) {
        StringBuilder out = new StringBuilder();
        for (VerifyResult.TableComparison t : result.tables()) {
            VerifyResult.TableDiff d = t.diff();
            if (d == null || d.missing() + d.extra() + d.changed() == 0) {
                continue;
            }
            out.append(String.format("%n%s: %,d missing on the target, %,d extra on the target, %,d changed%n", t.table(),
                    d.missing(), d.extra(), d.changed()));
            for (VerifyResult.RowDifference r : d.rows()) {
                out.append("  ").append(r.key()).append(' ').append(r.kind().label());
                for (VerifyResult.ColumnDifference c : r.columns()) {
                    out.append(String.format("%n      %s: %s → %s", c.column(), quoted(c.expected()), quoted(c.actual())));
                }
                out.append(System.lineSeparator());
            }
            long listed = d.rows().size();
            long all = d.missing() + d.extra() + d.changed();
            if (listed < all) {
                out.append(String.format("  … %,d more (--limit, or --format json for all)%n", all - listed));
            }
        }
        return out.toString();
    }

    private static String quoted(String value) {
        return value == null ? "NULL" : "'" + value + "'";
    }
}
