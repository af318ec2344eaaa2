package io.dbferry.core.backup;

import java.nio.file.Path;

/**
 * What to back up and where.
 *
 * @param location   the backup location; one folder per backup is written under it
 * @param label      the first part of the backup's name; letters, digits, '.', '_' and '-'
 * @param mediaDir   the media folder to archive; ignored with {@code skipMedia}
 * @param keep       when not null, keep this many complete backups of the label, the new one included
 * @param passphrase when not null, encrypt with a key derived from it (the array is wiped after use)
 */
public record BackupOptions(Path location, String label, boolean skipDb, boolean skipMedia, Path mediaDir,
                            Integer keep, char[] passphrase) {

    public boolean encrypt() {
        return passphrase != null;
    }
}
