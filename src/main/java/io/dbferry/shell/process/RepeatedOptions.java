package io.dbferry.shell.process;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Options an operator may give more than once ({@code --where}, {@code --map}, {@code --convert}). Spring
 * Shell 3.4 keeps one value per option, and turns a String[] parameter's text into values by splitting at
 * commas, so {@code --where "t:id NOT IN (8,9)"} would fall apart. Before the line reaches Spring Shell, every
 * occurrence is gathered into one value joined by a separator no operator types; the command's String
 * parameter is split back into the occurrences, each whole, by {@link #values}.
 */
public final class RepeatedOptions {

    public static final Set<String> NAMES = Set.of("--where", "--map", "--convert");
    /** ASCII unit separator: never typed, never in a condition or a type name. */
    private static final String SEPARATOR = "\u001F";

    private RepeatedOptions() {
    }

    /** The words with each repeatable option's occurrences gathered into one, where its first one was. */
    public static List<String> gathered(List<String> words) {
        List<String> out = new ArrayList<>(words.size());
        java.util.Map<String, Integer> at = new java.util.HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String name = word;
            String value = null;
            int eq = word.indexOf('=');
            if (word.startsWith("--") && eq > 2 && NAMES.contains(word.substring(0, eq))) {
                name = word.substring(0, eq);
                value = word.substring(eq + 1);
            } else if (NAMES.contains(word) && i + 1 < words.size()) {
                value = words.get(++i);
            }
            if (value == null) {
                out.add(word);
                continue;
            }
            Integer first = at.get(name);
            if (first == null) {
                at.put(name, out.size() + 1);
                out.add(name);
                out.add(value);
            } else {
                out.set(first, out.get(first) + SEPARATOR + value);
            }
        }
        return out;
    }

    /** Every occurrence of the option, in the order given; empty when it was not given. */
    public static List<String> values(String gathered) {
        if (gathered == null || gathered.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(gathered.split(SEPARATOR, -1)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
