package io.dbferry.core.encoding;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Which tables a --tables list of names and globs ({@code part_*}) chooses; an empty list chooses all. */
public final class TableFilter {

    private TableFilter() {
    }

    public static Predicate<String> of(List<String> items) {
        if (items == null || items.isEmpty()) {
            return name -> true;
        }
        List<Pattern> patterns = items.stream().map(TableFilter::glob).toList();
        return name -> patterns.stream().anyMatch(p -> p.matcher(name).matches());
    }

    private static Pattern glob(String item) {
        StringBuilder regex = new StringBuilder();
        for (char c : item.trim().toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
