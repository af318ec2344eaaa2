package io.dbferry.core.dialect;

import io.dbferry.core.DbferryException;

/**
 * A stored value that cannot be carried exactly in its column's portable type, or that the target
 * cannot hold (kind {@link Kind#VALUE_NOT_CARRIED}). The caller adds the table and key, which only it
 * knows, usually by throwing its own {@link DbferryException} of the same kind with this as the cause.
 */
public class ValueConversionException extends DbferryException {

    private final String column;
    private final Object value;

    public ValueConversionException(String column, Object value, String reason) {
        super(Kind.VALUE_NOT_CARRIED, Where.of(null, null, column), reason, null, null);
        this.column = column;
        this.value = value;
    }

    public String column() {
        return column;
    }

    public Object value() {
        return value;
    }

    /** A short, printable excerpt of the value. */
    public String excerpt() {
        return Excerpt.of(value);
    }
}
