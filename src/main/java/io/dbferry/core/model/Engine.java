package io.dbferry.core.model;

/** The database engines dbferry talks to. {@link #vendor()} names the per-engine migration folder. */
public enum Engine {
    SQLITE("SQLite", "sqlite"),
    MYSQL("MySQL", "mysql"),
    MARIADB("MariaDB", "mysql"),
    POSTGRESQL("PostgreSQL", "postgresql");

    private final String displayName;
    private final String vendor;

    Engine(String displayName, String vendor) {
        this.displayName = displayName;
        this.vendor = vendor;
    }

    public String displayName() {
        return displayName;
    }

    /** Folder name for per-engine resources such as Flyway migrations ({@code {vendor}}). */
    public String vendor() {
        return vendor;
    }
}
