package io.dbferry.shell.commands;

/**
 * Defaults of import-records taken from the environment, read once: {@code DBFERRY_BULK=off} (or
 * {@code -Ddbferry.bulk=off}) makes the import load with batched inserts from the start, as
 * {@code --no-bulk} does, for comparisons and for trouble with the engine's fast path.
 */
final class ImportDefaults {

    static final boolean BULK = bulk(System.getProperty("dbferry.bulk", System.getenv("DBFERRY_BULK")));

    private ImportDefaults() {
    }

    /** Whether the fast path is on for a switch's value: anything but off or false (and unset) is on. */
    static boolean bulk(String value) {
        return value == null || !(value.equalsIgnoreCase("off") || value.equalsIgnoreCase("false"));
    }
}
