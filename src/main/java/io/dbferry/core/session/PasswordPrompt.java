package io.dbferry.core.session;

import java.util.Optional;

/**
 * Asks the operator for a password when the server wants one and none was given. The shell
 * implements it without echo on a terminal; unattended runs have none and fail instead of waiting.
 */
@FunctionalInterface
public interface PasswordPrompt {

    PasswordPrompt NONE = prompt -> Optional.empty();

    Optional<String> ask(String prompt);
}
