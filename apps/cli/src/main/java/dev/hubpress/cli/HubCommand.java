package dev.hubpress.cli;

import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.publish.ChannelRenderer;
import dev.hubpress.feeds.FeedRenderer;
import dev.hubpress.guide.GuideRenderer;
import dev.hubpress.site.SiteRenderer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The local command, {@code ./hub <command> [options]}: publishes the content folder into a local
 * folder with the embedded stores (no AWS, no network), and previews it in a browser.
 */
public final class HubCommand {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT = """
            Usage: ./hub <command> [options]

            Publishes the hub's Markdown content as a site in a local folder. Run it from the
            repository root: relative paths (and the defaults) are relative to the current directory.

            Commands:
              publish    check the content, record a revision and publish what changed
              preview    publish, serve the site on http://127.0.0.1:<port>/ and republish on every
                         change to the content (Ctrl-C stops it)
              subscribers add <email> [--weekly] | list | remove <email>
                         the email digest's subscribers (locally, add confirms at once: there is
                         no inbox to confirm from; ./hub subscribers --help)
              digest [--weekly]
                         email what changed in the latest revision to each subscriber: one .eml
                         per recipient in DIR/outbox/, a preview in DIR/site/digest/latest.html

            Options:
              --content DIR   content folder (default: content)
              --out DIR       output folder (default: out): the site goes to DIR/site/, the revision
                              log and content snapshots to DIR/state/
              --hub ID        hub id recorded on revisions (default: hub)
              --rebuild       publish: re-render the latest accepted revision even if nothing changed
              --port N        preview: port to serve on (default: 8000; 0 picks a free one)
              -h, --help      show this text

            Environment:
              SOURCE_DATE_EPOCH  seconds since 1970-01-01 UTC; when set, revisions are stamped with
                                 that time instead of the clock (reproducible builds convention)
              HUB_TOKEN_SECRET   secret for the links in emails (32+ characters); default: one made
                                 on first use in DIR/state/token-secret
              JAVA, JAVA_HOME    the Java runtime the launcher uses
              HUB_SKIP_BUILD=1   launcher: run the existing jar without checking it is up to date

            Exit status: 0 published (or nothing to publish), 1 content rejected or a channel failed,
            2 usage error.
            """;

    private static final Pattern HUB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Function<MarkdownEngine, List<ChannelRenderer>> renderers;

    public HubCommand(PrintStream out, PrintStream err, Map<String, String> env,
                      Function<MarkdownEngine, List<ChannelRenderer>> renderers) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.renderers = renderers;
    }

    public static void main(String[] args) {
        HubCommand command = new HubCommand(System.out, System.err, System.getenv(),
                // The guide first: the site links to it with the size and page count its status records.
                markdown -> List.of(new GuideRenderer(markdown), new SiteRenderer(markdown),
                        new FeedRenderer(markdown)));
        int status = command.run(args);
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    /** Options of one invocation. */
    record Options(String command, String content, String out, String hub, boolean rebuild, int port) {
    }

    /** Thrown for a command line that cannot be run. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    public int run(String[] args) {
        if (args.length > 0 && args[0].equals("subscribers")) {
            return new SubscribersCommand(out, err, env).run(args);
        }
        if (args.length > 0 && args[0].equals("digest")) {
            return new DigestCommand(out, err, env).run(args);
        }
        Options options;
        try {
            options = parse(args);
        } catch (UsageException e) {
            err.println("hub: " + e.getMessage());
            err.println();
            err.print(USAGE_TEXT);
            return USAGE;
        }
        if (options == null) {
            out.print(USAGE_TEXT);
            return OK;
        }
        Clock clock;
        try {
            clock = clock(env.get("SOURCE_DATE_EPOCH"));
        } catch (UsageException e) {
            err.println("hub: " + e.getMessage());
            return USAGE;
        }
        if (!Files.isDirectory(Path.of(options.content()))) {
            err.println("hub: no content folder at " + Path.of(options.content()).toAbsolutePath()
                    + " (run ./hub from the repository root, or pass --content DIR)");
            return USAGE;
        }
        try {
            LocalHub hub = new LocalHub(new LocalHub.Options(options.content(), options.out(), options.hub()), clock,
                    out, err, renderers);
            return options.command().equals("publish") ? hub.publish(options.rebuild(), true) : preview(hub, options);
        } catch (UncheckedIOException e) {
            err.println("hub: " + e.getMessage());
            return FAILED;
        }
    }

    static Options parse(String[] args) throws UsageException {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            return null;
        }
        String command = args[0];
        if (!command.equals("publish") && !command.equals("preview")) {
            throw new UsageException("unknown command '" + command + "'");
        }
        String content = "content";
        String outDir = "out";
        String hub = "hub";
        boolean rebuild = false;
        int port = 8000;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                value = arg.substring(equals + 1);
                arg = arg.substring(0, equals);
            }
            switch (arg) {
                case "-h", "--help" -> {
                    return null;
                }
                case "--rebuild" -> {
                    if (!command.equals("publish") || value != null) {
                        throw new UsageException("--rebuild is an option of publish only, without a value");
                    }
                    rebuild = true;
                }
                case "--content", "--out", "--hub", "--port" -> {
                    if (value == null) {
                        if (i + 1 >= args.length || args[i + 1].isEmpty()) {
                            throw new UsageException(arg + " needs a value");
                        }
                        value = args[++i];
                    }
                    if (value.isEmpty()) {
                        throw new UsageException(arg + " needs a value");
                    }
                    switch (arg) {
                        case "--content" -> content = value;
                        case "--out" -> outDir = value;
                        case "--hub" -> {
                            if (!HUB_ID.matcher(value).matches()) {
                                throw new UsageException("--hub takes letters, digits, '-' and '_': " + value);
                            }
                            hub = value;
                        }
                        default -> {
                            if (!command.equals("preview")) {
                                throw new UsageException("--port is an option of preview only");
                            }
                            try {
                                port = Integer.parseInt(value);
                            } catch (NumberFormatException e) {
                                port = -1;
                            }
                            if (port < 0 || port > 65535) {
                                throw new UsageException("--port takes a number from 0 to 65535: " + value);
                            }
                        }
                    }
                }
                default -> throw new UsageException("unknown option '" + args[i] + "' for " + command);
            }
        }
        return new Options(command, content, outDir, hub, rebuild, port);
    }

    static Clock clock(String sourceDateEpoch) throws UsageException {
        if (sourceDateEpoch == null || sourceDateEpoch.isBlank()) {
            return Clock.systemUTC();
        }
        try {
            return Clock.fixed(Instant.ofEpochSecond(Long.parseLong(sourceDateEpoch.strip())), ZoneOffset.UTC);
        } catch (RuntimeException e) {
            throw new UsageException("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970: " + sourceDateEpoch);
        }
    }

    private int preview(LocalHub hub, Options options) {
        hub.publish(false, false);
        PreviewServer server;
        try {
            server = PreviewServer.start(hub.siteFolder(), options.port());
        } catch (BindException e) {
            err.println("hub: port " + options.port() + " is in use; pass --port N (or --port 0 for any free port)");
            return FAILED;
        } catch (IOException e) {
            err.println("hub: cannot start the preview server: " + e.getMessage());
            return FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            main.interrupt();
            try {
                stopped.await();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            err.println("Preview stopped.");
        }, "preview-stop"));
        out.println("Previewing " + hub.siteFolder() + " at " + server.url() + " (Ctrl-C to stop)");
        out.println("Watching " + LocalHub.display(options.content()) + " for changes …");
        out.flush();
        ContentWatcher watcher = new ContentWatcher(Path.of(options.content()));
        try {
            Map<String, String> published = watcher.snapshot();
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(500);
                Map<String, String> now = watcher.snapshot();
                if (now.equals(published)) {
                    continue;
                }
                // Wait for the editor to finish saving: two polls in a row that agree.
                Map<String, String> previous;
                do {
                    previous = now;
                    Thread.sleep(500);
                    now = watcher.snapshot();
                } while (!now.equals(previous));
                err.println();
                err.println("Change detected in " + LocalHub.display(options.content()) + ": publishing …");
                try {
                    hub.publish(false, false);
                } catch (UncheckedIOException e) {
                    err.println("hub: " + e.getMessage() + " (will try again on the next change)");
                }
                out.flush();
                published = now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
        return OK;
    }
}
