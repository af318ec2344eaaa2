package io.dbferry.core.dump;

/**
 * What the dump records after a table's rows.
 *
 * @param rowCount number of rows in the table
 * @param sha256   {@link RowDigest} of those rows, lowercase hex
 */
public record TableTrailer(long rowCount, String sha256) {}
