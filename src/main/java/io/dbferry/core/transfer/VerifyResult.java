package io.dbferry.core.transfer;

import java.util.List;

/** Per table: rows and checksum expected (source or dump) and found on the target, and the first difference. */
public record VerifyResult(String against, List<TableComparison> tables) {

    public record TableComparison(String table, long expectedRows, long actualRows, String expectedSha256,
                                  String actualSha256, String firstDifference) {

        public boolean equal() {
            return expectedRows == actualRows && expectedSha256.equals(actualSha256) && firstDifference == null;
        }
    }

    public boolean allEqual() {
        return tables.stream().allMatch(TableComparison::equal);
    }

    public long equalCount() {
        return tables.stream().filter(TableComparison::equal).count();
    }
}
