package dev.hubpress.cli;

import dev.hubpress.local.FileBlobStore;
import dev.hubpress.local.FolderArtifactStore;
import dev.hubpress.local.FolderContentSource;
import dev.hubpress.local.JsonLinesRevisionLog;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.gate.GateError;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.publish.ChannelRenderer;
import dev.hubpress.core.publish.IngestResult;
import dev.hubpress.core.publish.IngestRevision;
import dev.hubpress.core.publish.PublishChannel;
import dev.hubpress.core.publish.Snapshots;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.Revision;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

import static dev.hubpress.cli.HubCommand.FAILED;
import static dev.hubpress.cli.HubCommand.OK;

/**
 * One content folder and one output folder, with the markdown engine, gate and renderers
 * built once for the process, however many times it publishes.
 */
final class LocalHub {

    /** The folders and hub id that one LocalHub publishes. */
    record Options(String content, String out, String hub) {
    }

    private final PrintStream out;
    private final PrintStream err;
    private final Options options;
    private final Path site;
    private final PublishGate gate;
    private final List<ChannelRenderer> channels;
    private final Snapshots snapshots;
    private final JsonLinesRevisionLog log;
    private final FolderArtifactStore store;
    private final FolderContentSource source;
    private final IngestRevision ingest;

    LocalHub(Options options, Clock clock, PrintStream out, PrintStream err,
             Function<MarkdownEngine, List<ChannelRenderer>> renderers) {
        this.out = out;
        this.err = err;
        this.options = options;
        Path outDir = Path.of(options.out());
        Path state = outDir.resolve("state");
        this.site = outDir.resolve("site");
        MarkdownEngine markdown = new MarkdownEngine();
        this.gate = new PublishGate(markdown, GateLimits.DEFAULT);
        this.channels = List.copyOf(renderers.apply(markdown));
        Consumer<String> warn = message -> err.println("warning: " + message);
        this.snapshots = new Snapshots(new FileBlobStore(state.resolve("blobs")));
        this.log = new JsonLinesRevisionLog(state.resolve("revisions.jsonl"), warn);
        this.store = new FolderArtifactStore(site);
        this.source = new FolderContentSource(Path.of(options.content()), warn);
        this.ingest = new IngestRevision(options.hub(), gate, snapshots, log, clock);
    }

    Path siteFolder() {
        return store.root();
    }

    /** Publishes the content as it is now; returns the exit status. */
    int publish(boolean rebuild, boolean hintPreview) {
        long started = System.nanoTime();
        String contentShown = display(options.content());
        err.println("Reading " + contentShown + " …");
        ContentTree tree = source.read();
        err.println("Gate: checking " + tree.files().size() + " files (" + size(tree.totalBytes()) + ") …");
        IngestResult result = ingest.ingest(tree, "local publish");
        if (result instanceof IngestResult.Rejected rejected) {
            printErrors(rejected.revision());
            err.println(rejected.revision().id() + " rejected: " + errorCount(rejected.revision())
                    + "; the published site is unchanged.");
            return FAILED;
        }
        if (result instanceof IngestResult.Accepted accepted) {
            err.println("Gate: " + pages(accepted.hub()) + " OK");
            return publishChannels(accepted.revision(), accepted.hub(), channels, started, hintPreview,
                    "Published " + accepted.revision().id() + ": " + accepted.revision().changes().summary());
        }
        Revision head = ((IngestResult.Unchanged) result).head();
        out.println("No changes since " + head.id() + ": nothing published.");
        if (!head.accepted()) {
            printErrors(head);
            err.println(head.id() + " was rejected: " + errorCount(head) + "; the published site is unchanged.");
            return FAILED;
        }
        List<ChannelRenderer> pending = channels.stream().filter(c -> rebuild || !done(head, c.channel())).toList();
        if (pending.isEmpty()) {
            return OK;
        }
        if (!rebuild) {
            err.println("Retrying " + String.join(", ", pending.stream().map(ChannelRenderer::channel).toList())
                    + ": not published yet for " + head.id() + ".");
        }
        Hub hub = gate.inspect(snapshots.load(head.manifest())).hub().orElseThrow(() ->
                new IllegalStateException(head.id() + " no longer passes the gate; it cannot be republished"));
        err.println("Gate: " + pages(hub) + " OK");
        return publishChannels(head, hub, pending, started, hintPreview,
                (rebuild ? "Rebuilt " : "Published ") + head.id() + ": " + head.changes().summary());
    }

    private int publishChannels(Revision revision, Hub hub, List<ChannelRenderer> toPublish, long started,
                                boolean hintPreview, String headline) {
        List<String> lines = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (ChannelRenderer renderer : toPublish) {
            String name = capitalised(renderer.channel());
            err.println(name + ": rendering …");
            try {
                PublishChannel.Outcome outcome = new PublishChannel(renderer, gate, snapshots, log, store).publish(revision, hub);
                ChannelStatus status = outcome.status();
                lines.add(String.format(Locale.ROOT, "  %-8s %d objects: %d written, %d unchanged, %d deleted (%s)",
                        renderer.channel(), status.objects(), outcome.written(), outcome.unchanged(), outcome.deleted(),
                        size(status.bytes())));
            } catch (RuntimeException e) {
                failed.add(renderer.channel());
                err.println(name + " failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                lines.add(String.format(Locale.ROOT, "  %-8s FAILED", renderer.channel()));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.println(headline);
        out.println(String.format(Locale.ROOT, "  %-8s %d", "pages", hub.pages().size()));
        lines.forEach(out::println);
        out.println(String.format(Locale.ROOT, "  %-8s %.1f s", "took", seconds));
        if (!failed.isEmpty()) {
            out.println(revision.id() + " is recorded, but " + String.join(", ", failed)
                    + (failed.size() == 1 ? " was" : " were") + " not published (see the errors above); "
                    + "the next ./hub publish retries.");
            return FAILED;
        }
        Path index = store.root().resolve("index.html");
        out.println("Open " + index.toUri() + (hintPreview ? " or run ./hub preview" : ""));
        return OK;
    }

    private void printErrors(Revision revision) {
        for (GateError error : revision.errors()) {
            err.println(error.describe(options.content()));
        }
    }

    private static boolean done(Revision revision, String channel) {
        ChannelStatus status = revision.channels().get(channel);
        return status != null && status.state() == ChannelStatus.State.DONE;
    }

    private static String pages(Hub hub) {
        return hub.pages().size() + (hub.pages().size() == 1 ? " page" : " pages");
    }

    private static String errorCount(Revision revision) {
        int n = revision.errors().size();
        return n + (n == 1 ? " error" : " errors");
    }

    static String display(String folder) {
        return folder.endsWith("/") ? folder : folder + "/";
    }

    private static String capitalised(String channel) {
        return channel.isEmpty() ? channel : channel.substring(0, 1).toUpperCase(Locale.ROOT) + channel.substring(1);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
