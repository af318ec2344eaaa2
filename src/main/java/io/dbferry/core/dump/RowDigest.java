package io.dbferry.core.dump;

import io.dbferry.core.model.CarriedValue;
import io.dbferry.core.model.PortableType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Canonical, engine-neutral SHA-256 over rows: the dump's per-table checksum, and what the verifier
 * computes on rows read back from any database. Equal data hashes equal whatever engine or Java
 * class it came from, so each value is reduced to a class tag and a canonical text chosen by the
 * value's Java class (a SQLite REAL 0.99 equals a MySQL DECIMAL 0.99). The declared type only
 * matters for strings of type JSON and UUID. See docs/dump-format.md for the exact definition.
 */
public final class RowDigest {

    // Tags separate classes whose canonical texts could coincide (text "1" vs number 1).
    private static final byte TAG_NULL = 0;
    private static final byte TAG_NUMBER = 1;
    private static final byte TAG_TEXT = 2;
    private static final byte TAG_BINARY = 3;
    private static final byte TAG_DATE = 4;
    private static final byte TAG_TIME = 5;
    private static final byte TAG_TIMESTAMP = 6;
    private static final byte TAG_TIMESTAMP_TZ = 7;
    // a carried value: 0x10 plus its kind's ordinal, so it never equals a typed value of the same text
    private static final byte TAG_CARRIED = 0x10;
    private static final byte ROW_END = (byte) 0xFF;


    private static final int MAX_PLAIN_SCALE = 1000;

    private static final int MAX_SHORT_TEXT = 32; // a long's or a timestamp's canonical text fits
    private static final int HEX_SLICE = 32 * 1024;
    private static final byte[] HEX_PAIRS = new byte[512]; // the two lower-case hex digits of each byte value

    static {
        byte[] digits = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        for (int b = 0; b < 256; b++) {
            HEX_PAIRS[2 * b] = digits[b >> 4];
            HEX_PAIRS[2 * b + 1] = digits[b & 0xF];
        }
    }

    // Hashing is about half the CPU of writing or reading a dump, so it runs beside the caller on a
    // second core: rows go over in batches, at most MAX_PENDING_BATCHES (of at most BATCH_ROWS rows
    // or about BATCH_BYTES) waiting at a time, which keeps memory flat.
    private static final int BATCH_ROWS = 256;
    private static final long BATCH_BYTES = 1 << 20;
    private static final int MAX_PENDING_BATCHES = 4;
    private static final ExecutorService HASHERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "dbferry-digest");
        thread.setDaemon(true);
        return thread;
    });

    private final PortableType[] types;
    private final MessageDigest sha256;
    private byte[] buffer = new byte[1024];
    private int length;
    private long rowCount;
    private boolean finished;

    private List<Object[]> batch;
    private long batchBytes;
    private final Semaphore pendingBatches = new Semaphore(MAX_PENDING_BATCHES);
    private final Queue<List<Object[]>> queued = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile Throwable failure;

    public RowDigest(List<PortableType> types) {
        this.types = types.toArray(PortableType[]::new);
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /**
     * Adds one row; values in column order, classes as listed on {@link PortableType}. The row is
     * hashed later on another thread (a copy of the array is kept, the values must not change); a
     * value with no canonical form is reported by a later {@code update} or by {@link #finishHex()}.
     */
    public void update(Object[] row) {
        if (finished) {
            throw new IllegalStateException("finishHex() was already called");
        }
        if (row.length != types.length) {
            throw new IllegalArgumentException("row has " + row.length + " values, expected " + types.length);
        }
        rethrowFailure();
        if (batch == null) {
            batch = new ArrayList<>(BATCH_ROWS);
        }
        batch.add(row.clone());
        for (Object value : row) {
            value = value instanceof CarriedValue carried ? carried.value() : value;
            batchBytes += value instanceof String s ? 2L * s.length() : value instanceof byte[] b ? b.length : 16;
        }
        rowCount++;
        if (batch.size() >= BATCH_ROWS || batchBytes >= BATCH_BYTES) {
            submitBatch();
        }
    }

    private void submitBatch() {
        List<Object[]> rows = batch;
        batch = null;
        batchBytes = 0;
        pendingBatches.acquireUninterruptibly();
        queued.add(rows);
        if (draining.compareAndSet(false, true)) {
            HASHERS.execute(this::drain);
        }
    }

    /** Hashes queued batches in order; one drain runs at a time, so the digest sees rows in sequence. */
    private void drain() {
        do {
            List<Object[]> rows;
            while ((rows = queued.poll()) != null) {
                try {
                    if (failure == null) {
                        for (Object[] row : rows) {
                            hash(row);
                        }
                    }
                } catch (RuntimeException | Error e) {
                    failure = e; // given to the caller by the next update or finishHex; the rows after it are dropped
                } finally {
                    pendingBatches.release();
                }
            }
            draining.set(false);
        } while (!queued.isEmpty() && draining.compareAndSet(false, true));
    }

    private void rethrowFailure() {
        Throwable e = failure;
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
    }

    /** One digest call per row through a reused buffer: per-value calls and strings were most of the cost. */
    private void hash(Object[] row) {
        length = 0;
        for (int i = 0; i < row.length; i++) {
            Object value = row[i];
            room(1);
            if (value == null) {
                buffer[length++] = TAG_NULL;
            } else if (value instanceof CarriedValue carried) {
                buffer[length++] = (byte) (TAG_CARRIED + carried.kind().ordinal());
                appendCanonical(null, carried.value());
            } else {
                buffer[length++] = tag(value);
                appendCanonical(types[i], value);
            }
        }
        room(1);
        buffer[length++] = ROW_END;
        sha256.update(buffer, 0, length);
    }

    /** Appends the 8-byte length and the UTF-8 bytes of the value's canonical text, as {@link #canonical} gives it. */
    private void appendCanonical(PortableType type, Object value) {
        if (value instanceof byte[] bytes) {
            appendLength(2L * bytes.length);
            appendHex(bytes);
            return;
        }
        // short canonical texts are written in place and their length put in front afterwards
        int lengthAt = length;
        room(8 + MAX_SHORT_TEXT);
        int end = -1;
        if (value instanceof Long l) {
            end = Iso8601.appendLong(buffer, lengthAt + 8, l);
        } else if (value instanceof LocalDateTime t) {
            end = Iso8601.appendDateTime(buffer, lengthAt + 8, t);
        } else if (value instanceof LocalDate d) {
            end = Iso8601.appendDate(buffer, lengthAt + 8, d);
        }
        if (end >= 0) {
            length = lengthAt;
            appendLength(end - lengthAt - 8);
            length = end;
            return;
        }
        byte[] text = canonical(type, value).getBytes(StandardCharsets.UTF_8);
        appendLength(text.length);
        room(text.length);
        System.arraycopy(text, 0, buffer, length, text.length);
        length += text.length;
    }

    private void appendLength(long size) {
        room(8);
        for (int b = 7; b >= 0; b--) {
            buffer[length + b] = (byte) size;
            size >>>= 8;
        }
        length += 8;
    }

    /** Binary values hash as lowercase hex; written in slices so a large BLOB needs no second copy. */
    private void appendHex(byte[] bytes) {
        for (int from = 0; from < bytes.length; ) {
            int slice = Math.min(bytes.length - from, HEX_SLICE);
            room(2 * slice);
            // locals and a pair table: the field-by-field loop was a tenth of an export's samples
            byte[] out = buffer;
            int at = length;
            for (int i = from, end = from + slice; i < end; i++) {
                int b = (bytes[i] & 0xFF) << 1;
                out[at] = HEX_PAIRS[b];
                out[at + 1] = HEX_PAIRS[b + 1];
                at += 2;
            }
            length = at;
            from += slice;
            if (from < bytes.length) {
                sha256.update(buffer, 0, length);
                length = 0;
            }
        }
    }

    private void room(int bytes) {
        if (length + bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(2 * buffer.length, length + bytes));
        }
    }

    public long rowCount() {
        return rowCount;
    }

    /** The digest of all rows so far, lowercase hex; no more rows may be added afterwards. */
    public String finishHex() {
        if (batch != null) {
            submitBatch();
        }
        // every batch hashed: the semaphore's release also publishes the digest's state to this thread
        pendingBatches.acquireUninterruptibly(MAX_PENDING_BATCHES);
        pendingBatches.release(MAX_PENDING_BATCHES);
        rethrowFailure();
        finished = true;
        return HexFormat.of().formatHex(sha256.digest());
    }

    /**
     * The canonical text of one value, chosen by its Java class; {@code type} only matters for a
     * String declared JSON (keys sorted, compact) or UUID (lowercase). NULL gives {@code "NULL"},
     * which is for display only: the digest tags NULL separately.
     */
    public static String canonical(PortableType type, Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof CarriedValue carried) {
            return canonical(null, carried.value());
        }
        if (value instanceof String s) {
            if (type == PortableType.JSON) {
                return CanonicalJson.of(s);
            }
            return type == PortableType.UUID ? s.toLowerCase(Locale.ROOT) : s;
        }
        if (value instanceof Character c) {
            return c.toString();
        }
        if (value instanceof java.util.UUID u) {
            return u.toString();
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (value instanceof Number n) {
            return canonicalNumber(n);
        }
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        return canonicalTemporal(value);
    }

    /**
     * The canonical text behind the digest's tag for the value's class, so two values compare equal exactly
     * when they hash equal: a BLOB never equals a text of the same hex, a carried value never a typed one.
     */
    public static String comparable(PortableType type, Object value) {
        if (value == null) {
            return null;
        }
        char tag = (char) (value instanceof CarriedValue c ? TAG_CARRIED + c.kind().ordinal() : tag(value));
        return tag + canonical(type, value);
    }

    /**
     * True only when the two values' {@link #comparable} texts are certainly equal, decided without building
     * them (a sync or verify walk compares every value of every row; most are equal): the same value of one
     * class, two integers of the same value, or a double and a decimal of the same value. False says nothing:
     * compare the canonical texts then.
     */
    public static boolean surelyEqual(Object x, Object y) {
        if (x == y) {
            return true;
        }
        if (x == null || y == null || x instanceof CarriedValue || y instanceof CarriedValue) {
            return false;
        }
        if (x.getClass() == y.getClass()) {
            return x instanceof byte[] b ? Arrays.equals(b, (byte[]) y) : x.equals(y);
        }
        if (isSmallInteger(x) && isSmallInteger(y)) {
            return ((Number) x).longValue() == ((Number) y).longValue();
        }
        if (x instanceof BigDecimal && y instanceof Double) {
            Object swap = x;
            x = y;
            y = swap;
        }
        // both canonical texts are the stripped plain text of the same value; -0.0 (canonical "-0") and NaN, Infinity excluded
        return x instanceof Double d && y instanceof BigDecimal bd && d != 0 && Double.isFinite(d)
                && BigDecimal.valueOf(d).compareTo(bd) == 0;
    }

    private static boolean isSmallInteger(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    private static byte tag(Object value) {
        if (value instanceof Number || value instanceof Boolean) {
            return TAG_NUMBER;
        }
        if (value instanceof String || value instanceof Character || value instanceof java.util.UUID) {
            return TAG_TEXT;
        }
        if (value instanceof byte[]) {
            return TAG_BINARY;
        }
        if (value instanceof LocalDate || value instanceof java.sql.Date) {
            return TAG_DATE;
        }
        if (value instanceof LocalTime || value instanceof java.sql.Time) {
            return TAG_TIME;
        }
        if (value instanceof LocalDateTime || value instanceof java.sql.Timestamp) {
            return TAG_TIMESTAMP;
        }
        if (value instanceof OffsetDateTime || value instanceof ZonedDateTime || value instanceof Instant) {
            return TAG_TIMESTAMP_TZ;
        }
        throw unsupported(value);
    }

    private static String canonicalNumber(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n instanceof Float f ? floatAsDouble(f) : n.doubleValue();
            if (Double.isNaN(d)) {
                return "NaN";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "Infinity" : "-Infinity";
            }
            if (d == 0) {
                return Double.doubleToRawLongBits(d) == 0 ? "0" : "-0";
            }
            String text = Double.toString(d);
            if (text.indexOf('E') >= 0) {
                return plain(new BigDecimal(text));
            }
            // plain notation: what stripTrailingZeros().toPlainString() would give, without the BigDecimal
            int end = text.length();
            while (text.charAt(end - 1) == '0') {
                end--;
            }
            return text.substring(0, text.charAt(end - 1) == '.' ? end - 1 : end);
        }
        if (n instanceof BigDecimal bd) {
            return plain(bd);
        }
        if (n instanceof BigInteger bi) {
            return bi.toString();
        }
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return Long.toString(n.longValue());
        }
        // other Number classes (AtomicLong, driver-specific): their decimal text is all we can trust
        try {
            return plain(new BigDecimal(n.toString()));
        } catch (NumberFormatException e) {
            throw unsupported(n);
        }
    }

    /**
     * A Float as the double nearest its shortest decimal text, so a FLOAT 0.1 stays 0.1 (not
     * 0.10000000149011612) when widened; DumpWriter stores Floats the same way.
     */
    static double floatAsDouble(Float f) {
        return f.isNaN() || f.isInfinite() ? f.doubleValue() : Double.parseDouble(f.toString());
    }

    static String plain(BigDecimal bd) {
        if (bd.signum() == 0) {
            return "0";
        }
        BigDecimal stripped = bd.stripTrailingZeros();
        // a JSON number like 1e999999999 would otherwise expand to a billion digits
        return Math.abs(stripped.scale()) > MAX_PLAIN_SCALE ? stripped.toString() : stripped.toPlainString();
    }

    private static String canonicalTemporal(Object value) {
        if (value instanceof java.sql.Date d) {
            value = d.toLocalDate();
        } else if (value instanceof java.sql.Time t) {
            value = t.toLocalTime();
        } else if (value instanceof java.sql.Timestamp ts) {
            value = ts.toLocalDateTime();
        } else if (value instanceof ZonedDateTime z) {
            value = z.toOffsetDateTime();
        } else if (value instanceof Instant i) {
            value = i.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof LocalDate d) {
            return Iso8601.format(d);
        }
        if (value instanceof LocalTime t) {
            return Iso8601.format(t);
        }
        if (value instanceof LocalDateTime ts) {
            return Iso8601.format(ts);
        }
        if (value instanceof OffsetDateTime ts) {
            return Iso8601.format(ts.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()) + "Z";
        }
        throw unsupported(value);
    }

    private static IllegalArgumentException unsupported(Object value) {
        return new IllegalArgumentException("no canonical form for a value of class " + value.getClass().getName()
                + "; convert it to one of the classes listed on PortableType");
    }
}
