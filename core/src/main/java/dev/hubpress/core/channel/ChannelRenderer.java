package dev.hubpress.core.channel;

import java.util.List;
import java.util.Map;

/**
 * Turns an edition into the objects one {@link Channel} publishes. Implementations are
 * deterministic: the same edition gives the same bytes, with no wall-clock time, so retries are
 * harmless and unchanged objects need no upload. One renderer serves one edition at a time.
 */
public interface ChannelRenderer {

    /** Every object of the channel for this edition. */
    List<Artifact> render(Edition edition);

    /**
     * Whether an object this channel once published stays published when a later edition no
     * longer renders it (e.g. the guide's per-revision PDFs, whose URLs are permanent). Such
     * objects are never deleted. None by default.
     */
    default boolean retains(String key) {
        return false;
    }

    /**
     * Facts about what {@link #render} produced, recorded on the revision's channel status so that
     * channels that {@linkplain Channel#reads read} this one can show them (e.g. {@link GuideInfo}).
     * None by default.
     */
    default Map<String, String> facts(List<Artifact> rendered) {
        return Map.of();
    }
}
