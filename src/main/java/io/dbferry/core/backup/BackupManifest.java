package io.dbferry.core.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbferry.core.JsonMapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * {@code manifest.json}: what a backup holds and how to check it. Written last, so a folder with a
 * manifest holds every file it lists; for an encrypted backup it carries an HMAC keyed from the
 * passphrase, so neither it nor the key parameters can be changed unnoticed. Every manifest also carries
 * {@code checksum}, the SHA-256 of its own content, which catches a changed byte in any field, also in
 * an unencrypted backup (it is no signature: whoever rewrites the manifest can rewrite it too). The
 * checksum lives in the file only, not in this record, so the MAC's bytes are those of the first format.
 * See docs/backup-format.md.
 *
 * @param createdAt     ISO-8601 UTC instant the backup started
 * @param engine        the database's engine ("SQLite", "MariaDB", ...), null with --skip-db
 * @param schemaVersion the database's Flyway schema version, where it has one
 * @param tables        per table the rows and the dump's content checksum (empty with --skip-db)
 * @param media         what the media archive holds; null with --skip-media
 * @param files         every file of the backup with its size and SHA-256 (of the bytes stored)
 * @param encryption    key derivation and cipher; null when not encrypted
 * @param mac           HMAC-SHA256 of the manifest without this field (encrypted backups only)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BackupManifest(String format, int formatVersion, String toolVersion, String createdAt, String name,
                             String label, String engine, String engineVersion, String database, String schemaVersion,
                             List<TableEntry> tables, MediaEntry media, List<FileEntry> files, boolean encrypted,
                             Encryption encryption, String mac) {

    public static final String FORMAT = "dbferry-backup";
    public static final int CURRENT_VERSION = 1;
    public static final String FILE_NAME = "manifest.json";
    /** The field of manifest.json holding the SHA-256 of everything else in it. */
    static final String CHECKSUM = "checksum";

    public record TableEntry(String name, long rows, String sha256) {
    }

    public record MediaEntry(String source, long files, long bytes, long directories, long links) {
    }

    public record FileEntry(String name, String role, long bytes, String sha256) {
    }

    /** {@code segmentSize}: the first format's (AES-256-GCM) segments; null for OpenPGP files. */
    public record Encryption(String cipher, Integer segmentSize, String kdf, int iterations, String salt) {
        BackupCrypto.KdfParameters kdfParameters() {
            return new BackupCrypto.KdfParameters(kdf, iterations, salt);
        }
    }

    public static final String ROLE_DATABASE = "database";
    public static final String ROLE_MEDIA = "media";

    /** A newer dbferry may add fields; this one reads what it knows. */
    private static final ObjectReader READER = JsonMapping.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Instant created() {
        return Instant.parse(createdAt);
    }

    public long totalRows() {
        return tables.stream().mapToLong(TableEntry::rows).sum();
    }

    public long totalBytes() {
        return files.stream().mapToLong(FileEntry::bytes).sum();
    }

    public Optional<FileEntry> file(String role) {
        return files.stream().filter(f -> f.role().equals(role)).findFirst();
    }

    /** The bytes the MAC covers: the manifest without its MAC, in compact JSON. */
    byte[] canonicalBytes() {
        try {
            return JsonMapping.writer().writeValueAsBytes(withMac(null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    BackupManifest withMac(String newMac) {
        return new BackupManifest(format, formatVersion, toolVersion, createdAt, name, label, engine, engineVersion, database,
                schemaVersion, tables, media, files, encrypted, encryption, newMac);
    }

    BackupManifest signed(BackupCrypto.Keys keys) {
        return withMac(BackupCrypto.manifestMac(keys, canonicalBytes()));
    }

    boolean macValid(BackupCrypto.Keys keys) {
        return BackupCrypto.macMatches(keys, canonicalBytes(), mac);
    }

    /** Writes the manifest with its checksum as the last field. */
    void write(Path file) throws IOException {
        ObjectNode tree = (ObjectNode) READER.readTree(JsonMapping.writer().writeValueAsBytes(this));
        tree.put(CHECKSUM, checksumOf(tree));
        Files.write(file, JsonMapping.prettyWriter().writeValueAsBytes(tree));
    }

    /** SHA-256 (hex) of the fields as compact JSON, in the file's order: layout is not content, every value is. */
    private static String checksumOf(ObjectNode withoutChecksum) throws JsonProcessingException {
        return HexFormat.of().formatHex(MediaArchive.sha256().digest(JsonMapping.writer().writeValueAsBytes(withoutChecksum)));
    }

    /** False for manifests written before the checksum existed (they are still read). */
    static boolean carriesChecksum(Path file) throws IOException {
        return READER.readTree(Files.readAllBytes(file)).hasNonNull(CHECKSUM);
    }

    /** Reads and checks the format; a damaged or foreign file throws {@link BackupIntegrityException}. */
    static BackupManifest read(Path file) throws IOException {
        JsonNode root;
        try {
            root = READER.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new BackupIntegrityException(file + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new BackupIntegrityException(file + " is not a dbferry backup manifest");
        }
        JsonNode checksum = ((ObjectNode) root).remove(CHECKSUM);
        if (checksum != null && !checksum.isNull() && !checksum.asText().equals(checksumOf((ObjectNode) root))) {
            throw new ManifestChangedException(file);
        }
        int version = root.path("formatVersion").asInt();
        if (version != CURRENT_VERSION) {
            throw new BackupIntegrityException(file + " is backup format version " + version + "; this dbferry reads version "
                    + CURRENT_VERSION);
        }
        try {
            BackupManifest manifest = READER.forType(BackupManifest.class).readValue(root);
            if (manifest.createdAt() == null || manifest.files() == null || manifest.tables() == null) {
                throw new BackupIntegrityException(file + " lacks createdAt, files or tables");
            }
            manifest.created();
            return manifest;
        } catch (JsonProcessingException | java.time.format.DateTimeParseException e) {
            throw new BackupIntegrityException(file + " does not hold a valid manifest: " + e.getMessage());
        }
    }

    /** The manifest's content does not match its own checksum: it was changed after it was written. */
    static final class ManifestChangedException extends BackupIntegrityException {
        ManifestChangedException(Path file) {
            super(file + " was changed after the backup was written: its content does not match the checksum it carries");
        }
    }
}
