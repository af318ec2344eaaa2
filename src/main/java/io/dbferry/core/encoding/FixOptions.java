package io.dbferry.core.encoding;

import io.dbferry.core.session.DatabaseConnection;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What fix-encoding does.
 *
 * @param tables      names and globs of the tables to fix; empty means all (the others are copied unchanged)
 * @param replacement what replace (and transliterate, where nothing is near) puts instead of a character
 * @param target      the target whose columns decide what is held and how long; may be null
 * @param charset     without a target: the character set to fit (MySQL names such as latin1, utf8mb3, or a Java name)
 */
public record FixOptions(Path input, Path output, Set<FixStrategy> strategies, List<String> tables, String replacement,
                         DatabaseConnection target, String charset) {

    public static final String DEFAULT_REPLACEMENT = "?";
}
