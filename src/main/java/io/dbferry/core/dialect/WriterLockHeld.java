package io.dbferry.core.dialect;

import io.dbferry.core.DbferryException;

/** Another writer holds the lock on the same target (or the same journal): refused at once, naming it. */
public final class WriterLockHeld extends DbferryException {

    public WriterLockHeld(String what, String holder) {
        super(Kind.USAGE, Where.NOWHERE, "Another writer is already writing into " + what + "; nothing was written. It is held by "
                        + holder + ".", "Wait for that run to finish (or stop it), then run this again.", null);
    }
}
