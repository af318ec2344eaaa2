package io.dbferry.core.backup;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.session.PasswordPrompt;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a backup passphrase comes from: the environment variable named by {@code --passphrase-env}, or
 * the no-echo prompt of an interactive session. Unattended runs have no prompt and must name a variable.
 */
public final class Passphrases {

    private Passphrases() {
    }

    /** A passphrase for a new backup: asked twice when prompted, and at least 8 characters. */
    public static char[] forNewBackup(String envVar, PasswordPrompt prompt) {
        char[] passphrase = obtain(envVar, prompt, "Passphrase for the backup: ", "backup --encrypt",
                "--encrypt needs a passphrase and none was given; no backup was written.");
        if (passphrase.length < BackupCrypto.MIN_PASSPHRASE_LENGTH) {
            Arrays.fill(passphrase, '\0');
            throw new DbferryException(Kind.USAGE, "The passphrase is shorter than " + BackupCrypto.MIN_PASSPHRASE_LENGTH
                    + " characters; no backup was written.", "Choose a longer one.");
        }
        if (envVar == null) {
            char[] again = ask(prompt, "Passphrase again: ", "backup --encrypt",
                    "--encrypt needs the passphrase twice and it was given once; no backup was written.");
            boolean same = Arrays.equals(passphrase, again);
            Arrays.fill(again, '\0');
            if (!same) {
                Arrays.fill(passphrase, '\0');
                throw new DbferryException(Kind.USAGE, "The two passphrases differ; no backup was written.", "Run the backup again.");
            }
        }
        return passphrase;
    }

    /** The passphrase of an existing, encrypted backup. */
    public static char[] forBackup(String backupName, String envVar, PasswordPrompt prompt) {
        return obtain(envVar, prompt, "Passphrase for backup " + backupName + ": ", "restore",
                "The backup " + backupName + " is encrypted and no passphrase was given; nothing was restored.");
    }

    private static char[] obtain(String envVar, PasswordPrompt prompt, String question, String command, String missing) {
        if (envVar != null && !envVar.isBlank()) {
            String value = System.getenv(envVar);
            if (value == null || value.isEmpty()) {
                throw new DbferryException(Kind.CONFIGURATION, "The environment variable " + envVar + " named by --passphrase-env is not set.",
                        "Export it before starting dbferry.");
            }
            return value.toCharArray();
        }
        return ask(prompt, question, command, missing);
    }

    private static char[] ask(PasswordPrompt prompt, String question, String command, String missing) {
        Optional<String> typed = (prompt == null ? PasswordPrompt.NONE : prompt).ask(question);
        if (typed.isEmpty()) {
            throw new DbferryException(Kind.USAGE, missing,
                    "Unattended runs take it from an environment variable: add --passphrase-env VAR to '" + command + "'.");
        }
        return typed.get().toCharArray();
    }
}
