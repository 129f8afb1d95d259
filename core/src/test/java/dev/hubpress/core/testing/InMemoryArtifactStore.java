package dev.hubpress.core.testing;

import dev.hubpress.core.port.ArtifactStore;
import dev.hubpress.core.channel.Artifact;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An {@link ArtifactStore} in memory. {@link #put} writes nothing and returns false when an
 * identical artifact (bytes, content type and cache policy, as an HTTP store keeps them) is
 * already stored under the key; every real write and delete is recorded so tests can count them.
 * Like the bucket, it takes a known version that matches the artifact's as true and then does not
 * look at what it holds (counted as {@link #trusted()}); every other put is a {@link #checks() check}.
 * A listable store answers {@link #heldKeys()} as a bucket does (counted as {@link #listings()}),
 * and then writes {@link #create created} artifacts unchecked (counted as {@link #created()}).
 * Keys are checked as every store checks them.
 */
public final class InMemoryArtifactStore implements ArtifactStore {

    private final Map<String, Artifact> objects = new TreeMap<>();
    private final List<String> writes = new ArrayList<>();
    private final List<String> deletes = new ArrayList<>();
    private final boolean listable;
    private int checks;
    private int trusted;
    private int listings;
    private int created;

    /** A store that does not list (as a folder: each object is checked). */
    public InMemoryArtifactStore() {
        this(false);
    }

    /** A store that lists its keys in one go when asked, as a bucket does, when {@code listable}. */
    public InMemoryArtifactStore(boolean listable) {
        this.listable = listable;
    }

    @Override
    public synchronized Optional<Set<String>> heldKeys() {
        if (!listable) {
            return Optional.empty();
        }
        listings++;
        return Optional.of(Set.copyOf(objects.keySet()));
    }

    @Override
    public synchronized boolean create(Artifact artifact) {
        created++;
        objects.put(ArtifactStore.requireSafeKey(artifact.key()), artifact);
        writes.add(artifact.key());
        return true;
    }

    @Override
    public synchronized boolean put(Artifact artifact, Optional<String> known) {
        ArtifactStore.requireSafeKey(artifact.key());
        if (known.isPresent() && known.get().equals(artifact.version())) {
            trusted++;
            return false;
        }
        return put(artifact);
    }

    @Override
    public synchronized boolean put(Artifact artifact) {
        checks++;
        Artifact existing = objects.get(ArtifactStore.requireSafeKey(artifact.key()));
        if (artifact.equals(existing)) {
            return false;
        }
        objects.put(artifact.key(), artifact);
        writes.add(artifact.key());
        return true;
    }

    @Override
    public synchronized void delete(String key) {
        if (objects.remove(ArtifactStore.requireSafeKey(key)) != null) {
            deletes.add(key);
        }
    }

    public synchronized Optional<Artifact> get(String key) {
        return Optional.ofNullable(objects.get(key));
    }

    /** Keys currently stored, sorted. */
    public synchronized List<String> keys() {
        return List.copyOf(objects.keySet());
    }

    /** Keys written, in order, one entry per real write. */
    public synchronized List<String> writes() {
        return List.copyOf(writes);
    }

    /** How many puts compared the artifact with what the store holds (a HEAD in a bucket). */
    public synchronized int checks() {
        return checks;
    }

    /** How many times the store was listed whole. */
    public synchronized int listings() {
        return listings;
    }

    /** How many artifacts were written unchecked, their keys absent from a listing. */
    public synchronized int created() {
        return created;
    }

    /** How many puts were answered from the caller's known version alone, without looking. */
    public synchronized int trusted() {
        return trusted;
    }

    /** Keys deleted, in order, one entry per object actually removed. */
    public synchronized List<String> deletes() {
        return List.copyOf(deletes);
    }
}
