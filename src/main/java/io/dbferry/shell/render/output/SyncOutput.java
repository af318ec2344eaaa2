package io.dbferry.shell.render.output;

import io.dbferry.core.transfer.sync.SyncResult;

import java.util.List;

/** The JSON of sync. */
public final class SyncOutput {

    private SyncOutput() {
    }

    /**
     * One table: {@code state} done or failed; the first keys of each kind; {@code reason} when it failed;
     * {@code comparedBy}: "walk (why)", "checksums (N of M key ranges read)" or
     * "checksums (N of M key ranges differ, K of L narrower ones read)".
     */
    public record SyncedTable(String table, String state, long inserted, long updated, long deleted, long unchanged, Double seconds,
                              List<String> insertedKeys, List<String> updatedKeys, List<String> deletedKeys, String reason,
                              String comparedBy) {
    }

    /** {@code sync}: per table what was written ({@code dryRun}: what would be), in foreign-key order. */
    public record Sync(String source, String target, boolean dryRun, boolean succeeded, long inserted, long updated, long deleted,
                       long unchanged, double seconds, List<SyncedTable> tables) {
        public static Sync of(SyncResult r) {
            return new Sync(r.source(), r.target(), r.dryRun(), r.succeeded(), r.inserted(), r.updated(), r.deleted(), r.unchanged(),
                    Seconds.of(r.elapsed()), r.tables().stream().map(t -> new SyncedTable(t.table(), t.state().label(), t.inserted(),
                            t.updated(), t.deleted(), t.unchanged(), t.seconds(), t.insertedKeys(), t.updatedKeys(), t.deletedKeys(),
                            t.reason(), t.comparedBy())).toList());
        }
    }
}
