package io.dbferry.core.dialect.mysql;

import io.dbferry.core.model.Column;

import java.util.Locale;

/** The MySQL/MariaDB column type {@code copy-schema} declares for a source column's portable type. */
final class MySqlColumnTypes {

    private MySqlColumnTypes() {
    }

    static String columnType(Column source, boolean inKey) {
        String declared = source.typeName() == null ? "" : source.typeName().toUpperCase(Locale.ROOT);
        return switch (source.portableType()) {
            case INTEGER -> integerType(declared);
            case DECIMAL -> source.size() > 0 && source.size() <= 65
                    ? "DECIMAL(" + source.size() + "," + Math.min(source.scale(), 30) + ")" : "DECIMAL(65,30)";
            case DOUBLE -> "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
            case TEXT -> textType(source.size(), inKey);
            case BINARY -> inKey ? "VARBINARY(" + (source.size() > 0 && source.size() <= 3072 ? source.size() : 255) + ")" : "LONGBLOB";
            case DATE -> "DATE";
            case TIME -> "TIME(6)";
            case TIMESTAMP, TIMESTAMP_TZ -> "DATETIME(6)";
            case JSON -> "JSON";
            case UUID -> "CHAR(36)";
        };
    }

    private static String integerType(String declared) {
        if (declared.contains("SMALL") && declared.contains("UNSIGNED")) {
            return "INT"; // 0..65,535 does not fit SMALLINT
        }
        if (declared.contains("TINY") || declared.contains("SMALL") || declared.equals("INT2")) {
            return "SMALLINT";
        }
        if (declared.equals("INT") || declared.equals("INT4") || declared.equals("SERIAL") || declared.equals("MEDIUMINT")) {
            return "INT";
        }
        return declared.contains("UNSIGNED") ? "BIGINT UNSIGNED" : "BIGINT";
    }

    /** VARCHAR where it fits MySQL's 65,535-byte row limit comfortably, TEXT types beyond. */
    private static String textType(int size, boolean inKey) {
        if (size > 0 && size <= 768) {
            return "VARCHAR(" + size + ")";
        }
        if (inKey) {
            return "VARCHAR(255)";
        }
        return size > 0 && size <= 16_383 ? "TEXT" : "LONGTEXT";
    }
}
