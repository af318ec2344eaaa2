package io.dbferry.core.backup;

import io.dbferry.core.DbferryException;

/**
 * A backup file is not what was written (kind {@link Kind#BACKUP_DAMAGED}): a changed byte, a truncated or
 * extended file, a segment out of place, or a key that does not open it (wrong passphrase). Thrown while
 * reading, before anything read from the file is used. Unchecked, so it also leaves a stream's
 * {@code read} untouched by wrappers that turn IOExceptions into something else; code that lists
 * damaged backups catches it beside IOException.
 */
public class BackupIntegrityException extends DbferryException {

    public BackupIntegrityException(String message) {
        this(message, null);
    }

    public BackupIntegrityException(String message, Throwable cause) {
        super(Kind.BACKUP_DAMAGED, message, "Restore another backup ('backups' lists them).", cause);
    }
}
