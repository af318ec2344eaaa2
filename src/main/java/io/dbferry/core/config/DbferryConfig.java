package io.dbferry.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.session.ConnectionRequest;

import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The optional {@code dbferry.yml}: the source and target connections, the backup location, the
 * media folder and migration locations. Passwords are only ever named by environment variable.
 *
 * <pre>
 * source: { url: sqlite:inventory.sqlite3 }
 * target: { url: mysql://inventory@127.0.0.1/inventory, password-env: INVENTORY_DB_PASSWORD }
 * backup: { location: /srv/backups }
 * media:  { dir: /srv/app/media }
 * migrations: { locations: [ "filesystem:/srv/app/migrations/{vendor}" ] }
 * </pre>
 */
public record DbferryConfig(Path file, ConnectionRequest source, ConnectionRequest target, Path backupLocation,
                            Path mediaDir, List<String> migrationLocations) {

    public static final String DEFAULT_NAME = "dbferry.yml";

    public static DbferryConfig empty() {
        return new DbferryConfig(null, null, null, null, null, List.of());
    }

    /** Where and what the YAML parser found, in one line (its own message spans several, with a caret drawing). */
    private static String yamlProblem(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            return " at line " + (yaml.getProblemMark().getLine() + 1) + ", column " + (yaml.getProblemMark().getColumn() + 1)
                    + ": " + yaml.getProblem();
        }
        String said = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
        return (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()) + (said.isBlank() ? "" : ": " + said);
    }

    /** Reads the given file, or ./dbferry.yml when none is given and it exists. */
    public static DbferryConfig load(Path explicit) {
        Path file = explicit != null ? explicit : Path.of(DEFAULT_NAME);
        if (!Files.exists(file)) {
            if (explicit != null) {
                throw new DbferryException(Kind.CONFIGURATION,
                        "The configuration file " + explicit + " does not exist.", "Check the path given to --config.");
            }
            return empty();
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new DbferryException(Kind.CONFIGURATION, file + " is not valid YAML" + yamlProblem(e) + ".",
                    "Fix the YAML and start again.", e);
        } catch (IOException e) {
            throw new DbferryException(Kind.CONFIGURATION, "Cannot read " + file + ": " + e.getMessage(), "Check that it can be read.", e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new DbferryConfig(file, null, null, null, null, List.of());
        }
        Path base = file.toAbsolutePath().getParent();
        List<String> locations = new ArrayList<>();
        root.path("migrations").path("locations").forEach(n -> locations.add(n.asText()));
        return new DbferryConfig(file, connection(root, "source", file), connection(root, "target", file),
                path(base, root.path("backup").path("location")), path(base, root.path("media").path("dir")),
                List.copyOf(locations));
    }

    public Optional<Path> backup() {
        return Optional.ofNullable(backupLocation);
    }

    public Optional<Path> media() {
        return Optional.ofNullable(mediaDir);
    }

    private static ConnectionRequest connection(JsonNode root, String side, Path file) {
        JsonNode node = root.path(side);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.has("password")) {
            throw new DbferryException(Kind.CONFIGURATION, file + " holds a password for the " + side + "; dbferry keeps passwords out of files.",
                    "Replace 'password:' with 'password-env: VAR' and export VAR.");
        }
        String url = node.isTextual() ? node.asText() : node.path("url").asText(null);
        if (url == null) {
            throw new DbferryException(Kind.CONFIGURATION, file + ": the " + side + " has no url.", "Add 'url: ...' under '" + side + ":'.");
        }
        return new ConnectionRequest(url, node.path("user").asText(null), node.path("password-env").asText(null));
    }

    private static Path path(Path base, JsonNode node) {
        return node.isTextual() ? base.resolve(node.asText()).normalize() : null;
    }
}
