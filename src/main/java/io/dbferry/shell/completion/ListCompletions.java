package io.dbferry.shell.completion;

import org.springframework.shell.CompletionProposal;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Completes the last element of a comma-separated list ({@code --tables Album,Inv<Tab>}): each proposal
 * is the whole word with that element finished, shown as the element alone, and not followed by a space,
 * so a comma and the next element can follow; elements already in the list are not offered again.
 */
final class ListCompletions {

    private ListCompletions() {
    }

    static List<CompletionProposal> complete(String typed, List<String> words) {
        int comma = typed.lastIndexOf(',');
        String head = typed.substring(0, comma + 1);
        Set<String> listed = Arrays.stream(head.split(",")).map(String::strip).collect(Collectors.toSet());
        return words.stream().filter(w -> !listed.contains(w))
                .map(w -> new CompletionProposal(head + w).displayText(w).complete(false)).toList();
    }
}
