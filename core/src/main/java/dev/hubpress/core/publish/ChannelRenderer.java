package dev.hubpress.core.publish;

import java.util.List;
import java.util.Map;

/**
 * One output channel (site, guide, feeds): turns an edition into the objects it publishes.
 * Implementations are deterministic: the same edition gives the same bytes, with no wall-clock
 * time, so retries are harmless and unchanged objects need no upload.
 */
public interface ChannelRenderer {

    /** The channel's name, as recorded on revisions: {@code site}, {@code guide}, {@code feeds}. */
    String channel();

    /** Every object of the channel for this edition. */
    List<Artifact> render(Edition edition);

    /**
     * Whether an object this channel once published stays published when a later edition no
     * longer renders it (e.g. the guide's per-revision PDFs, whose URLs are permanent). Such
     * objects are never deleted by {@link PublishChannel}. None by default.
     */
    default boolean retains(String key) {
        return false;
    }

    /**
     * Facts about what {@link #render} produced, recorded on the revision's channel status so
     * that other channels can show them without depending on this one (e.g. {@link GuideInfo}).
     * None by default.
     */
    default Map<String, String> facts(List<Artifact> rendered) {
        return Map.of();
    }
}
