package io.dbferry.core.dialect;

/**
 * A stored value that cannot be carried exactly in its column's portable type, or that the target
 * cannot hold. The caller adds the table and key, which only it knows.
 */
public class ValueConversionException extends RuntimeException {

    private final String column;
    private final Object value;

    public ValueConversionException(String column, Object value, String reason) {
        super(reason);
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
