package io.dbferry.core.session;

/**
 * What the operator asked to connect to: a URL, an optional user that overrides the URL's, and the
 * name of an environment variable holding the password (never the password itself).
 */
public record ConnectionRequest(String url, String user, String passwordEnv) {
}
