package io.dbferry.core.transfer;

import java.util.List;

/** Per table: rows and checksum expected (source or dump) and found on the target, and the first difference. */
public record VerifyResult(String against, List<TableComparison> tables) {

    /** {@code diff}: every differing row by key, when asked for ({@code verify --diff}); else null. */
    public record TableComparison(String table, long expectedRows, long actualRows, String expectedSha256,
                                  String actualSha256, String firstDifference, TableDiff diff, Accounted accounted) {

        public TableComparison(String table, long expectedRows, long actualRows, String expectedSha256,
                               String actualSha256, String firstDifference) {
            this(table, expectedRows, actualRows, expectedSha256, actualSha256, firstDifference, null, Accounted.NONE);
        }

        /** Equal, and no row of the dump only in its rejects file: the target holds every row. */
        public boolean equal() {
            return expectedRows == actualRows && expectedSha256.equals(actualSha256) && firstDifference == null
                    && accounted.rejected() == 0;
        }
    }

    /**
     * Against a dump, what its imports recorded beside it: {@code rejected} rows of the dump that are only in its rejects
     * file ({@code rejectsFile}), not counted as missing; {@code converted} values a --convert rule changed, as its changes
     * report recorded them, not counted as differences. The expected rows and checksum are the dump's as accounted so.
     */
    public record Accounted(long rejected, long converted, String rejectsFile) {
        public static final Accounted NONE = new Accounted(0, 0, null);

        /** "3 rejected (in data.json.rejects.json), 2 converted, as recorded", or "" for none. */
        public String text() {
            java.util.List<String> parts = new java.util.ArrayList<>();
            if (rejected > 0) {
                parts.add(String.format("%,d rejected (in %s)", rejected, rejectsFile));
            }
            if (converted > 0) {
                parts.add(String.format("%,d converted, as recorded", converted));
            }
            return String.join(", ", parts);
        }
    }

    /** The full counts of each kind of difference, and the first {@code limit} rows of them in key order. */
    public record TableDiff(long missing, long extra, long changed, List<RowDifference> rows) {
    }

    public enum DifferenceKind {
        /** on the source (or in the dump), not on the target */
        MISSING,
        /** on the target only */
        EXTRA,
        /** on both, with columns that differ */
        CHANGED;

        public String label() {
            return switch (this) {
                case MISSING -> "missing on the target";
                case EXTRA -> "extra on the target";
                case CHANGED -> "changed";
            };
        }
    }

    /** {@code key}: as {@code (id=3)}; {@code columns}: for a changed row, each differing column with both values, shortened. */
    public record RowDifference(DifferenceKind kind, String key, List<ColumnDifference> columns) {
    }

    /** {@code expected}, {@code actual}: canonical text, shortened; null for NULL. */
    public record ColumnDifference(String column, String expected, String actual) {
    }

    public boolean allEqual() {
        return tables.stream().allMatch(TableComparison::equal);
    }

    public long equalCount() {
        return tables.stream().filter(TableComparison::equal).count();
    }
}
