package io.dbferry.core.transfer;

import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.imports.RecordCopier;
import io.dbferry.testing.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.dbferry.core.transfer.TransferSupport.*;
import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * copy-records between the three engines, source straight into target: after every copy the target
 * verifies equal to its source and to the original; a refused value fails its table naming key and
 * column with nothing of it left; a retry finishes what is missing, and with --commit-every resumes.
 */
class CopyRecordsTest {

    @TempDir
    Path dir;

    static ImportResult copy(String from, String to, CopyOptions options) {
        try (DatabaseConnection source = source(from); DatabaseConnection target = target(to)) {
            return new RecordCopier(source, target, ProgressListener.NONE).copy(options);
        }
    }

    private static List<String> tables(String url, List<String> exclude) {
        List<String> tables = new ArrayList<>();
        try (var source = source(url)) {
            source.catalog().tableNames().stream().filter(t -> !exclude.contains(t)).forEach(tables::add);
        }
        return tables;
    }

    /** Copies along {@code chain}, schema by copy-schema, each hop verified against its source and the original. */
    private void copyAlong(List<String> chain, List<String> tables, List<String> exclude) {
        for (int hop = 1; hop < chain.size(); hop++) {
            String from = chain.get(hop - 1);
            String to = chain.get(hop);
            copySchema(from, to, tables, Map.of());
            CopyOptions options = new CopyOptions(List.of(), exclude, Map.of(), false, false, false, 1,
                    ImportOptions.DEFAULT_BATCH_SIZE, 0, dir.resolve("hop" + hop + ".journal.json"), false, false, false, true,
                    ImportOptions.DEFAULT_SERVER_TIMEOUT);
            ImportResult copied = copy(from, to, hop % 2 == 0 ? options.withJobs(2) : options);
            assertAllDone(copied);
            assertThat(copied.tables()).hasSize(tables.size());
            assertAllEqual("hop " + hop, verifyAgainstSource(from, to, tables), tables.size());
            assertAllEqual("hop " + hop + " against the original", verifyAgainstSource(chain.get(0), to, tables), tables.size());
        }
    }

    @Test
    void chinookCopiesAcrossEveryEngine() throws Exception {
        String sqlite = sqliteUrl(Datasets.chinookSqlite());
        List<String> chain = List.of(sqlite, freshMaria("copy_t_chinook"), freshPostgres("copy_t_chinook"),
                sqliteUrl(dir.resolve("chinook-back.sqlite")));
        copyAlong(chain, tables(sqlite, List.of()), List.of());
        for (String url : chain.subList(1, chain.size())) {
            assertThat(count(url, "PlaylistTrack")).isEqualTo(8715);
            // the key counters moved past the copied keys: a new row gets the next key
            execute(url, "insert into " + q(url, "Artist") + " (" + q(url, "Name") + ") values ('new artist')");
            assertThat(((Number) value(url, "select " + q(url, "ArtistId") + " from " + q(url, "Artist") + " where "
                    + q(url, "Name") + " = 'new artist'")).longValue()).as(url).isEqualTo(276L);
        }
    }

    @Test
    void northwindCopiesIntoPostgresAndOnIntoMariaDb() throws Exception {
        String sqlite = sqliteUrl(Datasets.file("northwind/northwind.sqlite"));
        List<String> chain = List.of(sqlite, freshPostgres("copy_t_northwind"), freshMaria("copy_t_northwind"));
        copyAlong(chain, tables(sqlite, List.of()), List.of());
    }
}
