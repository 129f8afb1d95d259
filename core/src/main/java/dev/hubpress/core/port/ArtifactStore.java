package dev.hubpress.core.port;

import dev.hubpress.core.channel.Artifact;

/**
 * Where a channel's published objects live (the site folder or bucket). Keys are site paths
 * such as {@code careers/mid-to-senior.html}.
 */
public interface ArtifactStore {

    /**
     * Writes the artifact so that readers never see a half-written object.
     *
     * @return false when an identical object was already there and nothing was written
     */
    boolean put(Artifact artifact);

    /** Removes an object that the channel no longer publishes; a no-op when it is absent. */
    void delete(String key);
}
