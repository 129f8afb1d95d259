package dev.hubpress.core.publish;

import java.util.List;

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
}
