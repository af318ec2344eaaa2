package io.dbferry.shell.process;

import io.dbferry.core.DbferryException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The launcher's own flags, read once by {@code DbferryApplication.main} before any command and handed to
 * the rest as this record: {@code --file FILE} (or {@code -f FILE} first), {@code --continue-on-error},
 * {@code --config FILE}, {@code --help}, {@code --version}. What remains is one command to run and exit.
 * How progress is shown is decided here too, from the terminal and {@code DBFERRY_QUIET} /
 * {@code DBFERRY_PROGRESS=plain}, so no command reads the environment.
 */
public record LaunchOptions(Path file, boolean continueOnError, Path config, boolean help, boolean version,
                            List<String> command, Progress progress) {

    /** How long operations show progress, unless a command's own {@code --quiet} says nothing. */
    public enum Progress {
        /** A live view: a real terminal, not a script. */
        LIVE,
        /** Plain lines on stderr: piped, CI, {@code --file}, or {@code DBFERRY_PROGRESS=plain}. */
        PLAIN,
        /** Nothing: {@code DBFERRY_QUIET} is set. */
        QUIET
    }

    public static final String USAGE = """
            Usage: dbferry                          interactive shell
                   dbferry COMMAND [ARGS]           run one command and exit
                   dbferry --file FILE              run the commands in FILE (also -f FILE)
            Options:
                   --file FILE, -f FILE             run FILE's commands in order; blank lines and # comments are skipped
                   --continue-on-error              with --file: run on after a failure, exit 1 at the end
                   --config FILE                    read FILE instead of ./dbferry.yml
                   --help                           this text and the list of commands
                   --version                        print the version
            Exit codes: 0 success, 1 a command failed, 2 usage error.""";

    public boolean interactive() {
        return file == null && command.isEmpty() && !help;
    }

    /** No flags, no terminal: what tests and embedded use start with. */
    public static LaunchOptions none() {
        return new LaunchOptions(null, false, null, false, false, List.of(), Progress.PLAIN);
    }

    public static LaunchOptions parse(String[] args) {
        boolean terminal = System.console() != null
                && !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return parse(args, System.getenv(), terminal);
    }

    /** {@code terminal}: stdin and stdout are a console; {@code env} supplies TERM, DBFERRY_QUIET, DBFERRY_PROGRESS. */
    public static LaunchOptions parse(String[] args, Map<String, String> env, boolean terminal) {
        Path file = null;
        Path config = null;
        boolean continueOnError = false;
        boolean help = false;
        boolean version = false;
        int i = 0;
        while (i < args.length) {
            String arg = args[i];
            switch (arg) {
                case "--file", "-f" -> file = Path.of(value(args, ++i, arg));
                case "--config" -> config = Path.of(value(args, ++i, arg));
                case "--continue-on-error" -> continueOnError = true;
                case "--help", "-h" -> help = true;
                case "--version", "-V" -> version = true;
                default -> {
                    if (arg.startsWith("--file=")) {
                        file = Path.of(arg.substring("--file=".length()));
                    } else if (arg.startsWith("--config=")) {
                        config = Path.of(arg.substring("--config=".length()));
                    } else {
                        return new LaunchOptions(file, continueOnError, config, help, version, rest(args, i),
                                progress(env, terminal, file != null));
                    }
                }
            }
            i++;
        }
        if (continueOnError && file == null) {
            throw new UsageException("--continue-on-error needs --file FILE.");
        }
        return new LaunchOptions(file, continueOnError, config, help, version, List.of(), progress(env, terminal, file != null));
    }

    private static Progress progress(Map<String, String> env, boolean terminal, boolean script) {
        if (env.get("DBFERRY_QUIET") != null) {
            return Progress.QUIET;
        }
        String term = env.get("TERM");
        boolean live = terminal && term != null && !term.isBlank() && !"dumb".equals(term) && !script
                && !"plain".equals(env.get("DBFERRY_PROGRESS"));
        return live ? Progress.LIVE : Progress.PLAIN;
    }

    /** Parses, or prints the problem and exits with the usage-error code. */
    public static LaunchOptions parseOrExit(String[] args) {
        try {
            LaunchOptions options = parse(args);
            if (options.file() != null && !options.command().isEmpty()) {
                throw new UsageException("Give either --file FILE or a command, not both (got '" + String.join(" ", options.command()) + "').");
            }
            return options;
        } catch (UsageException e) {
            System.err.println("dbferry: " + e.paragraph());
            System.err.println(USAGE);
            System.exit(ExitCodes.USAGE);
            throw e;
        }
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length || args[i].isBlank()) {
            throw new UsageException(flag + " needs a file name.");
        }
        return args[i];
    }

    private static List<String> rest(String[] args, int from) {
        List<String> rest = new ArrayList<>();
        for (int i = from; i < args.length; i++) {
            rest.add(args[i]);
        }
        return rest;
    }

    /** A launcher flag used wrongly (kind {@link DbferryException.Kind#USAGE}; exit code 2). */
    public static final class UsageException extends DbferryException {
        public UsageException(String message) {
            super(Kind.USAGE, message, null); // the usage text follows it
        }
    }
}
