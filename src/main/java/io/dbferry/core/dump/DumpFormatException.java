package io.dbferry.core.dump;

import io.dbferry.core.DbferryException;

/**
 * A dump file that cannot be read as it should (kind {@link Kind#DUMP_DAMAGED}). The message says what is
 * wrong and where (file, table, row, column as far as known); the next step what to do about it. The
 * table, row and column are also the exception's {@link #where()}.
 */
public class DumpFormatException extends DbferryException {
    private final String file;
    private final long row;

    public DumpFormatException(String message, String nextStep, String file, String table, long row, String column,
                               Throwable cause) {
        super(Kind.DUMP_DAMAGED, Where.of(table, row > 0 ? Long.toString(row) : null, column), message, nextStep, cause);
        this.file = file;
        this.row = row;
    }

    /** The file's display name, or null if unknown. */
    public String getFile() {
        return file;
    }

    /** The table being read, or null if the problem is outside any table (e.g. the header). */
    public String getTable() {
        return where().table();
    }

    /** 1-based row number within the table, or 0 if the problem is not in a row. */
    public long getRow() {
        return row;
    }

    /** The column being read, or null if not in a particular value. */
    public String getColumn() {
        return where().column();
    }
}
