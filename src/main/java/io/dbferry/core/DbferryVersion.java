package io.dbferry.core;

/** The tool's version, as written into dumps and backups. */
public final class DbferryVersion {

    private DbferryVersion() {
    }

    public static String get() {
        String fromJar = DbferryVersion.class.getPackage().getImplementationVersion();
        return fromJar != null ? fromJar : "0.1.0";
    }
}
