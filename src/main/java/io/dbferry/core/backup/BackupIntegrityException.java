package io.dbferry.core.backup;

import java.io.IOException;

/**
 * A backup file is not what was written: a changed byte, a truncated or extended file, a segment out
 * of place, or a key that does not open it (wrong passphrase). Thrown while reading, before anything
 * read from the file is used.
 */
public class BackupIntegrityException extends IOException {

    public BackupIntegrityException(String message) {
        super(message);
    }

    public BackupIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
