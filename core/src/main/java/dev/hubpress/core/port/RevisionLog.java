package dev.hubpress.core.port;

import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.History;
import dev.hubpress.core.revision.Revision;

import java.util.Optional;

/**
 * The ordered history of a hub's revisions, accepted and rejected. Sequence numbers are claimed
 * with a conditional write, so two concurrent ingests can never both become revision N. Reads
 * are strongly consistent: a reader sees every revision claimed before it read.
 */
public interface RevisionLog {

    /**
     * The newest revision of the hub, whatever its status, and up to {@code accepted} accepted
     * revisions, newest first, in one read.
     */
    History recent(String hub, int accepted);

    /** The revision with that sequence number. */
    Optional<Revision> get(String hub, long seq);

    /**
     * Records a new revision if its sequence number is still free.
     *
     * @return false when another writer already holds that sequence number (nothing is written)
     */
    boolean claim(Revision revision);

    /**
     * Records one channel's outcome for a revision, replacing that channel's earlier status and
     * leaving the other channels' as they are.
     *
     * @throws IllegalArgumentException when the hub has no revision with that number (nothing is written)
     */
    void recordChannel(String hub, long seq, String channel, ChannelStatus status);
}
