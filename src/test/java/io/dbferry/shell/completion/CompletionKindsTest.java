package io.dbferry.shell.completion;

import io.dbferry.core.session.ConnectionRequest;
import io.dbferry.core.session.Side;
import io.dbferry.shell.launch.CommandExecutor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.Shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each kind of value Tab completes, through Spring Shell's own {@link Shell#complete} in the application's
 * real context (the resolvers and value providers JLine calls): file and folder names, table lists per
 * element on the side the command reads (a dump's own tables for import), {@code --where TABLE:COLUMN},
 * fixed sets, and connect's URL forms.
 */
class CompletionKindsTest extends TabShellTest {

    @TempDir
    static Path tmp;

    private static Path files;
    private static Path dump;

    @BeforeAll
    static void start() throws Exception {
        tab = TabShell.start(tmp, "Warehouse", "WorkOrder");
        files = Files.createDirectories(tmp.resolve("files"));
        Files.writeString(files.resolve("data.json"), "{}");
        Files.writeString(files.resolve("data 2.json"), "{}");
        Files.writeString(files.resolve(".hidden"), "");
        Files.createDirectories(files.resolve("dumps"));
        Files.createDirectories(files.resolve("dir with space"));

        // a dump of two source tables: import's --tables offers the dump's tables, not the target's
        tab.connect();
        dump = tmp.resolve("two.json");
        CommandExecutor.Outcome outcome = tab.context.getBean(CommandExecutor.class)
                .execute(List.of("export-records", "-f", dump.toString(), "--tables", "Genre,MediaType", "--quiet"));
        assertThat(outcome).isInstanceOf(CommandExecutor.Printed.class);
    }

    @Test
    void aFileOptionOffersFilesAndFoldersNotOptionNames() {
        String folder = files + "/";
        assertThat(complete("export-records -f " + folder)).containsExactlyInAnyOrder(
                folder + "data 2.json", folder + "data.json", folder + "dir with space/", folder + "dumps/");
        assertThat(complete("export-records -f " + folder + "da")).containsExactly(folder + "data 2.json", folder + "data.json");
        assertThat(complete("import-records --file " + folder + ".h")).containsExactly(folder + ".hidden");
        assertThat(complete("fix-encoding -f x -o " + folder + "du")).containsExactly(folder + "dumps/");
        // the reported case: -f then Tab offered --exclude --format ... instead of files
        assertThat(complete("export-records -f ")).contains("pom.xml", "src/").noneMatch(v -> v.startsWith("-"));
        assertThat(complete("export-records -f src/ma")).containsExactly("src/main/");
        assertThat(complete("export-records --")).contains("--tables", "--format");
    }

    @Test
    void aFolderIsNotFollowedByASpaceAndShowsItsOwnName() {
        CompletionProposal folder = proposals("export-records -f " + files + "/du").get(0);
        assertThat(folder.complete()).isFalse();
        assertThat(folder.displayText()).isEqualTo("dumps/");
        CompletionProposal file = proposals("export-records -f " + files + "/data.").get(0);
        assertThat(file.complete()).isTrue();
        assertThat(file.displayText()).isEqualTo("data.json");
    }

    @Test
    void folderOptionsOfferFoldersOnly() {
        String folder = files + "/";
        assertThat(complete("backup --media " + folder)).containsExactlyInAnyOrder(folder + "dir with space/", folder + "dumps/");
        assertThat(complete("backups --path " + folder + "d")).containsExactlyInAnyOrder(folder + "dir with space/", folder + "dumps/");
    }

    @Test
    void aPathFromTheHomeFolderKeepsItsTilde() {
        String home = System.getProperty("user.home");
        System.setProperty("user.home", files.toString());
        try {
            assertThat(complete("export-records -f ~/da")).containsExactly("~/data 2.json", "~/data.json");
            assertThat(complete("connect target sqlite:~/du")).containsExactly("sqlite:~/dumps/");
            assertThat(HomePaths.expand("sqlite:~/data.json")).isEqualTo("sqlite:" + files + "/data.json");
            assertThat(HomePaths.expand("~")).isEqualTo("~");
        } finally {
            System.setProperty("user.home", home);
        }
    }

    @Test
    void connectCompletesSqlitePathsUrlFormsAndTheConfiguredUrl() {
        String folder = files + "/";
        assertThat(complete("connect target sqlite:" + folder + "data.")).containsExactly("sqlite:" + folder + "data.json");
        assertThat(complete("connect target jdbc:sqlite:" + folder + "du")).containsExactly("jdbc:sqlite:" + folder + "dumps/");
        assertThat(complete("connect source ")).contains("sqlite:", "mysql://", "mariadb://", "postgresql://", "jdbc:");
        assertThat(complete("connect source jdbc:")).contains(
                "jdbc:sqlite:", "jdbc:mysql://", "jdbc:mariadb://", "jdbc:postgresql://");
        assertThat(proposals("connect source m").stream().filter(p -> p.value().equals("mysql://")).findFirst().orElseThrow()
                .complete()).isFalse();
        tab.session.configure(Side.TARGET, new ConnectionRequest("mysql://app@db.example/inventory", null, null));
        assertThat(complete("connect target ")).contains("mysql://app@db.example/inventory");
        assertThat(complete("connect source ")).doesNotContain("mysql://app@db.example/inventory");
    }

    @Test
    void eachElementOfATableListCompletesOnTheSideTheCommandReads() {
        assertThat(complete("export-records --tables Inv")).containsExactlyInAnyOrder("Invoice", "InvoiceLine");
        assertThat(complete("export-records --tables Album,Inv")).containsExactlyInAnyOrder("Album,Invoice", "Album,InvoiceLine");
        assertThat(complete("export-records --tables Invoice,Inv")).containsExactly("Invoice,InvoiceLine");
        assertThat(proposals("export-records --tables Invoice,Inv").get(0).complete()).isFalse(); // a comma may follow
        assertThat(complete("export-records --exclude Track,Play")).containsExactlyInAnyOrder("Track,Playlist", "Track,PlaylistTrack");
        assertThat(complete("copy-schema --tables Gen")).containsExactly("Genre");
        // verify reads the target
        assertThat(complete("verify --tables W")).containsExactlyInAnyOrder("Warehouse", "WorkOrder");
        assertThat(complete("verify --tables Inv")).isEmpty();
    }

    @Test
    void importListsTheDumpsTablesOnceAFileIsGiven() {
        assertThat(complete("import-records -f " + dump + " --tables ")).containsExactlyInAnyOrder("Genre", "MediaType");
        // Tab in the middle of the line, with the -f after the list
        List<String> words = List.of("import-records", "--tables", "Genre,M", "-f", dump.toString());
        assertThat(tab.values(words, 2, 7)).containsExactly("Genre,MediaType");
        // no dump named yet: the target's tables, where the import goes
        assertThat(complete("import-records --tables W")).containsExactlyInAnyOrder("Warehouse", "WorkOrder");
        assertThat(complete("validate-encoding -f " + dump + " --tables G")).containsExactly("Genre");
    }

    @Test
    void aDumpsTableNamesAreReadWithinTheirBound() {
        assertThat(io.dbferry.core.dump.DumpTableNames.read(dump, java.time.Duration.ofSeconds(20))).containsExactly("Genre", "MediaType");
        long started = System.nanoTime();
        assertThat(io.dbferry.core.dump.DumpTableNames.read(dump, java.time.Duration.ZERO)).isEmpty();
        assertThat(System.nanoTime() - started).isLessThan(2_000_000_000L);
        assertThat(io.dbferry.core.dump.DumpTableNames.read(files.resolve("data.json"), java.time.Duration.ofSeconds(5))).isEmpty();
    }

    @Test
    void whereCompletesTheTableThenItsColumns() {
        List<CompletionProposal> tables = proposals("export-records --where Inv");
        assertThat(tables).extracting(CompletionProposal::value).containsExactlyInAnyOrder("Invoice:", "InvoiceLine:");
        assertThat(tables).allMatch(p -> !p.complete());
        assertThat(complete("export-records --where Invoice:Billing")).containsExactly("Invoice:BillingAddress",
                "Invoice:BillingCity", "Invoice:BillingState", "Invoice:BillingCountry", "Invoice:BillingPostalCode");
        assertThat(complete("export-records --where Nosuch:")).isEmpty();
    }

    @Test
    void fixedSetsComplete() {
        assertThat(complete("export-records --format j")).containsExactly("json");
        assertThat(complete("status --format ")).containsExactlyInAnyOrder("text", "json");
        assertThat(complete("fix-encoding --strategy rep")).containsExactlyInAnyOrder("repair-mojibake", "replace");
        assertThat(complete("fix-encoding --strategy repair-mojibake,st")).containsExactly("repair-mojibake,strip-nul");
        assertThat(complete("backup --on t")).containsExactly("target");
        assertThat(complete("validate-encoding --against ")).containsExactlyInAnyOrder("source", "target");
    }
}
