package io.dbferry.core.backup;

import java.nio.file.Path;

/**
 * What to restore.
 *
 * @param backup               a backup's name, or "latest" (the newest complete one)
 * @param mediaDir             where the media go; ignored with {@code skipMedia}
 * @param clear                empty the target tables being restored first
 * @param overwriteMedia       replace media files on disk that differ from the backup
 * @param allowVersionMismatch restore although the backup's schema version differs from the target's
 */
public record RestoreOptions(Path location, String backup, boolean skipDb, boolean skipMedia, Path mediaDir,
                             boolean clear, boolean overwriteMedia, boolean allowVersionMismatch) {
}
