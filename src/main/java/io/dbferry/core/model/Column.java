package io.dbferry.core.model;

import java.util.List;

/**
 * A column as the database declares it, with the portable type its values travel as.
 *
 * @param typeName      the declared type, as the engine names it ({@code varchar}, {@code NUMERIC(10,2)})
 * @param jdbcType      {@link java.sql.Types} code reported by the driver
 * @param size          length in characters, or precision for numbers; 0 when unlimited or unknown
 * @param defaultValue  the default expression as the engine wrote it ({@code 'G'}, {@code current_timestamp()},
 *                      {@code nextval('s'::regclass)}), null when there is none
 * @param characterSet  the column's character set where the engine has one per column, else null
 * @param onUpdate      the expression MySQL sets the column to on every UPDATE ({@code current_timestamp()}), else null
 * @param generated     the expression the engine computes the column from, else null; never written by an import
 * @param choices       the values an ENUM or SET (or a PostgreSQL enum type) allows, else null
 * @param collation     how the column's text compares, as the engine names it ({@code utf8mb4_general_ci},
 *                      {@code NOCASE}), null for the engine's default
 */
public record Column(String name, String typeName, int jdbcType, int size, int scale, boolean nullable,
                     String defaultValue, boolean autoIncrement, PortableType portableType, String characterSet,
                     String onUpdate, Generated generated, Choices choices, String collation) {

    /** A column without ON UPDATE, generation, choices or collation: what JDBC metadata alone tells. */
    public Column(String name, String typeName, int jdbcType, int size, int scale, boolean nullable,
                  String defaultValue, boolean autoIncrement, PortableType portableType, String characterSet) {
        this(name, typeName, jdbcType, size, scale, nullable, defaultValue, autoIncrement, portableType, characterSet,
                null, null, null, null);
    }

    /** A computed column's expression as the engine wrote it; stored (on disk) or virtual (computed when read). */
    public record Generated(String expression, boolean stored) {
    }

    /** The values an ENUM allows (one of them) or a SET allows ({@code set}: any comma-separated subset). */
    public record Choices(List<String> values, boolean set) {
        public Choices {
            values = List.copyOf(values);
        }
    }

    public boolean isGenerated() {
        return generated != null;
    }

    public Column withDefault(String expression) {
        return new Column(name, typeName, jdbcType, size, scale, nullable, expression, autoIncrement, portableType,
                characterSet, onUpdate, generated, choices, collation);
    }

    public Column withOnUpdate(String expression) {
        return new Column(name, typeName, jdbcType, size, scale, nullable, defaultValue, autoIncrement, portableType,
                characterSet, expression, generated, choices, collation);
    }

    public Column withGenerated(Generated generation) {
        return new Column(name, typeName, jdbcType, size, scale, nullable, defaultValue, autoIncrement, portableType,
                characterSet, onUpdate, generation, choices, collation);
    }

    public Column withChoices(Choices allowed) {
        return new Column(name, typeName, jdbcType, size, scale, nullable, defaultValue, autoIncrement, portableType,
                characterSet, onUpdate, generated, allowed, collation);
    }

    public Column withCollation(String name) {
        return new Column(this.name, typeName, jdbcType, size, scale, nullable, defaultValue, autoIncrement, portableType,
                characterSet, onUpdate, generated, choices, name);
    }

    /** The same column declared with another type (a PostgreSQL DOMAIN as its base type, a referencing column as its key's). */
    public Column withType(String declared, int jdbc, int length, int digits, PortableType portable) {
        return new Column(name, declared, jdbc, length, digits, nullable, defaultValue, autoIncrement, portable,
                characterSet, onUpdate, generated, choices, collation);
    }

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
