package io.dbferry.shell.completion;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.shell.CompletionProposal;

import java.util.List;

/** The lifecycle of completion tests on a {@link TabShell}: each class starts its own in {@code @BeforeAll}. */
abstract class TabShellTest {

    static TabShell tab;

    @AfterAll
    static void stop() {
        if (tab != null) {
            tab.close();
            tab = null;
        }
    }

    @BeforeEach
    void connect() {
        tab.connect();
    }

    static List<CompletionProposal> proposals(String line) {
        return tab.proposals(line);
    }

    static List<String> complete(String line) {
        return tab.values(line);
    }

    static List<String> complete(List<String> words, int wordIndex, int position) {
        return tab.values(words, wordIndex, position);
    }
}
