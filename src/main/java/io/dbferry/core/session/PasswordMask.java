package io.dbferry.core.session;

import io.dbferry.core.dialect.Dialects;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Masks every password-like part of a line, word by word as the shell splits it (quotes keep a space inside a
 * word): {@code user:secret@} in a URL, the value of any property whose name looks like a password (or that a
 * registered driver reads one from) in a query, a host form or {@code --password=...}, and the word after an
 * option such as {@code --password}. It masks more rather than less: a line shown with a harmless value starred
 * costs nothing, a password shown cannot be taken back.
 */
final class PasswordMask {

    static final String MASK = "***";

    /** Names that look like a secret in any driver or tool; {@code ...-env} names a variable, not a secret. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|passwd|passphrase|pwd|secret).*");

    private static final Pattern SCHEME_PREFIX = Pattern.compile("(?i)^(jdbc:)?([a-z][a-z0-9+.-]*):");

    private PasswordMask() {
    }

    static String mask(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean maskNext = false;
        int i = 0;
        while (i < text.length()) {
            if (Character.isWhitespace(text.charAt(i))) {
                out.append(text.charAt(i++));
                continue;
            }
            int end = wordEnd(text, i);
            String word = text.substring(i, end);
            out.append(maskNext ? MASK : maskWord(word));
            maskNext = isSecretOption(word);
            i = end;
        }
        return out.toString();
    }

    /** Where the word starting at {@code from} ends: the first blank outside quotes. */
    private static int wordEnd(String text, int from) {
        char quote = 0;
        int i = from;
        while (i < text.length() && (quote != 0 || !Character.isWhitespace(text.charAt(i)))) {
            char c = text.charAt(i);
            if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            } else if (c == '\\' && quote != '\'' && i + 1 < text.length()) {
                i++;
            }
            i++;
        }
        return i;
    }

    /** {@code --password} or {@code -pwd}: an option whose value is a secret (its {@code =value} is a property). */
    private static boolean isSecretOption(String word) {
        return word.startsWith("-") && word.indexOf('=') < 0 && isSecretName(word);
    }

    private static String maskWord(String word) {
        if (word.length() >= 2 && (word.charAt(0) == '"' || word.charAt(0) == '\'') && word.endsWith(word.substring(0, 1))) {
            return word.charAt(0) + maskWord(word.substring(1, word.length() - 1)) + word.charAt(0);
        }
        return maskProperties(maskUserInfo(word));
    }

    /**
     * {@code scheme://user:secret@host}: everything from the first colon (or {@code %3A}) after the scheme (and
     * {@code //}) to the last {@code @}, as a password may hold any character, a colon, a slash or an {@code @}.
     */
    private static String maskUserInfo(String word) {
        int at = word.lastIndexOf('@');
        if (at < 0) {
            return word;
        }
        int from = 0;
        while (from < word.length() && "'\"(`".indexOf(word.charAt(from)) >= 0) {
            from++; // a URL quoted in an error paragraph
        }
        Matcher scheme = SCHEME_PREFIX.matcher(word).region(from, word.length());
        if (scheme.lookingAt() && (scheme.group(1) != null || Dialects.forUrlScheme(scheme.group(2)).isPresent()
                || word.startsWith("//", scheme.end()))) {
            from = scheme.end();
        }
        if (word.startsWith("//", from)) {
            from += 2;
        }
        int colon = word.indexOf(':', from);
        int encoded = word.toLowerCase(Locale.ROOT).indexOf("%3a", from);
        if (encoded >= 0 && (colon < 0 || encoded < colon)) {
            colon = encoded + 2;
        }
        return colon < 0 || colon > at ? word : word.substring(0, colon + 1) + MASK + word.substring(at);
    }

    /**
     * {@code name=value} after a separator of any driver's forms: up to the next {@code &} in a query, up to
     * the closing parenthesis in a host form ({@code (password=x)}, {@code (host=h,password=x)}).
     */
    private static String maskProperties(String word) {
        Matcher property = ConnectionUrls.PROPERTY.matcher(word);
        int from = 0;
        while (property.find(from)) {
            int valueStart = property.end();
            if (isSecretName(property.group(1))) {
                char separator = word.charAt(property.start());
                int valueEnd = indexOrEnd(word, separator == '(' || separator == ',' ? ')' : '&', valueStart);
                word = word.substring(0, valueStart) + MASK + word.substring(valueEnd);
                property = ConnectionUrls.PROPERTY.matcher(word);
                valueStart += MASK.length();
            }
            from = valueStart;
        }
        return word;
    }

    private static int indexOrEnd(String word, char stop, int from) {
        int at = word.indexOf(stop, from);
        return at < 0 ? word.length() : at;
    }

    /** A name that looks like a secret, or that a registered driver reads a password from, in any case or encoding. */
    static boolean isSecretName(String name) {
        String plain = name.replaceFirst("^-+", "");
        String decoded;
        try {
            decoded = URLDecoder.decode(plain, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = plain;
        }
        String lower = decoded.strip().toLowerCase(Locale.ROOT);
        if (lower.endsWith("-env")) {
            return false;
        }
        if (SECRET_NAME.matcher(lower).matches()) {
            return true;
        }
        return DriverPasswordNames.ALL.contains(lower);
    }

    /** Every registered driver's password properties, read once (the dialects are found through the service loader). */
    private static final class DriverPasswordNames {
        static final Set<String> ALL = Dialects.registered().stream()
                .flatMap(d -> d.urlForm().passwordProperties().stream()).collect(Collectors.toUnmodifiableSet());
    }
}
