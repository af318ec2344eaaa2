package io.dbferry.core.catalog;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Table-name lists with globs ({@code part_*}) and "did you mean" suggestions. Names and globs match
 * exactly, case included, since {@code Foo} and {@code foo} can be two tables; only the suggestions
 * ignore case.
 */
public final class TableNames {

    private TableNames() {
    }

    /**
     * The tables chosen by a comma-separated list of names and globs, in the order of {@code all}.
     * A plain name that matches nothing is an error naming the closest tables.
     */
    public static List<String> select(String list, List<String> all) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String item : split(list)) {
            Pattern glob = glob(item);
            List<String> matched = all.stream().filter(t -> glob.matcher(t).matches()).toList();
            if (matched.isEmpty() && !isGlob(item)) {
                List<String> close = closest(item, all, 3);
                throw new DbferryException(Kind.USAGE, Where.table(item), "There is no table '" + item + "'.",
                        close.isEmpty() ? "Run 'tables' to see the names." : "Did you mean " + quoteList(close) + "?");
            }
            chosen.addAll(matched);
        }
        return all.stream().filter(chosen::contains).toList();
    }

    /** A test for table names chosen by names and globs; an empty list chooses every table. */
    public static java.util.function.Predicate<String> filter(List<String> items) {
        if (items == null || items.isEmpty()) {
            return name -> true;
        }
        List<Pattern> patterns = items.stream().map(String::trim).map(TableNames::glob).toList();
        return name -> patterns.stream().anyMatch(p -> p.matcher(name).matches());
    }

    public static List<String> split(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (String item : list.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    public static boolean isGlob(String item) {
        return item.contains("*") || item.contains("?");
    }

    private static Pattern glob(String item) {
        StringBuilder regex = new StringBuilder();
        for (char c : item.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    /** Up to {@code limit} names closest to {@code wanted}, ignoring case: prefix matches first, then by edit distance. */
    public static List<String> closest(String wanted, List<String> names, int limit) {
        String w = wanted.toLowerCase(Locale.ROOT);
        int threshold = Math.max(2, w.length() / 3);
        return names.stream()
                .map(n -> new Object[]{n, score(w, n.toLowerCase(Locale.ROOT))})
                .filter(p -> (int) p[1] <= threshold)
                .sorted(Comparator.comparingInt((Object[] p) -> (int) p[1]).thenComparing(p -> (String) p[0]))
                .limit(limit)
                .map(p -> (String) p[0])
                .toList();
    }

    private static int score(String wanted, String name) {
        if (name.startsWith(wanted) || wanted.startsWith(name)) {
            return Math.min(1, Math.abs(name.length() - wanted.length()));
        }
        return distance(wanted, name);
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    public static String quoteList(List<String> names) {
        if (names.size() == 1) {
            return "'" + names.get(0) + "'";
        }
        String head = names.subList(0, names.size() - 1).stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
        return head + " or '" + names.get(names.size() - 1) + "'";
    }
}
