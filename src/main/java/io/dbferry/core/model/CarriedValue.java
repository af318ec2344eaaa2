package io.dbferry.core.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * A value whose kind differs from its column's portable type: SQLite keeps any value in any column,
 * MySQL has zero dates, a NUMERIC column can hold NaN. It travels in the dump with its own kind, exactly
 * as the source held it, and reaches the import unchanged; what it becomes is decided there, where the
 * target is known (a conversion the operator chose, a rejects file, or a refusal).
 *
 * @param kind  the value's own kind
 * @param value {@code Long} or {@code java.math.BigInteger} for INTEGER, {@code Double} (NaN and the
 *              infinities included) for REAL, {@code String} for TEXT, {@code byte[]} for BLOB and for
 *              TEXT_BYTES (text whose bytes are not valid UTF-8, kept byte for byte)
 */
public record CarriedValue(Kind kind, Object value) {

    /** The storage classes a value can have on its own, as SQLite's {@code typeof} names them, plus text that is not UTF-8. */
    public enum Kind { INTEGER, REAL, TEXT, BLOB, TEXT_BYTES }

    public CarriedValue {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value (SQL NULL is null, never a CarriedValue)");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CarriedValue that && kind == that.kind
                && (value instanceof byte[] bytes && that.value instanceof byte[] thatBytes
                ? Arrays.equals(bytes, thatBytes) : value.equals(that.value));
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + (value instanceof byte[] bytes ? Arrays.hashCode(bytes) : value.hashCode());
    }
}
