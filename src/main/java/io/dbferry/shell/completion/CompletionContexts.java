package io.dbferry.shell.completion;

import io.dbferry.core.session.Side;
import org.springframework.shell.CompletionContext;

import java.util.List;

/** Reads what the operator has typed so far on the line being completed. */
final class CompletionContexts {

    private CompletionContexts() {
    }

    /** The side named by {@code --on} (default source), or by a leading {@code source}/{@code target} word. */
    static Side side(CompletionContext context) {
        List<String> words = context.getWords();
        for (int i = 0; i < words.size() - 1; i++) {
            if (words.get(i).equals("--on")) {
                return parse(words.get(i + 1));
            }
        }
        return Side.SOURCE;
    }

    private static Side parse(String word) {
        return "target".equalsIgnoreCase(word) ? Side.TARGET : Side.SOURCE;
    }
}
