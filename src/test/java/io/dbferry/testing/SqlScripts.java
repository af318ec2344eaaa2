package io.dbferry.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs SQL script files over JDBC, since the embedded servers come without the mysql/psql clients.
 *
 * <p>The splitter knows quotes ('…', "…", MySQL `…` and backslash escapes, PostgreSQL E'…' and
 * $tag$…$tag$), comments (--, /* *&#47;, MySQL #; MySQL's executable /*! *&#47; comments are kept) and
 * multi-line statements. It leaves out what would make a script pick its own database: DROP/CREATE
 * DATABASE (and MySQL's synonym SCHEMA), USE, and psql backslash commands such as {@code \c chinook}.
 */
public final class SqlScripts {

    public enum Dialect {
        MYSQL, POSTGRESQL;

        public static Dialect of(Connection c) throws SQLException {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("postgres")) {
                return POSTGRESQL;
            }
            if (product.contains("mysql") || product.contains("mariadb")) {
                return MYSQL;
            }
            throw new SQLException("no SQL script dialect for " + product);
        }
    }

    /** One statement, without its terminating ';', and the script line where it starts. */
    public record SqlStatement(int line, String sql) {
    }

    private static final int BATCH_SIZE = 500;
    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)?\\$");
    private static final Pattern SKIPPED_MYSQL =
            Pattern.compile("(?is)(DROP|CREATE)\\s+(DATABASE|SCHEMA)\\b.*|USE\\b.*");
    private static final Pattern SKIPPED_POSTGRES = Pattern.compile("(?is)(DROP|CREATE)\\s+DATABASE\\b.*");

    private SqlScripts() {
    }

    /**
     * Runs every statement of a UTF-8 script on {@code c}, in batches inside one transaction (MySQL
     * still commits at each DDL statement).
     *
     * @return the number of statements run
     */
    public static int load(Connection c, Path script) throws IOException, SQLException {
        List<SqlStatement> statements =
                split(Files.readString(script, StandardCharsets.UTF_8), Dialect.of(c));
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (int from = 0; from < statements.size(); from += BATCH_SIZE) {
                List<SqlStatement> batch = statements.subList(from, Math.min(from + BATCH_SIZE, statements.size()));
                for (SqlStatement statement : batch) {
                    s.addBatch(statement.sql());
                }
                try {
                    s.executeBatch();
                } catch (BatchUpdateException e) {
                    SqlStatement failed = batch.get(Math.min(failedIndex(e), batch.size() - 1));
                    throw new SQLException(script.getFileName() + ":" + failed.line() + ": " + e.getMessage()
                            + "\n    in: " + abbreviate(failed.sql()), e.getSQLState(), e);
                }
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return statements.size();
    }

    private static int failedIndex(BatchUpdateException e) {
        int[] counts = e.getUpdateCounts();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == Statement.EXECUTE_FAILED) {
                return i;
            }
        }
        return counts.length; // drivers that stop at the failure report only the statements before it
    }

    private static String abbreviate(String sql) {
        return sql.length() <= 300 ? sql : sql.substring(0, 300) + " …";
    }

    /** Splits a script into statements, leaving out comments and the database-selecting ones. */
    public static List<SqlStatement> split(String script, Dialect dialect) {
        boolean mysql = dialect == Dialect.MYSQL;
        Pattern skipped = mysql ? SKIPPED_MYSQL : SKIPPED_POSTGRES;
        List<SqlStatement> out = new ArrayList<>();
        StringBuilder buf = new StringBuilder();
        int line = 1;
        int startLine = 0; // 0 while buf holds no statement text yet
        int n = script.length();
        int i = 0;
        while (i < n) {
            char ch = script.charAt(i);
            char next = i + 1 < n ? script.charAt(i + 1) : '\0';
            int end; // exclusive end of the token starting at i

            if (ch == '\\' && startLine == 0) {
                i = endOfLine(script, i); // psql meta-command: runs to the end of its line, no ';'
                continue;
            }
            if (ch == '-' && next == '-' && (!mysql || i + 2 >= n || Character.isWhitespace(script.charAt(i + 2)))
                    || ch == '#' && mysql) {
                i = endOfLine(script, i);
                continue;
            }
            if (ch == '/' && next == '*' && !(mysql && i + 2 < n && script.charAt(i + 2) == '!')) {
                end = endOfBlockComment(script, i, !mysql);
                line += count(script, i, end, '\n');
                buf.append(' ');
                i = end;
                continue;
            }

            if (ch == ';') {
                String sql = buf.toString().strip();
                if (!sql.isEmpty() && !skipped.matcher(sql).matches()) {
                    out.add(new SqlStatement(startLine, sql));
                }
                buf.setLength(0);
                startLine = 0;
                i++;
                continue;
            }

            if (ch == '\'' || ch == '"' || ch == '`' && mysql) {
                boolean backslashes = mysql && ch != '`' || !mysql && ch == '\'' && isEscapeStringPrefix(script, i);
                end = endOfQuoted(script, i, ch, backslashes);
            } else if (ch == '$' && !mysql && (i == 0 || !isIdentifierChar(script.charAt(i - 1)))) {
                end = endOfDollarQuoted(script, i);
            } else {
                end = i + 1;
            }
            if (startLine == 0 && !Character.isWhitespace(ch)) {
                startLine = line;
            }
            line += count(script, i, end, '\n');
            buf.append(script, i, end);
            i = end;
        }
        String rest = buf.toString().strip();
        if (!rest.isEmpty() && !skipped.matcher(rest).matches()) {
            out.add(new SqlStatement(startLine, rest));
        }
        return out;
    }

    private static int endOfLine(String s, int from) {
        int nl = s.indexOf('\n', from);
        return nl < 0 ? s.length() : nl; // the newline itself is kept, for line counting
    }

    private static int endOfBlockComment(String s, int from, boolean nested) {
        int depth = 0;
        int i = from;
        while (i < s.length() - 1) {
            if (s.charAt(i) == '/' && s.charAt(i + 1) == '*') {
                depth = nested ? depth + 1 : 1;
                i += 2;
            } else if (s.charAt(i) == '*' && s.charAt(i + 1) == '/') {
                i += 2;
                if (--depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return s.length();
    }

    /** A doubled quote stands for itself; with backslashes, '\' escapes the next character too. */
    private static int endOfQuoted(String s, int from, char quote, boolean backslashes) {
        int i = from + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (backslashes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return s.length();
    }

    private static int endOfDollarQuoted(String s, int from) {
        Matcher m = DOLLAR_TAG.matcher(s).region(from, s.length());
        if (!m.lookingAt()) {
            return from + 1; // a lone $, e.g. a positional parameter $1
        }
        int close = s.indexOf(m.group(), m.end());
        return close < 0 ? s.length() : close + m.group().length();
    }

    /** PostgreSQL E'…' strings take backslash escapes; plain '…' do not (standard_conforming_strings). */
    private static boolean isEscapeStringPrefix(String s, int quote) {
        return quote > 0 && (s.charAt(quote - 1) == 'E' || s.charAt(quote - 1) == 'e')
                && (quote == 1 || !isIdentifierChar(s.charAt(quote - 2)));
    }

    private static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static int count(String s, int from, int to, char c) {
        int k = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                k++;
            }
        }
        return k;
    }
}
