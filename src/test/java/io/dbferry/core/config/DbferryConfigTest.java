package io.dbferry.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.session.ConnectionRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class DbferryConfigTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("dbferry.yml"), yaml);
    }

    private DbferryException refused(Path file) {
        try {
            DbferryConfig.load(file);
        } catch (DbferryException e) {
            return e;
        }
        throw new AssertionError(file + " was accepted");
    }

    @Test
    void bindsEveryKeyAndResolvesPathsBesideTheFile() throws IOException {
        Path file = write("""
                source: sqlite:inventory.sqlite3
                target: { url: "mysql://inventory@127.0.0.1/inventory", user: app, password-env: INVENTORY_DB_PASSWORD }
                backup: { location: backups }
                media:
                  dir: /srv/app/media
                migrations: { locations: [ "filesystem:/srv/app/migrations/{vendor}", "classpath:db" ] }
                """);
        DbferryConfig config = DbferryConfig.load(file);
        assertThat(config.source()).isEqualTo(new ConnectionRequest("sqlite:inventory.sqlite3", null, null));
        assertThat(config.target()).isEqualTo(new ConnectionRequest("mysql://inventory@127.0.0.1/inventory", "app", "INVENTORY_DB_PASSWORD"));
        assertThat(config.backup()).contains(dir.resolve("backups").toAbsolutePath().normalize());
        assertThat(config.media()).contains(Path.of("/srv/app/media"));
        assertThat(config.migrationLocations()).containsExactly("filesystem:/srv/app/migrations/{vendor}", "classpath:db");
    }

    @Test
    void anEmptyFileAndAMissingDefaultAreNoConfiguration() throws IOException {
        DbferryConfig config = DbferryConfig.load(write("# nothing yet\n"));
        assertThat(config.source()).isNull();
        assertThat(config.migrationLocations()).isEmpty();
        assertThat(refused(dir.resolve("missing.yml")).kind()).isEqualTo(Kind.CONFIGURATION);
    }

    @Test
    void anUnknownTopLevelKeyIsRefusedByNameAndLineWithTheAllowedKeys() throws IOException {
        Path file = write("""
                source: sqlite:inventory.sqlite3
                taget: { url: "mysql://inventory@127.0.0.1/inventory" }
                """);
        DbferryException e = refused(file);
        assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(e.paragraph()).isEqualTo(file + " line 2: unknown key 'taget'. The keys allowed at the top level are "
                + "backup, media, migrations, source, target. Did you mean 'target'? Correct the file and start dbferry again.");
    }

    @Test
    void anUnknownNestedKeyNamesItsParentAndItsSiblings() throws IOException {
        Path file = write("""
                target:
                  url: "mysql://inventory@127.0.0.1/inventory"
                  usr: app
                """);
        DbferryException e = refused(file);
        assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(e.paragraph()).isEqualTo(file + " line 3: unknown key 'usr' under 'target'. The keys allowed under "
                + "'target' are password-env, url, user. Did you mean 'user'? Correct the file and start dbferry again.");
    }

    @Test
    void aKeyNothingIsCloseToGetsNoGuess() throws IOException {
        Path file = write("backup:\n  location: /srv/backups\n  compression: zstd\n");
        assertThat(refused(file).paragraph()).isEqualTo(file + " line 3: unknown key 'compression' under 'backup'. "
                + "The keys allowed under 'backup' are location. Correct the file and start dbferry again.");
    }

    @Test
    void aPasswordInTheFileIsRefusedWithoutShowingIt() throws IOException {
        Path file = write("source: { url: \"mysql://app@127.0.0.1/app\", password: s3cret-value }\n");
        DbferryException e = refused(file);
        assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(e.paragraph()).isEqualTo(file + " line 1 holds a password for the source; dbferry keeps passwords "
                + "out of files. Replace 'password:' with 'password-env: VAR' and export VAR.");
        assertThat(e.toString()).doesNotContain("s3cret");
    }

    /** A password under any key that carries one, in any case, or inside a url in any form a driver reads. */
    @ParameterizedTest
    @ValueSource(strings = {
            "source: { url: \"mysql://app@127.0.0.1/app\", Password: s3cret-value }",
            "target: { url: \"mysql://app@127.0.0.1/app\", PASSWORD: s3cret-value }",
            "target: { url: \"mysql://app@127.0.0.1/app\", password1: s3cret-value }",
            "target: { url: \"postgresql://h/db\", sslpassword: s3cret-value }",
            "password: s3cret-value",
            "target: \"mysql://app:s3cret-value@127.0.0.1/app\"",
            "target: { url: \"jdbc:mysql://app:s3cret-value@127.0.0.1/app\" }",
            "target: { url: \"mysql://127.0.0.1/app?Password2=s3cret-value\" }",
            "target: { url: \"mysql://address=(host=h)(password=s3cret-value)/app\" }",
            "target: { url: \"postgres://h/db?ssl=true&sslPassword=s3cret-value\" }",
            "source: { url: \"sqlite:app.db?PASSWORD=s3cret-value\" }",
            "source: { url: \"oracle://app:s3cret-value@h/db\" }"})
    void aPasswordInAnyKeyOrUrlOfTheFileIsRefusedWithoutShowingIt(String yaml) throws IOException {
        DbferryException e = refused(write(yaml + "\n"));
        assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(e.getMessage()).contains("holds a password").endsWith("dbferry keeps passwords out of files.");
        assertThat(e.nextStep()).contains("password-env: VAR");
        assertThat(e.paragraph() + e).doesNotContain("s3cret");
    }

    @Test
    void aValueOfTheWrongShapeAndBrokenYamlAreRefusedWithTheirLine() throws IOException {
        DbferryException shape = refused(write("migrations:\n  locations: { a: b }\n"));
        assertThat(shape.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(shape.getMessage()).endsWith("dbferry.yml line 2: 'migrations.locations[0]' should be a single value (text).");
        assertThat(refused(write("source: [ sqlite:a.db ]\n")).getMessage())
                .endsWith("line 1: 'source' should be a URL or a map of keys (url, user, password-env).");
        DbferryException yaml = refused(write("source: sqlite:a.db\ntarget: url: x\n"));
        assertThat(yaml.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(yaml.getMessage()).contains("dbferry.yml is not valid YAML at line 2, column ");
        DbferryException twice = refused(write("source: sqlite:a.db\nsource: sqlite:b.db\n"));
        assertThat(twice.getMessage()).contains("line 2").contains("source");
        assertThat(refused(write("target: { user: app }\n")).paragraph()).endsWith("the target has no url. Add 'url: ...' under 'target:'.");
    }

    @Test
    void aListOfOneMayBeWrittenAsOneValue() throws IOException {
        assertThat(DbferryConfig.load(write("migrations: { locations: classpath:db }\n")).migrationLocations())
                .isEqualTo(List.of("classpath:db"));
    }
}
