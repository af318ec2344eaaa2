package io.dbferry.core.transfer.imports;

/** A table's load stopped at a known row: the reason as the journal records it, the row and column where known. */
final class LoadFailure extends RuntimeException {

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
