package io.dbferry.core.model;

/**
 * Engine-neutral column type. Java value classes: BOOLEAN {@code Boolean}; INTEGER {@code Long} or
 * {@code BigInteger} (unsigned 64-bit can exceed {@code Long}); DECIMAL {@code BigDecimal}; DOUBLE
 * {@code Double}; TEXT {@code String}; BINARY {@code byte[]}; DATE {@code LocalDate}; TIME
 * {@code LocalTime}; TIMESTAMP {@code LocalDateTime}; TIMESTAMP_TZ {@code OffsetDateTime}; JSON
 * {@code String} (the JSON text); UUID {@code java.util.UUID}. {@code null} is SQL NULL.
 */
public enum PortableType {
    BOOLEAN, INTEGER, DECIMAL, DOUBLE, TEXT, BINARY, DATE, TIME, TIMESTAMP, TIMESTAMP_TZ, JSON, UUID
}
