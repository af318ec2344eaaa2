package io.dbferry.shell.completion;

import io.dbferry.core.session.Side;
import org.springframework.shell.CompletionContext;

import java.util.List;
import java.util.Optional;

/** Reads what the operator has typed so far on the line being completed. */
final class CompletionContexts {

    private CompletionContexts() {
    }

    /** The side named by {@code --on} (default source). */
    static Side side(CompletionContext context) {
        return side(context, Side.SOURCE);
    }

    /** The side named by {@code --on}, else {@code otherwise}. */
    static Side side(CompletionContext context, Side otherwise) {
        return value(context, "--on").map(CompletionContexts::parseSide).orElse(otherwise);
    }

    /** The value typed after any of {@code names} elsewhere on the line, if one is. */
    static Optional<String> value(CompletionContext context, String... names) {
        List<String> words = context.getWords();
        for (int i = 0; i < words.size() - 1; i++) {
            if (i + 1 != context.getWordIndex() && List.of(names).contains(words.get(i))) {
                return Optional.of(words.get(i + 1));
            }
        }
        return Optional.empty();
    }

    static Side parseSide(String word) {
        return "target".equalsIgnoreCase(word) ? Side.TARGET : Side.SOURCE;
    }
}
