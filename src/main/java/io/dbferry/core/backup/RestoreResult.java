package io.dbferry.core.backup;

import io.dbferry.core.transfer.ImportResult;
import io.dbferry.core.transfer.VerifyResult;

import java.time.Duration;
import java.util.List;

/**
 * What a restore did: the import (per table), the media written, and the closing verification of the
 * target against the backup's dump. Parts that were skipped are null. {@code warnings}: what the operator
 * should know although the restore went ahead (such as a manifest from before manifest checksums).
 */
public record RestoreResult(String backup, BackupManifest manifest, ImportResult imported, MediaArchive.Restored media,
                            VerifyResult verified, Duration elapsed, List<String> warnings) {

    public boolean succeeded() {
        return (imported == null || imported.succeeded())
                && (verified == null || verified.allEqual())
                && (media == null || media.identical());
    }
}
