package io.dbferry.core.dump;

/** Engine-neutral column type (placeholder until the dump package lands). */
public enum PortableType { BOOLEAN, INTEGER, DECIMAL, DOUBLE, TEXT, BINARY, DATE, TIME, TIMESTAMP, TIMESTAMP_TZ, JSON, UUID }
