package io.dbferry.shell.completion;

import org.springframework.shell.command.CommandCatalog;
import org.springframework.shell.command.CommandOption;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.standard.CommandValueProvider;
import org.springframework.shell.standard.ShellOption;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes bash and zsh completion scripts for {@code bin/dbferry} from the registered commands, so the
 * scripts in {@code completions/} cannot drift from the code ({@code CompletionScriptsTest} compares).
 * What completes: the launcher's flags, command names, each command's options, {@code source}/{@code
 * target} where a command takes a side, the fixed values of {@code --format} and {@code --strategy}, file
 * names after options that name a file and folder names after those that name a folder ({@link ValueKind}).
 * Table names need a connection, so only the interactive shell completes them.
 */
public final class CompletionScripts {

    /** How an option's or a positional argument's value completes. */
    enum Values { NONE, WORDS, FILES, DIRS }

    record Option(String name, List<String> names, boolean takesValue, boolean positional, Values values, String words,
                  String help) {
    }

    record Command(String name, String help, List<Option> options) {
        List<Option> positionals() {
            return options.stream().filter(Option::positional).toList();
        }

        List<Option> named() {
            return options.stream().filter(o -> !o.positional()).toList();
        }
    }

    private static final List<Option> LAUNCHER = List.of(
            new Option("file", List.of("--file", "-f"), true, false, Values.FILES, null, "run the commands in FILE"),
            new Option("continue-on-error", List.of("--continue-on-error"), false, false, Values.NONE, null,
                    "with --file: run on after a failure"),
            new Option("config", List.of("--config"), true, false, Values.FILES, null, "read FILE instead of ./dbferry.yml"),
            new Option("help", List.of("--help", "-h"), false, false, Values.NONE, null, "usage and the list of commands"),
            new Option("version", List.of("--version", "-V"), false, false, Values.NONE, null, "print the version"));

    private final List<Command> commands;

    CompletionScripts(List<Command> commands) {
        this.commands = commands;
    }

    public static CompletionScripts of(CommandCatalog catalog) {
        List<Command> commands = new ArrayList<>();
        Map<String, CommandRegistration> registrations = new TreeMap<>(catalog.getRegistrations());
        String names = registrations.entrySet().stream().filter(e -> !e.getValue().isHidden()).map(Map.Entry::getKey)
                .collect(Collectors.joining(" "));
        for (Map.Entry<String, CommandRegistration> entry : registrations.entrySet()) {
            CommandRegistration r = entry.getValue();
            if (r.isHidden()) {
                continue;
            }
            Method method = r.getTarget() != null && r.getTarget().getMethod() != null ? r.getTarget().getMethod() : null;
            List<Option> options = new ArrayList<>();
            for (CommandOption o : r.getOptions()) {
                options.add(option(o, method, names));
            }
            options.sort(Comparator.comparing((Option o) -> !o.positional()));
            commands.add(new Command(entry.getKey(), firstSentence(r.getDescription()), options));
        }
        return new CompletionScripts(commands);
    }

    private static Option option(CommandOption o, Method method, String commandNames) {
        List<String> names = new ArrayList<>();
        Arrays.stream(o.getLongNames()).forEach(n -> names.add("--" + n));
        Arrays.stream(o.getShortNames()).forEach(c -> names.add("-" + c));
        ShellOption annotation = null;
        if (method != null && o.getPosition() >= 0 && o.getPosition() < method.getParameterCount()) {
            Parameter p = method.getParameters()[o.getPosition()];
            annotation = p.getAnnotation(ShellOption.class);
        }
        boolean positional = annotation != null && annotation.value().length == 0;
        Class<?> type = o.getType() == null ? Object.class : o.getType().resolve(Object.class);
        String name = o.getLongNames().length > 0 ? o.getLongNames()[0] : String.valueOf(o.getShortNames()[0]);
        boolean takesValue = type != boolean.class && type != Boolean.class && !name.equals("help");
        Values values = Values.NONE;
        String words = null;
        ValueKind kind = ValueKind.of(name);
        if (annotation != null && annotation.valueProvider() == CommandValueProvider.class) {
            positional = true;
            values = Values.WORDS;
            words = commandNames;
        } else if (annotation != null && annotation.valueProvider() == SideValueProvider.class) {
            values = Values.WORDS;
            words = String.join(" ", ValueKind.SIDE.words());
        } else if (!kind.words().isEmpty()) {
            values = Values.WORDS;
            words = String.join(" ", kind.words());
        } else if (takesValue && kind == ValueKind.FILE) {
            values = Values.FILES;
        } else if (takesValue && kind == ValueKind.FOLDER) {
            values = Values.DIRS;
        }
        return new Option(name, names, takesValue, positional, values, words, firstSentence(o.getDescription()));
    }

    private static String firstSentence(String text) {
        if (text == null) {
            return "";
        }
        String s = text.strip().replaceAll("\\s+", " ");
        int stop = s.indexOf(". ");
        if (stop > 0) {
            s = s.substring(0, stop);
        }
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.length() > 70 ? s.substring(0, 69) + "…" : s;
    }

    /** The script for {@code shell}: bash or zsh. */
    public String script(String shell) {
        return switch (shell.toLowerCase(Locale.ROOT)) {
            case "bash" -> bash();
            case "zsh" -> zsh();
            default -> throw new IllegalArgumentException("no completion for '" + shell + "': bash or zsh");
        };
    }

    /** First words of the commands, and for multi-word commands (demo create) their second words. */
    private Map<String, List<String>> words() {
        Map<String, List<String>> words = new LinkedHashMap<>();
        for (Command c : commands) {
            String[] parts = c.name().split(" ", 2);
            List<String> subs = words.computeIfAbsent(parts[0], k -> new ArrayList<>());
            if (parts.length > 1) {
                subs.add(parts[1]);
            }
        }
        return words;
    }

    private static String sq(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    String bash() {
        StringBuilder b = new StringBuilder();
        b.append("""
                # bash completion for dbferry (bin/dbferry)
                # Generated from the command definitions by 'dbferry completion-script bash'; do not edit by hand.
                # Use: source completions/dbferry.bash (in ~/.bashrc), or copy it to
                #      ~/.local/share/bash-completion/completions/dbferry

                """);
        Map<String, List<String>> words = words();
        b.append("_dbferry_commands=").append(sq(String.join(" ", words.keySet()))).append('\n');
        words.forEach((first, subs) -> {
            if (!subs.isEmpty()) {
                b.append("_dbferry_sub_").append(first.replace('-', '_')).append('=').append(sq(String.join(" ", subs))).append('\n');
            }
        });
        b.append("\n# the options of a command\n_dbferry_options() {\n  case $1 in\n");
        for (Command c : commands) {
            b.append("    ").append(sq(c.name())).append(") echo ")
                    .append(sq(c.named().stream().flatMap(o -> o.names().stream()).collect(Collectors.joining(" "))))
                    .append(" ;;\n");
        }
        b.append("  esac\n}\n\n# the options of a command that take a value\n_dbferry_valued() {\n  case $1 in\n");
        for (Command c : commands) {
            b.append("    ").append(sq(c.name())).append(") echo ")
                    .append(sq(c.named().stream().filter(Option::takesValue).flatMap(o -> o.names().stream())
                            .collect(Collectors.joining(" "))))
                    .append(" ;;\n");
        }
        b.append("""
                  esac
                }

                # what a value completes to: words, @files, @dirs or nothing; $2 is an option or @N, the Nth positional
                _dbferry_values() {
                  case "$1 $2" in
                """);
        for (Command c : commands) {
            List<Option> positionals = c.positionals();
            for (Option o : c.options()) {
                if (o.values() == Values.NONE) {
                    continue;
                }
                List<String> keys = new ArrayList<>();
                o.names().forEach(n -> keys.add(sq(c.name() + " " + n)));
                if (o.positional()) {
                    keys.add(sq(c.name() + " @" + positionals.indexOf(o)));
                }
                String value = switch (o.values()) {
                    case WORDS -> o.words();
                    case FILES -> "@files";
                    case DIRS -> "@dirs";
                    case NONE -> "";
                };
                b.append("    ").append(String.join("|", keys)).append(") echo ").append(sq(value)).append(" ;;\n");
            }
        }
        b.append("""
                  esac
                }

                _dbferry_files() {
                  compopt -o filenames 2>/dev/null
                  COMPREPLY=( $(compgen -f -- "$1") )
                }

                _dbferry() {
                  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} i=1 w
                  COMPREPLY=()
                  # the launcher's flags come first
                  while (( i < COMP_CWORD )); do
                    case ${COMP_WORDS[i]} in
                      -f|--file|--config) (( i += 2 )) ;;
                      -*) (( i++ )) ;;
                      *) break ;;
                    esac
                  done
                  if (( i >= COMP_CWORD )); then
                    case $prev in
                      -f|--file|--config) _dbferry_files "$cur"; return ;;
                    esac
                    if [[ $cur == -* ]]; then
                      COMPREPLY=( $(compgen -W '%s' -- "$cur") )
                    else
                      COMPREPLY=( $(compgen -W "$_dbferry_commands" -- "$cur") )
                    fi
                    return
                  fi
                  local cmd=${COMP_WORDS[i]}
                  (( i++ ))
                  local sub=_dbferry_sub_${cmd//-/_}
                  if [[ -n ${!sub-} ]]; then
                    if (( i == COMP_CWORD )); then
                      COMPREPLY=( $(compgen -W "${!sub}" -- "$cur") )
                      return
                    fi
                    cmd="$cmd ${COMP_WORDS[i]}"
                    (( i++ ))
                  fi
                  local valued=" $(_dbferry_valued "$cmd") " pos=0 values
                  while (( i < COMP_CWORD )); do
                    w=${COMP_WORDS[i]}
                    if [[ $w == -* ]]; then
                      [[ $valued == *" $w "* ]] && (( i++ ))
                    else
                      (( pos++ ))
                    fi
                    (( i++ ))
                  done
                  if (( i > COMP_CWORD )); then
                    values=$(_dbferry_values "$cmd" "$prev")
                  elif [[ $cur == -* ]]; then
                    COMPREPLY=( $(compgen -W "$(_dbferry_options "$cmd")" -- "$cur") )
                    return
                  else
                    values=$(_dbferry_values "$cmd" "@$pos")
                  fi
                  case $values in
                    @files) _dbferry_files "$cur" ;;
                    @dirs) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -d -- "$cur") ) ;;
                    ?*) COMPREPLY=( $(compgen -W "$values" -- "$cur") ) ;;
                  esac
                }

                complete -F _dbferry dbferry bin/dbferry ./bin/dbferry
                """.formatted(LAUNCHER.stream().flatMap(o -> o.names().stream()).collect(Collectors.joining(" "))));
        return b.toString();
    }

    private static String zq(String help) {
        return help.replace("'", "'\\''").replace("[", "(").replace("]", ")").replace(":", "\\:");
    }

    private static String zspec(Option o) {
        String action = switch (o.values()) {
            case WORDS -> ":" + o.name() + ":(" + o.words() + ")";
            case FILES -> ":file:_files";
            case DIRS -> ":folder:_files -/";
            case NONE -> o.takesValue() ? ":" + o.name() + ": " : "";
        };
        String exclusive = o.names().size() > 1 ? "(" + String.join(" ", o.names()) + ")" : "";
        return o.names().stream().map(n -> "'" + exclusive + n + "[" + zq(o.help()) + "]" + action + "'")
                .collect(Collectors.joining(" \\\n        "));
    }

    String zsh() {
        StringBuilder b = new StringBuilder();
        b.append("""
                #compdef dbferry bin/dbferry
                # zsh completion for dbferry (bin/dbferry)
                # Generated from the command definitions by 'dbferry completion-script zsh'; do not edit by hand.
                # Use: copy it as _dbferry into a folder on $fpath (e.g. ~/.zsh/completions, with
                #      fpath=(~/.zsh/completions $fpath) before compinit in ~/.zshrc)

                _dbferry_command() {
                  case $1 in
                """);
        for (Command c : commands) {
            b.append("    ").append(sq(c.name())).append(")\n      _arguments -s -S \\\n        ");
            List<String> specs = new ArrayList<>();
            for (Option o : c.named()) {
                specs.add(zspec(o));
            }
            List<Option> positionals = c.positionals();
            for (int i = 0; i < positionals.size(); i++) {
                Option o = positionals.get(i);
                String action = switch (o.values()) {
                    case WORDS -> "(" + o.words() + ")";
                    case FILES -> "_files";
                    case DIRS -> "_files -/";
                    case NONE -> " ";
                };
                specs.add("'" + (i + 1) + ":" + zq(o.name()) + ":" + action + "'");
            }
            b.append(String.join(" \\\n        ", specs)).append(" ;;\n");
        }
        b.append("  esac\n}\n\n_dbferry() {\n  local -a commands\n  commands=(\n");
        Map<String, List<String>> words = words();
        Map<String, String> firstHelp = new LinkedHashMap<>();
        for (Command c : commands) {
            String first = c.name().split(" ", 2)[0];
            firstHelp.putIfAbsent(first, words.get(first).isEmpty() ? c.help() : first + " commands");
        }
        firstHelp.forEach((name, help) -> b.append("    ").append(sq(name + ":" + help.replace(":", "\\:"))).append('\n'));
        b.append("  )\n  local -A subcommands\n  subcommands=(");
        words.forEach((first, subs) -> {
            if (!subs.isEmpty()) {
                b.append(' ').append(sq(first)).append(' ').append(sq(String.join(" ", subs)));
            }
        });
        b.append(" )\n");
        b.append("""
                  local curcontext=$curcontext state line ret=1
                  _arguments -C \\
                    %s \\
                    '1:command:->command' \\
                    '*::argument:->argument' && ret=0
                  case $state in
                    command)
                      _describe -t commands 'dbferry command' commands && ret=0 ;;
                    argument)
                      local cmd=$words[1]
                      if (( ${+subcommands[$cmd]} )); then
                        if (( CURRENT == 2 )); then
                          compadd -- ${=subcommands[$cmd]} && ret=0
                          return ret
                        fi
                        cmd="$cmd $words[2]"
                        shift words
                        (( CURRENT-- ))
                      fi
                      _dbferry_command "$cmd" && ret=0 ;;
                  esac
                  return ret
                }

                _dbferry "$@"
                """.formatted(LAUNCHER.stream().map(CompletionScripts::zspec).collect(Collectors.joining(" \\\n    "))));
        return b.toString();
    }
}
