package dev.hubpress.core.testing;

import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.History;
import dev.hubpress.core.revision.Revision;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link RevisionLog} in memory. {@link #claim} is conditional on the sequence number being
 * free, like the DynamoDB conditional put; {@link #beforeNextClaim} lets a test slip a competing
 * writer in just before a claim, to exercise the retry.
 */
public final class InMemoryRevisionLog implements RevisionLog {

    private final Map<String, NavigableMap<Long, Revision>> revisions = new HashMap<>();
    private final Deque<Runnable> beforeClaim = new ArrayDeque<>();
    private int claims;
    private int reads;
    private int failedClaims;

    @Override
    public synchronized History recent(String hub, int accepted) {
        reads++;
        return new History(latest(hub), accepted(hub, accepted));
    }

    @Override
    public synchronized Optional<Revision> get(String hub, long seq) {
        reads++;
        return Optional.ofNullable(of(hub).get(seq));
    }

    /** The newest revision (a test's look, not counted as a read). */
    public synchronized Optional<Revision> latest(String hub) {
        NavigableMap<Long, Revision> log = revisions.get(hub);
        return log == null || log.isEmpty() ? Optional.empty() : Optional.of(log.lastEntry().getValue());
    }

    /** Accepted revisions, newest first (a test's look, not counted as a read). */
    public synchronized List<Revision> accepted(String hub, int limit) {
        return of(hub).descendingMap().values().stream().filter(Revision::accepted).limit(limit).toList();
    }

    /** How many times the log was read through the port ({@link #recent}, {@link #get}). */
    public synchronized int reads() {
        return reads;
    }

    @Override
    public boolean claim(Revision revision) {
        Runnable racer;
        synchronized (this) {
            racer = beforeClaim.poll();
        }
        if (racer != null) {
            racer.run();
        }
        synchronized (this) {
            claims++;
            if (of(revision.hub()).putIfAbsent(revision.seq(), revision) != null) {
                failedClaims++;
                return false;
            }
            return true;
        }
    }

    @Override
    public synchronized void recordChannel(String hub, long seq, String channel, ChannelStatus status) {
        Revision revision = Optional.ofNullable(of(hub).get(seq)).orElseThrow(() -> new IllegalArgumentException("no revision " + seq + " of " + hub));
        of(hub).put(seq, revision.withChannel(channel, status));
    }

    /** Runs {@code racer} just before the next claim is checked (e.g. another writer claiming the same number). */
    public synchronized InMemoryRevisionLog beforeNextClaim(Runnable racer) {
        beforeClaim.add(racer);
        return this;
    }

    /** Every revision of the hub, oldest first. */
    public synchronized List<Revision> all(String hub) {
        List<Revision> all = new ArrayList<>(of(hub).values());
        all.sort(Comparator.comparingLong(Revision::seq));
        return all;
    }

    public synchronized int claims() {
        return claims;
    }

    public synchronized int failedClaims() {
        return failedClaims;
    }

    private NavigableMap<Long, Revision> of(String hub) {
        return revisions.computeIfAbsent(hub, h -> new TreeMap<>());
    }
}
