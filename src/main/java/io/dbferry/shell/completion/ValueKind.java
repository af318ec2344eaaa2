package io.dbferry.shell.completion;

import io.dbferry.core.dialect.ConvertRule;
import io.dbferry.core.encoding.FixStrategy;
import org.springframework.shell.command.CommandOption;

import java.util.Arrays;
import java.util.List;

/**
 * What an option's value is, told by the option's name, so every command's {@code --file} completes file
 * names without each declaring it: the interactive shell ({@link OptionValueCompletionResolver}) and the
 * bash/zsh scripts ({@link CompletionScripts}) read the same table. Values that depend on the command
 * (which side's tables) come from the option's own value provider instead.
 */
enum ValueKind {
    NONE, FILE, FOLDER, FORMAT, SIDE, STRATEGY, URL, CONVERT_RULE;

    static ValueKind of(CommandOption option) {
        return option.getLongNames().length == 0 ? NONE : of(option.getLongNames()[0]);
    }

    static ValueKind of(String name) {
        return switch (name) {
            case "format" -> FORMAT;
            case "on", "against" -> SIDE;
            case "strategy" -> STRATEGY;
            case "convert" -> CONVERT_RULE;
            case "url" -> URL;
            case "output", "config", "journal", "archive" -> FILE;
            case "path", "media" -> FOLDER;
            default -> name.contains("file") ? FILE : name.contains("dir") || name.contains("folder") ? FOLDER : NONE;
        };
    }

    /** The fixed set of values, or none when the values are not a fixed set. */
    List<String> words() {
        return switch (this) {
            case FORMAT -> List.of("text", "json");
            case SIDE -> List.of("source", "target");
            case STRATEGY -> Arrays.stream(FixStrategy.values()).map(FixStrategy::option).toList();
            case CONVERT_RULE -> Arrays.stream(ConvertRule.values()).map(ConvertRule::operatorName).toList();
            default -> List.of();
        };
    }

    /** Whether the value is a comma-separated list of the words ({@code --strategy repair-mojibake,strip-nul}). */
    boolean isList() {
        return this == STRATEGY;
    }
}
