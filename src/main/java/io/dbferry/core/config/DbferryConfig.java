package io.dbferry.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.catalog.TableNames;
import io.dbferry.core.session.ConnectionRequest;
import io.dbferry.core.session.ConnectionUrls;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The optional {@code dbferry.yml}: the source and target connections, the backup location, the
 * media folder and migration locations. Passwords are only ever named by environment variable. The
 * file is bound to {@link ConfigFile}'s records; a key they do not name is refused by name and line,
 * as Flyway refuses an unknown property, instead of being ignored.
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

    private static final String AGAIN = "Correct the file and start dbferry again.";

    /** Built on first use: a start with no dbferry.yml does not pay for a YAML mapper. */
    private static final class Yaml {
        static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    public static DbferryConfig empty() {
        return new DbferryConfig(null, null, null, null, null, List.of());
    }

    /** Reads the given file, or ./dbferry.yml when none is given and it exists. */
    public static DbferryConfig load(Path explicit) {
        Path file = explicit != null ? explicit : Path.of(DEFAULT_NAME);
        if (!Files.exists(file)) {
            if (explicit != null) {
                throw new DbferryException(Kind.CONFIGURATION, "The configuration file " + explicit + " does not exist.",
                        "Check the path given to --config.");
            }
            return empty();
        }
        ConfigFile read = read(file);
        if (read == null) {
            return new DbferryConfig(file, null, null, null, null, List.of());
        }
        Path base = file.toAbsolutePath().getParent();
        List<String> locations = read.migrations() == null || read.migrations().locations() == null ? List.of()
                : read.migrations().locations().stream().filter(Objects::nonNull).toList();
        return new DbferryConfig(file, connection(read.source(), "source", file), connection(read.target(), "target", file),
                path(base, read.backup() == null ? null : read.backup().location()),
                path(base, read.media() == null ? null : read.media().dir()), locations);
    }

    public Optional<Path> backup() {
        return Optional.ofNullable(backupLocation);
    }

    public Optional<Path> media() {
        return Optional.ofNullable(mediaDir);
    }

    /**
     * The file bound to its records, or null when it holds nothing. The parser's exceptions are not kept as
     * causes: their messages quote the file's text, which may hold a secret, and causes go to the log.
     */
    private static ConfigFile read(Path file) {
        KeyLines keys = null;
        try (JsonParser parser = new KeyLines(Yaml.MAPPER.createParser(file.toFile()))) {
            keys = (KeyLines) parser;
            if (parser.nextToken() == null) {
                return null;
            }
            return Yaml.MAPPER.readValue(parser, ConfigFile.class);
        } catch (UnrecognizedPropertyException e) {
            throw unknownKey(file, line(keys, e), e);
        } catch (MismatchedInputException e) {
            String key = e.getPath().isEmpty() ? "the file" : "'" + dotted(e.getPath()) + "'";
            throw new DbferryException(Kind.CONFIGURATION, file + line(keys, e) + ": " + key + " should be "
                    + expected(e.getTargetType()) + ".", "See the configuration section of the README. " + AGAIN, null);
        } catch (JsonProcessingException e) {
            throw new DbferryException(Kind.CONFIGURATION, file + " is not valid YAML" + yamlProblem(e) + ".",
                    "Fix the YAML and start again.", null);
        } catch (IOException e) {
            throw new DbferryException(Kind.CONFIGURATION, "Cannot read " + file + ": " + e.getMessage(), "Check that it can be read.", e);
        }
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

    /** "dbferry.yml line 2: unknown key 'taget'. The keys allowed at the top level are ..." */
    private static DbferryException unknownKey(Path file, String line, UnrecognizedPropertyException e) {
        String key = e.getPropertyName();
        List<JsonMappingException.Reference> path = e.getPath();
        String parent = path.size() > 1 ? dotted(path.subList(0, path.size() - 1)) : null;
        String at = file + line;
        if (ConnectionUrls.isPasswordName(key)) {
            return new DbferryException(Kind.CONFIGURATION, at + " holds a password" + (parent == null ? "" : " for the " + parent)
                    + "; dbferry keeps passwords out of files.",
                    "Replace '" + key + ":' with 'password-env: VAR' and export VAR.");
        }
        List<String> allowed = new ArrayList<>();
        e.getKnownPropertyIds().forEach(id -> allowed.add(String.valueOf(id)));
        allowed.sort(null);
        String level = parent == null ? "at the top level" : "under '" + parent + "'";
        List<String> close = TableNames.closest(key, allowed, 1);
        return new DbferryException(Kind.CONFIGURATION, at + ": unknown key '" + key + "'" + (parent == null ? "" : " under '" + parent + "'")
                + ". The keys allowed " + level + " are " + String.join(", ", allowed) + ".",
                (close.isEmpty() ? "" : "Did you mean '" + close.get(0) + "'? ") + AGAIN, null);
    }

    /** " line N": the line of the key the exception names, else where the parser stopped. */
    private static String line(KeyLines keys, JsonProcessingException e) {
        int line = keys != null && e instanceof JsonMappingException m ? keys.lineOf(dotted(m.getPath())) : -1;
        if (line <= 0 && e.getLocation() != null) {
            line = e.getLocation().getLineNr();
        }
        return line <= 0 ? "" : " line " + line;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "something else";
        }
        if (type == String.class) {
            return "a single value (text)";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list of values";
        }
        return type == ConfigFile.Connection.class ? "a URL or a map of keys (url, user, password-env)" : "a map of keys";
    }

    private static String dotted(List<JsonMappingException.Reference> path) {
        List<String> names = new ArrayList<>();
        for (JsonMappingException.Reference reference : path) {
            names.add(reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]");
        }
        return String.join(".", names).replace(".[", "[");
    }

    private static ConnectionRequest connection(ConfigFile.Connection entry, String side, Path file) {
        if (entry == null) {
            return null;
        }
        if (entry.url() == null || entry.url().isBlank()) {
            throw new DbferryException(Kind.CONFIGURATION, file + ": the " + side + " has no url.",
                    "Add 'url: ...' under '" + side + ":'.");
        }
        if (ConnectionUrls.holdsPassword(entry.url())) {
            throw new DbferryException(Kind.CONFIGURATION, file + ": the " + side + "'s url holds a password; dbferry keeps "
                    + "passwords out of files.", "Remove it from the url, add 'password-env: VAR' under '" + side + ":' and export VAR.");
        }
        return new ConnectionRequest(entry.url(), entry.user(), entry.passwordEnv());
    }

    private static Path path(Path base, String value) {
        return value == null ? null : base.resolve(value).normalize();
    }
}
