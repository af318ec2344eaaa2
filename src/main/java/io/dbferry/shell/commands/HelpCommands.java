package io.dbferry.shell.commands;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.catalog.TableNames;
import io.dbferry.shell.render.TextTable;
import org.springframework.context.annotation.Lazy;
import org.springframework.shell.command.CommandCatalog;
import org.springframework.shell.command.CommandOption;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;
import org.springframework.shell.standard.commands.Help;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code help}: commands by group in the order of a migration (connections first, backup last), and
 * {@code help COMMAND} with every option and an example. Replaces Spring Shell's alphabetical listing.
 */
@ShellComponent
public class HelpCommands implements Help.Command {

    /** Groups in the order an operator meets them; any other group follows. */
    private static final List<String> GROUP_ORDER = List.of("Connections", "Inspection", "Schema", "Records", "Encoding",
            "Backup", "Demo", "Built-In Commands");

    private final CommandCatalog catalog;

    public HelpCommands(@Lazy CommandCatalog catalog) {
        this.catalog = catalog;
    }

    @ShellMethod(key = "help", group = "Built-In Commands", value = "List the commands, or show one command's options and example. Example: help import-records")
    public String help(@ShellOption(defaultValue = ShellOption.NULL, arity = Integer.MAX_VALUE, help = "a command") String[] command) {
        Map<String, CommandRegistration> registrations = visible();
        if (command == null || command.length == 0) {
            return overview(registrations);
        }
        String name = String.join(" ", command);
        CommandRegistration registration = registrations.get(name);
        if (registration == null) {
            List<String> close = TableNames.closest(name, new ArrayList<>(registrations.keySet()), 3);
            throw new DbferryException(Kind.USAGE, "There is no command '" + name + "'.",
                    close.isEmpty() ? "Run 'help' to list them." : "Did you mean " + TableNames.quoteList(close) + "?");
        }
        return detail(name, registration);
    }

    private Map<String, CommandRegistration> visible() {
        return catalog.getRegistrations().entrySet().stream().filter(e -> !e.getValue().isHidden())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static String overview(Map<String, CommandRegistration> registrations) {
        Map<String, List<String>> byGroup = registrations.entrySet().stream().collect(Collectors.groupingBy(
                e -> e.getValue().getGroup() == null ? "Other" : e.getValue().getGroup(),
                Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        List<String> groups = new ArrayList<>(byGroup.keySet());
        groups.sort(Comparator.comparingInt((String g) -> GROUP_ORDER.contains(g) ? GROUP_ORDER.indexOf(g) : 99)
                .thenComparing(g -> g));
        StringBuilder out = new StringBuilder();
        for (String group : groups) {
            out.append(group).append('\n');
            TextTable table = new TextTable("", "");
            byGroup.get(group).stream().sorted().forEach(name ->
                    table.row(name, firstSentence(registrations.get(name).getDescription())));
            out.append(table.render());
        }
        return out.append("\nhelp COMMAND shows a command's options and an example.").toString();
    }

    private static String detail(String name, CommandRegistration registration) {
        String description = registration.getDescription() == null ? "" : registration.getDescription();
        int example = description.indexOf("Example: ");
        StringBuilder out = new StringBuilder(name).append("\n  ")
                .append(example >= 0 ? description.substring(0, example).strip() : description).append("\n\noptions\n");
        TextTable options = new TextTable("", "", "");
        for (CommandOption option : registration.getOptions()) {
            List<String> names = new ArrayList<>(Arrays.stream(option.getLongNames()).map(n -> "--" + n).toList());
            if (option.getShortNames() != null) {
                Arrays.stream(option.getShortNames()).forEach(c -> names.add(0, "-" + c));
            }
            String value = option.getDefaultValue() == null || option.getDefaultValue().isEmpty() || isFlag(option)
                    ? (option.isRequired() ? "required" : "") : "default " + option.getDefaultValue();
            options.row(String.join(", ", names), option.getDescription() == null ? "" : option.getDescription(), value);
        }
        out.append(options.render());
        if (example >= 0) {
            out.append("\nexample\n  ").append(description.substring(example + "Example: ".length()).strip()).append('\n');
        }
        return out.toString();
    }

    private static boolean isFlag(CommandOption option) {
        Class<?> type = option.getType() == null ? null : option.getType().resolve();
        return type == boolean.class || type == Boolean.class;
    }

    private static String firstSentence(String description) {
        if (description == null) {
            return "";
        }
        int end = description.indexOf(". ");
        String first = end > 0 ? description.substring(0, end + 1) : description;
        return first.length() > 100 ? first.substring(0, 99) + "…" : first;
    }
}
