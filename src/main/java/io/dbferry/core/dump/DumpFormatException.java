package io.dbferry.core.dump;

/**
 * A dump file that cannot be read as it should. The message is meant for the operator: it says what
 * is wrong, where (file, table, row, column as far as known) and what to do next.
 */
public class DumpFormatException extends RuntimeException {
    private final String file;
    private final String table;
    private final long row;
    private final String column;

    public DumpFormatException(String message, String file, String table, long row, String column, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.table = table;
        this.row = row;
        this.column = column;
    }

    /** The file's display name, or null if unknown. */
    public String getFile() {
        return file;
    }

    /** The table being read, or null if the problem is outside any table (e.g. the header). */
    public String getTable() {
        return table;
    }

    /** 1-based row number within the table, or 0 if the problem is not in a row. */
    public long getRow() {
        return row;
    }

    /** The column being read, or null if not in a particular value. */
    public String getColumn() {
        return column;
    }
}
