package io.dbferry.core.backup;

import io.dbferry.core.transfer.ExportResult;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a backup wrote: its folder and manifest, the export (null with --skip-db), and the backups that
 * rotation removed.
 */
public record BackupResult(String name, Path folder, BackupManifest manifest, ExportResult export, List<String> removed,
                           Duration elapsed) {
}
