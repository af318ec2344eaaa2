package io.dbferry.shell.completion;

import org.springframework.shell.CompletionContext;
import org.springframework.shell.command.CommandOption;
import org.springframework.shell.command.CommandRegistration;

import java.util.List;

/**
 * What the word under the cursor is on a command's line: an option's name ({@code --ta<Tab>}), the value
 * of a named option ({@code -f da<Tab>}, short names too), or the Nth positional word ({@code describe
 * Trac<Tab>}). {@code option} is the option the word belongs to, null when none does.
 */
record Slot(Kind kind, CommandOption option) {

    enum Kind { OPTION_NAME, OPTION_VALUE, POSITIONAL, UNKNOWN }

    static Slot at(CompletionContext context) {
        CommandRegistration registration = context.getCommandRegistration();
        if (registration == null) {
            return new Slot(Kind.UNKNOWN, null);
        }
        List<String> words = context.getWords();
        int index = context.getWordIndex();
        int position = 0;
        for (int i = 0; i < index && i < words.size(); i++) {
            String word = words.get(i);
            if (isOptionName(word)) {
                CommandOption option = option(registration, word);
                if (option == null) {
                    return new Slot(Kind.UNKNOWN, null);
                }
                if (takesValue(option) && ++i == index) {
                    return new Slot(Kind.OPTION_VALUE, option);
                }
                continue;
            }
            position++;
        }
        if (context.currentWordUpToCursor().startsWith("-")) {
            return new Slot(Kind.OPTION_NAME, null);
        }
        return new Slot(Kind.POSITIONAL, positionalOption(registration, position));
    }

    private static boolean isOptionName(String word) {
        return word.startsWith("--") || word.length() == 2 && word.charAt(0) == '-' && Character.isLetter(word.charAt(1));
    }

    /** The option named {@code word}: {@code --file} by its long name, {@code -f} by its short one. */
    static CommandOption option(CommandRegistration registration, String word) {
        for (CommandOption option : registration.getOptions()) {
            if (word.startsWith("--")) {
                for (String name : option.getLongNames()) {
                    if (word.equals("--" + name)) {
                        return option;
                    }
                }
            } else {
                for (Character name : option.getShortNames()) {
                    if (word.equals("-" + name)) {
                        return option;
                    }
                }
            }
        }
        return null;
    }

    static boolean takesValue(CommandOption option) {
        Class<?> type = option.getType() == null ? null : option.getType().resolve();
        return option.getArityMax() != 0 && type != boolean.class && type != Boolean.class;
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
}
