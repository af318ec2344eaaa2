package io.dbferry.shell.completion;

import org.jline.reader.CompletingParsedLine;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;

import java.util.List;

/**
 * Spring Shell's parser splits the line into words, but its parsed line is not one JLine can complete
 * in: JLine then inserts a proposal unescaped ({@code Order Details} became two words) and replaces the
 * typed word by its unescaped length. This parser keeps Spring Shell's words and tells JLine where the
 * typed word really starts and ends, and how to write a proposal into it: spaces, quotes and backslashes
 * escaped with a backslash, or inside an opened quote, closed only once the value is complete (a folder
 * stays open so the operator types on into it).
 */
final class CompletingParser implements Parser {

    private static final char ESCAPE = '\\';

    private final Parser words;

    CompletingParser(Parser words) {
        this.words = words;
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) throws SyntaxError {
        ParsedLine parsed = words.parse(line, cursor, context);
        if (context != ParseContext.COMPLETE || line == null) {
            return parsed;
        }
        return new Typed(parsed, line, cursor);
    }

    private static boolean isQuote(char c) {
        return c == '\'' || c == '"';
    }

    /** The parsed words, and where the word under the cursor stands in the raw line. */
    private static final class Typed implements CompletingParsedLine {
        private final ParsedLine parsed;
        private final int start;
        private final int end;
        private final int cursor;
        private final Character quote;

        Typed(ParsedLine parsed, String line, int cursor) {
            this.parsed = parsed;
            this.cursor = cursor;
            int wordStart = 0;
            Character open = null;
            boolean between = true;
            for (int i = 0; i < cursor; i++) {
                char c = line.charAt(i);
                if (open != null) {
                    if (c == ESCAPE) {
                        i++;
                    } else if (c == open) {
                        open = null;
                        between = true; // Spring Shell ends the word at a closing quote
                    }
                    continue;
                }
                if (Character.isWhitespace(c)) {
                    between = true;
                    continue;
                }
                if (between) {
                    wordStart = i;
                    between = false;
                }
                if (c == ESCAPE) {
                    i++;
                } else if (isQuote(c)) {
                    open = c;
                }
            }
            int wordEnd = cursor;
            while (wordEnd < line.length() && (open != null || !Character.isWhitespace(line.charAt(wordEnd)))) {
                char c = line.charAt(wordEnd);
                if (c == ESCAPE) {
                    wordEnd++;
                } else if (open != null && c == open) {
                    open = null;
                }
                wordEnd++;
            }
            this.start = between ? cursor : wordStart;
            this.end = Math.min(Math.max(wordEnd, cursor), line.length());
            this.quote = openQuote(line, this.start, cursor);
        }

        private static Character openQuote(String line, int from, int to) {
            Character open = null;
            for (int i = from; i < to; i++) {
                char c = line.charAt(i);
                if (c == ESCAPE) {
                    i++;
                } else if (open == null && isQuote(c)) {
                    open = c;
                } else if (open != null && c == open) {
                    open = null;
                }
            }
            return open;
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            StringBuilder escaped = new StringBuilder();
            if (quote != null) {
                escaped.append(quote);
            }
            for (int i = 0; i < candidate.length(); i++) {
                char c = candidate.charAt(i);
                boolean special = quote != null ? c == ESCAPE || c == quote : c == ESCAPE || isQuote(c) || Character.isWhitespace(c);
                if (special) {
                    escaped.append(ESCAPE);
                }
                escaped.append(c);
            }
            if (quote != null && complete) {
                escaped.append(quote);
            }
            return escaped;
        }

        @Override
        public int rawWordCursor() {
            return cursor - start;
        }

        @Override
        public int rawWordLength() {
            return end - start;
        }

        @Override
        public String word() {
            return parsed.word();
        }

        @Override
        public int wordCursor() {
            return parsed.wordCursor();
        }

        @Override
        public int wordIndex() {
            return parsed.wordIndex();
        }

        @Override
        public List<String> words() {
            return parsed.words();
        }

        @Override
        public String line() {
            return parsed.line();
        }

        @Override
        public int cursor() {
            return parsed.cursor();
        }
    }
}
