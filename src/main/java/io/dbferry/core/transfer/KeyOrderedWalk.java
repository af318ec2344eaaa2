package io.dbferry.core.transfer;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.Supplier;

/**
 * Walks two row streams that are both in key order (as {@code TableScan} reads them: the key's columns
 * ascending, text by code point, NULL first) side by side, pairing rows by key: a key on both sides is
 * a pair (equal or changed), a key only on the expected side is missing on the target, one only on the
 * target is extra. Verify and sync both walk through here, so they find the same differences.
 */
public final class KeyOrderedWalk {

    /** What the walk found, row by row, in key order. */
    public interface Visitor {
        void same(Object[] expected, Object[] actual);

        /** {@code columns}: the indexes of the columns whose canonical values differ. */
        void changed(Object[] expected, Object[] actual, int[] columns);

        void missing(Object[] expected);

        void extra(Object[] actual);
    }

    /** Which columns of a pair of rows differ (an empty array: none); the canonical comparison is the caller's. */
    @FunctionalInterface
    public interface RowComparison {
        int[] differingColumns(Object[] expected, Object[] actual);
    }

    private final String table;
    private final int[] key;
    private final RowComparison comparison;
    private final boolean strict;

    /**
     * {@code key}: the indexes of the key's columns in each row. {@code strict}: a side whose keys do not
     * rise is refused (sync must not act on a pairing it cannot trust); otherwise the walk goes on, and equal
     * streams still pair row for row.
     */
    public KeyOrderedWalk(String table, int[] key, RowComparison comparison, boolean strict) {
        this.table = table;
        this.key = key;
        this.comparison = comparison;
        this.strict = strict;
    }

    public void walk(Supplier<Object[]> expectedRows, Supplier<Object[]> actualRows, Visitor visitor) {
        Object[] e = expectedRows.get();
        Object[] a = actualRows.get();
        Object[] lastE = null;
        Object[] lastA = null;
        while (e != null || a != null) {
            int order = e == null ? 1 : a == null ? -1 : compareKeys(e, a);
            if (order == 0) {
                int[] columns = comparison.differingColumns(e, a);
                if (columns.length == 0) {
                    visitor.same(e, a);
                } else {
                    visitor.changed(e, a, columns);
                }
            } else if (order < 0) {
                visitor.missing(e);
            } else {
                visitor.extra(a);
            }
            if (order <= 0) {
                lastE = checkRising(lastE, e, "the source");
                e = expectedRows.get();
            }
            if (order >= 0) {
                lastA = checkRising(lastA, a, "the target");
                a = actualRows.get();
            }
        }
    }

    private Object[] checkRising(Object[] previous, Object[] row, String side) {
        if (strict && previous != null && compareKeys(previous, row) >= 0) {
            throw new DbferryException(Kind.USAGE, Where.table(table), "The rows of " + table + " on " + side
                    + " do not come in the key order dbferry compares them by, so their differences cannot be paired safely.",
                    "Reload the table with 'copy-records --tables " + table + " --clear' (or import-records --clear).");
        }
        return row;
    }

    private int compareKeys(Object[] x, Object[] y) {
        for (int i : key) {
            int c = compareValues(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The order the engines sort by: NULL first, numbers by value, text by code point, bytes unsigned. */
    static int compareValues(Object x, Object y) {
        if (x == null || y == null) {
            return x == null ? (y == null ? 0 : -1) : 1;
        }
        if (x instanceof Number n && y instanceof Number m) {
            if (isIntegral(n) && isIntegral(m)) {
                return n instanceof BigInteger || m instanceof BigInteger
                        ? asBigInteger(n).compareTo(asBigInteger(m)) : Long.compare(n.longValue(), m.longValue());
            }
            if (n instanceof Double || n instanceof Float || m instanceof Double || m instanceof Float) {
                return Double.compare(n.doubleValue(), m.doubleValue()); // Infinity and NaN have no BigDecimal
            }
            return new BigDecimal(n.toString()).compareTo(new BigDecimal(m.toString()));
        }
        if (x instanceof String s && y instanceof String t) {
            return compareCodePoints(s, t);
        }
        if (x instanceof byte[] b && y instanceof byte[] c) {
            return java.util.Arrays.compareUnsigned(b, c);
        }
        if (x.getClass() == y.getClass() && x instanceof Comparable<?>) {
            @SuppressWarnings("unchecked")
            Comparable<Object> comparable = (Comparable<Object>) x;
            return comparable.compareTo(y);
        }
        return compareCodePoints(x.toString(), y.toString());
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte || n instanceof BigInteger;
    }

    private static BigInteger asBigInteger(Number n) {
        return n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
    }

    static int compareCodePoints(String s, String t) {
        int i = 0;
        int j = 0;
        while (i < s.length() && j < t.length()) {
            int a = s.codePointAt(i);
            int b = t.codePointAt(j);
            if (a != b) {
                return Integer.compare(a, b);
            }
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Integer.compare(s.length() - i, t.length() - j);
    }
}
