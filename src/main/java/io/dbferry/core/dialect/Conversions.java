package io.dbferry.core.dialect;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The operator's {@code --convert} choices: {@code TABLE.COLUMN=RULE} for one column, {@code RULE} for every
 * column. A column's own rules are tried before the ones for all.
 */
public record Conversions(List<Choice> choices) {

    public static final Conversions NONE = new Conversions(List.of());

    /** One --convert: the table and column it names (both null for every column) and its rule. */
    public record Choice(String table, String column, ConvertRule rule) {
    }

    public static Conversions parse(List<String> given) {
        List<Choice> choices = new ArrayList<>();
        for (String item : given) {
            int eq = item.lastIndexOf('=');
            String ruleName = (eq < 0 ? item : item.substring(eq + 1)).strip();
            ConvertRule rule = ConvertRule.named(ruleName).orElseThrow(() -> new DbferryException(Kind.USAGE,
                    "--convert '" + item + "': there is no rule " + ruleName + ".", "The rules are "
                    + Arrays.stream(ConvertRule.values()).map(ConvertRule::operatorName).collect(Collectors.joining(", "))
                    + "; write --convert TABLE.COLUMN=RULE for one column or --convert RULE for all."));
            if (eq < 0) {
                choices.add(new Choice(null, null, rule));
                continue;
            }
            String target = item.substring(0, eq).strip();
            int dot = target.lastIndexOf('.');
            if (dot <= 0 || dot == target.length() - 1) {
                throw new DbferryException(Kind.USAGE, "--convert '" + item + "' is not TABLE.COLUMN=RULE.",
                        "Write it as --convert orders.shipped=zero-date-to-null, or --convert zero-date-to-null for every column.");
            }
            choices.add(new Choice(target.substring(0, dot), target.substring(dot + 1), rule));
        }
        return new Conversions(List.copyOf(choices));
    }

    /** The rules for one column of a dump table, its own first. */
    public List<ConvertRule> rulesFor(String table, String column) {
        List<ConvertRule> rules = new ArrayList<>();
        choices.stream().filter(c -> table.equals(c.table()) && column.equals(c.column())).forEach(c -> rules.add(c.rule()));
        choices.stream().filter(c -> c.table() == null).forEach(c -> rules.add(c.rule()));
        return rules;
    }

    public boolean isEmpty() {
        return choices.isEmpty();
    }
}
