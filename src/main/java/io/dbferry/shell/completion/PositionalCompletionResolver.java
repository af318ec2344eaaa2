package io.dbferry.shell.completion;

import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.command.CommandOption;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.completion.CompletionResolver;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Completes positional arguments ({@code describe Trac<Tab>}, {@code connect sou<Tab>}) with the value
 * provider of the parameter at that position. Spring Shell itself completes a value only right after
 * its {@code --option} name.
 */
@Component
public class PositionalCompletionResolver implements CompletionResolver {

    @Override
    public List<CompletionProposal> apply(CompletionContext context) {
        CommandRegistration registration = context.getCommandRegistration();
        if (registration == null || context.currentWordUpToCursor().startsWith("-")) {
            return List.of();
        }
        List<String> words = context.getWords();
        int position = 0;
        for (int i = 0; i < context.getWordIndex() && i < words.size(); i++) {
            String word = words.get(i);
            if (word.startsWith("--")) {
                CommandOption option = option(registration, word.substring(2));
                if (option == null) {
                    return List.of();
                }
                if (option.getArityMax() != 0 && !isFlag(option)) {
                    i++;
                }
                continue;
            }
            position++;
        }
        if (context.getWordIndex() > 0 && words.get(context.getWordIndex() - 1).startsWith("--")) {
            CommandOption previous = option(registration, words.get(context.getWordIndex() - 1).substring(2));
            if (previous != null && !isFlag(previous)) {
                return List.of(); // Spring Shell completes option values itself
            }
        }
        CommandOption positional = positionalOption(registration, position);
        if (positional != null && positional.getCompletion() != null) {
            return positional.getCompletion().apply(context.commandOption(positional));
        }
        return List.of();
    }

    /**
     * The option that takes the positional word at {@code position}: a multi-valued option at or before it
     * ({@code count Track Alb<Tab>}) takes every later word, else the option declared at that position.
     */
    private static CommandOption positionalOption(CommandRegistration registration, int position) {
        CommandOption varargs = null;
        for (CommandOption option : registration.getOptions()) {
            if (option.getPosition() >= 0 && option.getPosition() <= position && option.getArityMax() > 1
                    && (varargs == null || option.getPosition() > varargs.getPosition())) {
                varargs = option;
            }
        }
        if (varargs != null) {
            return varargs;
        }
        for (CommandOption option : registration.getOptions()) {
            if (option.getPosition() == position) {
                return option;
            }
        }
        return null;
    }

    private static CommandOption option(CommandRegistration registration, String longName) {
        for (CommandOption option : registration.getOptions()) {
            for (String name : option.getLongNames()) {
                if (name.equals(longName)) {
                    return option;
                }
            }
        }
        return null;
    }

    private static boolean isFlag(CommandOption option) {
        Class<?> type = option.getType() == null ? null : option.getType().resolve();
        return type == boolean.class || type == Boolean.class;
    }
}
