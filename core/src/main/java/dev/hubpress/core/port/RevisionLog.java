package dev.hubpress.core.port;

import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.Revision;

import java.util.List;
import java.util.Optional;

/**
 * The ordered history of a hub's revisions, accepted and rejected. Sequence numbers are claimed
 * with a conditional write, so two concurrent ingests can never both become revision N.
 */
public interface RevisionLog {

    /** The newest revision of the hub, whatever its status. */
    Optional<Revision> latest(String hub);

    /** The revision with that sequence number. */
    Optional<Revision> get(String hub, long seq);

    /** Accepted revisions, newest first, at most {@code limit} of them. */
    List<Revision> accepted(String hub, int limit);

    /**
     * Records a new revision if its sequence number is still free.
     *
     * @return false when another writer already holds that sequence number (nothing is written)
     */
    boolean claim(Revision revision);

    /** Records one channel's outcome for a revision, replacing that channel's earlier status. */
    void recordChannel(String hub, long seq, String channel, ChannelStatus status);
}
