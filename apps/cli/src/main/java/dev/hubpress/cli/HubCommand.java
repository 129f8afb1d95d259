package dev.hubpress.cli;

import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.work.Startup;
import dev.hubpress.local.JsonLinesRevisionLog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The local command, {@code ./hub <command> [options]}: publishes the content folder into a local
 * folder with the embedded stores (no AWS, no network), previews it in a browser, and keeps the
 * email digest's subscribers and outbox. The command line is parsed by picocli: one class per
 * command ({@link PublishCommand}, {@link PreviewCommand}, {@link RollbackCommand},
 * {@link SubscribersCommand}, {@link DigestCommand}); this class is the top command, the exit statuses and the usage errors.
 */
@Command(name = "./hub", mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "<command> [options]",
        description = {
                "Publishes the hub's Markdown content as a site in a local folder. Run it from the repository "
                        + "root: relative paths (and the defaults) are relative to the current directory.",
                "",
                "./hub <command> --help shows the options of a command."},
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:published (or nothing to publish); subscribers, digest: done",
                "1:content rejected or a channel failed; subscribers, digest: failed",
                "2:usage error",
                "3-5:rollback: no such revision, a rejected one, or nothing to roll back"},
        footerHeading = "%nEnvironment:%n",
        footer = {HubCommand.SOURCE_DATE_EPOCH_HELP, HubCommand.HUB_TOKEN_SECRET_HELP, HubCommand.HUB_MAIL_HELP,
                "  JAVA, JAVA_HOME    the Java runtime the launcher uses",
                "  HUB_SKIP_BUILD=1   launcher: run the existing jar without checking it is up to",
                "                     date",
                "  HUB_CDS=0          launcher: no class-data archive (made once per build for",
                "                     faster starts)",
                "  HUB_JAVA_OPTS      launcher: options for the JVM, e.g. -Xmx2g for a heap cap"})
public final class HubCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    /** rollback: the hub has no revision with that number. */
    static final int NO_SUCH_REVISION = 3;
    /** rollback: that revision was rejected by the gate. */
    static final int NOT_RESTORABLE = 4;
    /** rollback: the hub has that content already. */
    static final int ALREADY_CURRENT = 5;

    /** The help text of SOURCE_DATE_EPOCH, for every command that stamps times. */
    static final String SOURCE_DATE_EPOCH_HELP =
            "  SOURCE_DATE_EPOCH  seconds since 1970-01-01 UTC; when set, revisions are%n"
            + "                     stamped with that time instead of the clock%n"
            + "                     (reproducible builds convention)";
    /** The help text of HUB_TOKEN_SECRET, for the commands that write emails. */
    static final String HUB_TOKEN_SECRET_HELP =
            "  HUB_TOKEN_SECRET   secret for the links in emails (32+ characters);%n"
            + "                     default: one made on first use in DIR/state/token-secret";
    /** The help text of the mail routing variables: the deployment's, never hub.yaml's. */
    static final String HUB_MAIL_HELP =
            "  HUB_MAIL_FROM      the digests' sender address (default digest@hub.invalid)%n"
            + "  HUB_API_BASE_URL   where the links in emails lead (default https://hub.invalid/api)%n"
            + "  HUB_UNSUBSCRIBE_MAILTO  the List-Unsubscribe mailto address (default none)";

    final PrintStream out;
    final PrintStream err;
    final Map<String, String> env;
    /** The channels to publish: every channel on the classpath for ./hub, found once per command. */
    final Supplier<Channels> channels;

    @Spec
    CommandSpec spec;

    public HubCommand(PrintStream out, PrintStream err, Map<String, String> env, Supplier<Channels> channels) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.channels = channels;
    }

    /** The commands that publish: each finds the channels, builds the Markdown engine and reads the revision log first. */
    static final Set<String> PUBLISHING = Set.of("publish", "preview", "rollback");

    public static void main(String[] args) {
        Supplier<Channels> channels = Channels::discover;
        if (startsAhead(args)) {
            // On a second core, while this one reads the command line: what a publish sets up by
            // reflection before its first step, about 0.1 s on a small VM. The channels on one
            // thread (a command needs them first); the Markdown engine, then the revision log's
            // JSON, on another. A command that gets to one while it is being built waits for it.
            // Not for the other commands: the threads' CPU would be theirs to lose.
            Startup<Channels> found = Startup.begin("channels", Channels::discover);
            Startup.begin("engines", () -> {
                MarkdownEngine.standard();
                JsonLinesRevisionLog.prepare();
                return null;
            });
            channels = found::await;
        }
        HubCommand command = new HubCommand(System.out, System.err, System.getenv(), channels);
        int status = command.run(args);
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    /**
     * Whether ./hub sets a publish up ahead for this command line: a publishing command, not asked
     * for its usage (which only prints).
     */
    static boolean startsAhead(String... args) {
        return args.length > 0 && PUBLISHING.contains(args[0])
                && Arrays.stream(args).noneMatch(arg -> arg.equals("--help") || arg.equals("-h"));
    }

    /** Runs one command line; returns the exit status. */
    public int run(String... args) {
        CommandLine cli = commandLine(args.length > 0 ? args[0] : null);
        try {
            return cli.execute(args);
        } finally {
            cli.getOut().flush();
            cli.getErr().flush();
        }
    }

    /** {@code ./hub} alone names no command: a usage error, like any other. */
    @Override
    public Integer call() {
        err.println("hub: name a command");
        err.println();
        spec.commandLine().usage(err);
        return USAGE;
    }

    /**
     * The command line for one command when {@code first} (the first argument) names one: picocli
     * reads each command's class by reflection, and the others' cost a publish 0.05 s on a small VM.
     * Anything else (null: no argument; an option, help, a misspelt command) gets every command, so that
     * the usage, help and suggestions know them all.
     */
    CommandLine commandLine(String first) {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("publish", () -> new PublishCommand(this));
        commands.put("preview", () -> new PreviewCommand(this));
        commands.put("subscribers", () -> new SubscribersCommand(this).commandLine());
        commands.put("rollback", () -> new RollbackCommand(this));
        commands.put("digest", () -> new DigestCommand(this));
        CommandLine cli = new CommandLine(this);
        boolean one = commands.containsKey(first);
        commands.forEach((name, command) -> {
            if (!one || name.equals(first)) {
                cli.addSubcommand(name, command.get());
            }
        });
        if (!one) {
            cli.addSubcommand(new CommandLine.HelpCommand());
        }
        // Each setter below reaches the subcommands added above.
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cli.setExpandAtFiles(false);            // an address or a folder may start with '@'
        cli.setOverwrittenOptionsAllowed(true); // the last --out wins, as in most commands
        cli.setParameterExceptionHandler(this::usageError);
        cli.setExecutionExceptionHandler(this::failed);
        alike(cli, new Version());
        return cli;
    }

    /** What every command's --help and --version have alike. */
    private static void alike(CommandLine command, IVersionProvider version) {
        command.getCommandSpec().versionProvider(version);
        command.getCommandSpec().usageMessage().parameterListHeading("%n").optionListHeading("%nOptions:%n");
        command.getSubcommands().values().forEach(sub -> alike(sub, version));
    }

    /** A command line that cannot be run: one line that says why, then that command's usage. */
    private int usageError(ParameterException e, String[] args) {
        err.println("hub: " + problem(e));
        err.println();
        e.getCommandLine().usage(err);
        return USAGE;
    }

    /** What is wrong with the command line, in one line without a capital or a full stop. */
    static String problem(ParameterException e) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName(" ").replaceFirst("^\\./hub ?", "");
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String arg = unmatched.getUnmatched().get(0);
            String hint = unmatched.getSuggestions().isEmpty() ? "" : " (did you mean " + unmatched.getSuggestions().get(0) + "?)";
            if (unmatched.isUnknownOption()) {
                return "unknown option '" + arg + "'" + (name.isEmpty() ? "" : " for " + name) + hint;
            }
            if (!command.getSubcommands().isEmpty()) {
                return "unknown " + (name.isEmpty() ? "" : name + " ") + "command '" + arg + "'" + hint;
            }
            return name + " takes " + (command.getCommandSpec().positionalParameters().isEmpty() ? "no" : "no more")
                    + " arguments: " + String.join(" ", unmatched.getUnmatched());
        }
        if (e instanceof MissingParameterException missing && !missing.getMissing().isEmpty()) {
            ArgSpec arg = missing.getMissing().get(0);
            return arg instanceof OptionSpec option ? option.longestName() + " needs a value" : name + " needs " + arg.paramLabel();
        }
        if (e.getCause() instanceof TypeConversionException bad) {
            return e.getArgSpec() instanceof OptionSpec option ? option.longestName() + " " + bad.getMessage() : bad.getMessage();
        }
        if (e.getMessage().startsWith("Missing required subcommand")) {
            List<String> commands = new ArrayList<>(command.getSubcommands().keySet());
            String last = commands.remove(commands.size() - 1);
            return name + " needs " + String.join(", ", commands) + " or " + last;
        }
        // picocli's own sentence, in the style of the rest: "Unknown subcommand 'x'." -> "unknown subcommand 'x'"
        String message = e.getMessage().replaceFirst("\\.$", "");
        return message.length() > 1 && Character.isLowerCase(message.charAt(1))
                ? Character.toLowerCase(message.charAt(0)) + message.substring(1) : message;
    }

    /** A command that failed on a file it could not read or write, or a setting it cannot use. */
    private int failed(Exception e, CommandLine command, ParseResult parsed) throws Exception {
        if (e instanceof UncheckedIOException || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            err.println("hub: " + e.getMessage());
            return FAILED;
        }
        throw e;
    }

    /** {@code --version}: the version this jar was built as. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties build = new Properties();
            try (InputStream in = HubCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    build.load(in);
                }
            }
            // The runtime too: the launcher picks the newest it finds, so which one ran is worth saying.
            return new String[]{"hub " + build.getProperty("version", "(version unknown)"),
                    "on Java " + Runtime.version() + " (" + System.getProperty("java.home") + ")"};
        }
    }
}
