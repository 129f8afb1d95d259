package dev.hubpress.core.publish;

import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.port.EdgeCache;
import dev.hubpress.core.revision.Revision;

import java.util.List;
import java.util.Optional;

/**
 * Use case: after a channel published a revision, drop the CDN's copies of what that publish
 * changed ({@link PublishRevision.Outcome#changed()}), as {@link EdgePaths} selects them. One
 * request per channel and revision, whose reference names the hub, the revision, the channel and
 * the paths: a publish retried after it was handled asks with the same reference, which the CDN
 * does once. A refused request is reported, never thrown: the objects are published, and they
 * expire by their Cache-Control (five minutes for pages and feeds).
 */
public final class InvalidateEdge {

    private final EdgeCache edge;

    public InvalidateEdge(EdgeCache edge) {
        this.edge = edge;
    }

    /**
     * What was asked of the CDN.
     *
     * @param paths   the paths invalidated; empty when the publish changed nothing (or failed), and nothing was asked
     * @param failure why the CDN did not take the request, in one line; empty when it did
     */
    public record Result(List<String> paths, Optional<String> failure) {
        public Result {
            paths = List.copyOf(paths);
        }

        public boolean failed() {
            return failure.isPresent();
        }
    }

    public Result after(Revision revision, PublishRevision.Outcome outcome) {
        if (outcome.failed() || outcome.changed().isEmpty()) {
            return new Result(List.of(), Optional.empty());
        }
        List<String> paths = EdgePaths.of(outcome.changed());
        try {
            edge.invalidate(reference(revision, outcome.channel(), paths), paths);
            return new Result(paths, Optional.empty());
        } catch (RuntimeException e) {
            return new Result(paths, Optional.of(PublishRevision.oneLine(e)));
        }
    }

    /** {@code <hub>-r<N>-<channel>-<hash of the paths>}: the same for the same request, another for other paths. */
    static String reference(Revision revision, String channel, List<String> paths) {
        String name = (revision.hub() + "-" + revision.id() + "-" + channel).replaceAll("[^A-Za-z0-9._-]", "_");
        String head = name.length() > 100 ? name.substring(0, 100) : name;
        return head + "-" + Hashing.sha256Hex(String.join("\n", paths)).substring(0, 16);
    }
}
