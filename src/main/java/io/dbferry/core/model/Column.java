package io.dbferry.core.model;

import io.dbferry.core.model.PortableType;

/**
 * A column as the database declares it, with the portable type its values travel as.
 *
 * @param typeName      the declared type, as the engine names it ({@code varchar}, {@code NUMERIC(10,2)})
 * @param jdbcType      {@link java.sql.Types} code reported by the driver
 * @param size          length in characters, or precision for numbers; 0 when unlimited or unknown
 * @param characterSet  the column's character set where the engine has one per column, else null
 */
public record Column(String name, String typeName, int jdbcType, int size, int scale, boolean nullable,
                     String defaultValue, boolean autoIncrement, PortableType portableType, String characterSet) {

    /** The declared type with its length, as {@code describe} shows it. */
    public String declaredType() {
        String base = typeName == null || typeName.isBlank() ? "(none)" : typeName;
        if (base.contains("(") || size <= 0 || size >= Integer.MAX_VALUE / 2) {
            return base;
        }
        // only types that take a length in their declaration: VARCHAR(40), not TEXT(65535)
        String upper = base.toUpperCase(java.util.Locale.ROOT);
        return switch (portableType) {
            case TEXT, BINARY -> upper.contains("CHAR") || upper.contains("BINARY") ? base + "(" + size + ")" : base;
            case DECIMAL -> upper.contains("DEC") || upper.contains("NUMERIC")
                    ? base + "(" + size + (scale > 0 ? "," + scale : "") + ")" : base;
            default -> base;
        };
    }
}
