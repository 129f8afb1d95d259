package dev.hubpress.cli;

import dev.hubpress.core.channel.Channel;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.content.GateError;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.publish.IngestResult;
import dev.hubpress.core.publish.PublishRevision;
import dev.hubpress.core.publish.RollbackResult;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.History;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.local.LocalWorkspace;
import dev.hubpress.local.PageCountFile;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.hubpress.cli.HubCommand.FAILED;
import static dev.hubpress.cli.HubCommand.OK;

/**
 * Publishes one content folder into one output folder, saying what it does as it goes. The
 * workspace (reader, gate, renderers) is built once for the process, however many times it
 * publishes (./hub preview publishes on every edit).
 */
final class LocalHub {

    /** The folders and hub id that one LocalHub publishes. */
    record Options(String content, String out, String hub) {
    }

    private final PrintStream out;
    private final PrintStream err;
    private final Options options;
    private final LocalWorkspace workspace;

    LocalHub(Options options, Clock clock, PrintStream out, PrintStream err, Channels channels) {
        this.out = out;
        this.err = err;
        this.options = options;
        this.workspace = new LocalWorkspace(Path.of(options.content()), Path.of(options.out()), options.hub(), clock,
                channels, message -> err.println("warning: " + message));
    }

    Path siteFolder() {
        return workspace.siteFolder();
    }

    /** Publishes the content as it is now; returns the exit status. */
    int publish(boolean rebuild, boolean hintPreview) {
        long started = System.nanoTime();
        err.println("Reading " + display(options.content()) + " …");
        ContentTree tree = workspace.source().read();
        err.println("Gate: checking " + tree.files().size() + " files (" + size(tree.totalBytes()) + ") …");
        IngestResult result = workspace.ingest().ingest(tree, "local publish");
        if (result instanceof IngestResult.Rejected rejected) {
            printErrors(rejected.revision());
            err.println(rejected.revision().id() + " rejected: " + errorCount(rejected.revision())
                    + "; the published site is unchanged.");
            return FAILED;
        }
        List<String> all = workspace.channels().publishing().stream().map(Channel::id).toList();
        if (result instanceof IngestResult.Accepted accepted) {
            err.println("Gate: " + pages(accepted.hub()) + " OK");
            // For the launcher, which sizes a large hub's heap from it before the next publish starts.
            PageCountFile.keep(Path.of(options.out()), accepted.hub().pages().size());
            return publishChannels(accepted.revision(), accepted.hub(), result.history(), all, started, hintPreview,
                    "Published " + accepted.revision().id() + ": " + accepted.revision().changes().summary());
        }
        Revision head = ((IngestResult.Unchanged) result).head();
        if (!head.accepted()) {
            out.println("No changes since " + head.id() + ": nothing published.");
            printErrors(head);
            err.println(head.id() + " was rejected: " + errorCount(head) + "; the published site is unchanged.");
            return FAILED;
        }
        List<String> pending = rebuild ? all : pending(head, all);
        // Files of the site changed or deleted since it was published (by hand, by another program)
        // are put back, as a rebuild would: the site is what the content says, whatever was done to it.
        List<String> changed = rebuild || !pending.isEmpty() ? List.of() : workspace.siteFilesChanged();
        if (pending.isEmpty() && changed.isEmpty()) {
            out.println("No changes since " + head.id() + ": nothing published.");
            return OK;
        }
        if (!changed.isEmpty()) {
            String site = display(Path.of(options.out(), "site").toString());
            out.println("No changes since " + head.id() + ", but " + files(changed) + " of " + site
                    + " changed or went missing since it was published (" + examples(changed) + "): publishing it again.");
            int status = publishChannels(head, workspace.hub(head), result.history(), all, started, hintPreview,
                    "Rebuilt " + head.id() + ": " + head.changes().summary());
            // What an earlier revision published and no channel makes again (its copy of the guide,
            // kept as it was) cannot be put back: said once, then no longer looked for.
            List<String> lost = workspace.siteFilesChanged();
            if (!lost.isEmpty()) {
                err.println("Not put back, as no channel makes again what an earlier revision published: "
                        + examples(lost) + ".");
                workspace.forgetSiteFiles(lost);
            }
            return status;
        }
        out.println("No changes since " + head.id() + ": nothing published.");
        if (!rebuild) {
            err.println("Retrying " + String.join(", ", pending) + ": not published yet for " + head.id() + ".");
        }
        return publishChannels(head, workspace.hub(head), result.history(), pending, started, hintPreview,
                (rebuild ? "Rebuilt " : "Published ") + head.id() + ": " + head.changes().summary());
    }

    private static String files(List<String> keys) {
        return keys.size() == 1 ? "1 file" : keys.size() + " files";
    }

    /** The first few keys, and how many more. */
    private static String examples(List<String> keys) {
        String shown = String.join(", ", keys.subList(0, Math.min(3, keys.size())));
        return keys.size() > 3 ? shown + " and " + (keys.size() - 3) + " more" : shown;
    }

    /**
     * Rolls back to revision {@code seq}: records a new revision with its tree and publishes every
     * channel of it; returns the exit status. The content folder is not touched.
     */
    int rollback(long seq) {
        long started = System.nanoTime();
        RollbackResult result = workspace.ingest().restore(seq, "local rollback to r" + seq);
        if (result instanceof RollbackResult.Refused refused) {
            err.println("hub: " + refused.message());
            return refused.reason() == RollbackResult.Refusal.UNKNOWN ? HubCommand.NO_SUCH_REVISION : HubCommand.NOT_RESTORABLE;
        }
        List<String> all = workspace.channels().publishing().stream().map(Channel::id).toList();
        if (result instanceof RollbackResult.Current current) {
            Revision head = current.head();
            List<String> pending = pending(head, all);
            if (pending.isEmpty()) {
                err.println("hub: " + (head.seq() == current.target().seq() ? head.id() + " is the current revision"
                        : head.id() + " already has " + current.target().id() + "'s content") + ": nothing to roll back");
                return HubCommand.ALREADY_CURRENT;
            }
            // An earlier rollback whose channels did not all publish: retried, as ./hub publish retries.
            err.println("Retrying " + String.join(", ", pending) + ": not published yet for " + head.id() + ".");
            return publishChannels(head, workspace.hub(head), current.history(), pending, started, false,
                    "Published " + head.id() + ": " + head.changes().summary());
        }
        RollbackResult.Restored restored = (RollbackResult.Restored) result;
        Revision revision = restored.revision();
        err.println("Restoring r" + seq + " as " + revision.id() + " …");
        int status = publishChannels(revision, restored.hub(), restored.history(), all, started, false,
                "Published " + revision.id() + ": " + revision.changes().summary());
        err.println("No digest is sent for a rollback. " + display(options.content())
                + " is unchanged: the next ./hub publish publishes it as it is.");
        return status;
    }

    /** The channels not done for the head, with the channels that read them: what a retry publishes. */
    private List<String> pending(Revision head, List<String> all) {
        return workspace.channels().withReaders(all.stream().filter(c -> !done(head, c)).toList()).stream()
                .filter(all::contains).toList();
    }

    private int publishChannels(Revision revision, Hub hub, History history, List<String> toPublish, long started,
                                boolean hintPreview, String headline) {
        err.println("Publishing " + String.join(", ", toPublish) + " …");
        PublishRevision.Report report = workspace.publish().publish(revision, hub, history, toPublish);
        List<String> lines = new ArrayList<>();
        for (PublishRevision.Outcome outcome : report.outcomes()) {
            if (outcome.failed()) {
                err.println(capitalised(outcome.channel()) + " failed: " + outcome.status().error());
                lines.add(String.format(Locale.ROOT, "  %-8s FAILED", outcome.channel()));
            } else {
                ChannelStatus status = outcome.status();
                lines.add(String.format(Locale.ROOT, "  %-8s %d objects: %d written, %d unchanged, %d deleted (%s)",
                        outcome.channel(), status.objects(), outcome.written(), outcome.unchanged(), outcome.deleted(),
                        size(status.bytes())));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.println(headline);
        out.println(String.format(Locale.ROOT, "  %-8s %d", "pages", hub.pages().size()));
        lines.forEach(out::println);
        out.println(String.format(Locale.ROOT, "  %-8s %.1f s", "took", seconds));
        List<String> failed = report.failed();
        if (!failed.isEmpty()) {
            out.println(revision.id() + " is recorded, but " + String.join(", ", failed)
                    + (failed.size() == 1 ? " was" : " were") + " not published (see the errors above); "
                    + "the next ./hub publish retries.");
            return FAILED;
        }
        Path index = workspace.siteFolder().resolve("index.html");
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
