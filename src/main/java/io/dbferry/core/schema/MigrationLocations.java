package io.dbferry.core.schema;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.model.Engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where migrations are: Flyway locations ({@code filesystem:DIR}, {@code classpath:PACKAGE/DIR}) in which
 * {@code {vendor}} is replaced by the engine's folder name (sqlite, mysql, postgresql). A location without
 * a prefix is a folder on disk. Every location is checked before Flyway sees it, so a typo is reported
 * as such instead of as "no migrations".
 */
public final class MigrationLocations {

    public static final String VENDOR = "{vendor}";

    private MigrationLocations() {
    }

    /**
     * The locations to use: the option's when given, else the configuration's.
     *
     * @param fromOption     the --locations values, or empty
     * @param fromConfig     dbferry.yml's migrations.locations, or empty
     * @return Flyway location strings with {vendor} replaced, each checked to exist
     */
    public static List<String> resolve(List<String> fromOption, List<String> fromConfig, Engine engine) {
        List<String> given = clean(fromOption);
        if (given.isEmpty()) {
            given = clean(fromConfig);
        }
        if (given.isEmpty()) {
            throw new DbferryException(Kind.USAGE, "No migration locations are configured, so 'migrate' has nothing to run.",
                    "Give them with 'migrate --locations filesystem:/path/to/migrations/{vendor}' or under "
                            + "'migrations: { locations: [...] }' in dbferry.yml; or create the tables from the source "
                            + "with 'copy-schema' instead.");
        }
        List<String> resolved = new ArrayList<>();
        for (String location : given) {
            resolved.add(check(location, location.replace(VENDOR, engine.vendor())));
        }
        return List.copyOf(resolved);
    }

    private static List<String> clean(List<String> locations) {
        List<String> out = new ArrayList<>();
        if (locations != null) {
            for (String l : locations) {
                for (String part : l == null ? new String[0] : l.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.trim());
                    }
                }
            }
        }
        return out;
    }

    private static String check(String given, String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("classpath:")) {
            String path = location.substring("classpath:".length()).replaceFirst("^/+", "");
            ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : MigrationLocations.class.getClassLoader();
            if (loader.getResource(path) == null && loader.getResource(path + "/") == null) {
                throw new DbferryException(Kind.FILE, "The migration location " + location + " does not exist on dbferry's classpath"
                        + (given.equals(location) ? "" : " (from " + given + ")") + ".",
                        "Check the name, or give a folder on disk as filesystem:/path/to/migrations.");
            }
            return "classpath:" + path;
        }
        String path = lower.startsWith("filesystem:") ? location.substring("filesystem:".length()) : location;
        if (lower.matches("^[a-z0-9]{2,}:.*") && !lower.startsWith("filesystem:")) {
            throw new DbferryException(Kind.USAGE, "The migration location " + location + " has a prefix dbferry does not read.",
                    "Use filesystem:/path/to/folder or classpath:path/in/jar.");
        }
        Path dir = Path.of(path).toAbsolutePath().normalize();
        String from = given.equals(location) ? "" : " (from " + given + ")";
        if (!Files.exists(dir)) {
            throw new DbferryException(Kind.FILE, "The migration folder " + dir + " does not exist" + from + ".",
                    "Check the path; {vendor} stands for the target engine's folder (sqlite, mysql or postgresql).");
        }
        if (!Files.isDirectory(dir)) {
            throw new DbferryException(Kind.FILE, "The migration location " + dir + " is a file, not a folder" + from + ".",
                    "Name the folder that holds the V1__*.sql files.");
        }
        if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
            throw new DbferryException(Kind.FILE, "The migration folder " + dir + " cannot be read" + from + ".",
                    "Give the user running dbferry read access to it.");
        }
        return "filesystem:" + dir;
    }
}
