package dev.hubpress.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./hub preview}: publishes, serves the site on the loopback interface and republishes on
 * every change to the content until Ctrl-C.
 */
@Command(name = "preview", mixinStandardHelpOptions = true,
        description = {
                "Publish, serve the site on http://127.0.0.1:<port>/ and republish on every change to the "
                        + "content (Ctrl-C stops it).",
                "",
                "Content that is rejected is reported, and the preview keeps serving the last site "
                        + "published until the next change."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:stopped with Ctrl-C",
                "1:the preview server could not start (the port is in use)",
                "2:usage error"},
        footerHeading = "%nEnvironment:%n",
        footer = HubCommand.SOURCE_DATE_EPOCH_HELP)
final class PreviewCommand extends ContentCommand {

    @Option(names = "--port", paramLabel = "N", defaultValue = "8000", converter = Converters.Port.class,
            description = "port to serve on (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    PreviewCommand(HubCommand cli) {
        super(cli);
    }

    @Override
    int run(LocalHub hub) {
        PrintStream out = cli.out;
        PrintStream err = cli.err;
        hub.publish(false, false);
        PreviewServer server;
        try {
            server = PreviewServer.start(hub.siteFolder(), port);
        } catch (BindException e) {
            err.println("hub: port " + port + " is in use; pass --port N (or --port 0 for any free port)");
            return HubCommand.FAILED;
        } catch (IOException e) {
            err.println("hub: cannot start the preview server: " + e.getMessage());
            return HubCommand.FAILED;
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
        server.serveApi(new LocalSubscriptions(options.mail(cli), server.url() + "api"));
        out.println("Previewing " + hub.siteFolder() + " at " + server.url() + " (Ctrl-C to stop)");
        out.println("Subscription forms and the links of emails in the outbox work at " + server.url() + "api/");
        out.println("Watching " + LocalHub.display(content) + " for changes …");
        out.flush();
        ContentWatcher watcher = new ContentWatcher(Path.of(content));
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
                err.println("Change detected in " + LocalHub.display(content) + ": publishing …");
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
        return HubCommand.OK;
    }
}
