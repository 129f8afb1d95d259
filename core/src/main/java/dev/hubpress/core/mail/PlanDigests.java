package dev.hubpress.core.mail;

import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.port.SubscriberDirectory;
import dev.hubpress.core.revision.ChangeSet;
import dev.hubpress.core.revision.Lineage;
import dev.hubpress.core.revision.Revision;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Use case: who gets which digest for a head revision. Streams the confirmed subscribers of one
 * cadence (never all in memory) and groups them into cohorts by their last delivered revision;
 * each cohort's digest, the merged change sets of the accepted revisions after it up to the head,
 * is computed once. Subscribers already up to date, or whose cohort's digest is empty (nothing a
 * reader would notice changed), get nothing. Each subscriber gets the part of the cohort's digest
 * they follow ({@link Digest#only}); one whose part is empty gets nothing either, but their last
 * delivered revision moves to the head, as if it had been sent.
 * <p>
 * Every-update subscribers are planned on each new revision; weekly subscribers only when the
 * weekly schedule runs. Both are the same catch-up, so a weekly digest is one merged email.
 * <p>
 * A rollback is never mailed: a digest merges only the revisions of the head's {@link Lineage},
 * so neither a rollback's own change set nor the revisions it undid (which a subscriber behind it
 * never got) are told. A subscriber whose digest would hold nothing else gets none.
 */
public final class PlanDigests {

    private final String hub;
    private final RevisionLog log;
    private final SubscriberDirectory directory;
    private final Clock clock;

    public PlanDigests(String hub, RevisionLog log, SubscriberDirectory directory) {
        this(hub, log, directory, Clock.systemUTC());
    }

    /** @param clock when a subscriber's position moves without a send (their record's update time) */
    public PlanDigests(String hub, RevisionLog log, SubscriberDirectory directory, Clock clock) {
        this.hub = hub;
        this.log = log;
        this.directory = directory;
        this.clock = clock;
    }

    /** One subscriber and the digest they are due. */
    public record Job(Subscriber subscriber, Digest digest) {
    }

    /**
     * @param subscribers confirmed subscribers of the cadence seen
     * @param upToDate    of those, already at the head (or ahead of it)
     * @param nothingNew  of those, behind the head but with nothing to tell them (nothing a reader
     *                    would notice, or nothing in what they follow)
     * @param jobs        digests due, one per subscriber
     * @param digests     distinct non-empty digests (cohorts with something to send)
     */
    public record Summary(int subscribers, int upToDate, int nothingNew, int jobs, int digests) {
    }

    /** Plans every due digest for the head revision, handing each job to {@code jobs} as it is found. */
    public Summary plan(Revision head, Cadence cadence, Consumer<Job> jobs) {
        if (!head.accepted() || !head.hub().equals(hub)) {
            throw new IllegalArgumentException("digests are planned for an accepted revision of hub " + hub + ": " + head.id());
        }
        Map<Long, Digest> cohorts = new HashMap<>();
        Map<Long, Optional<Revision>> revisions = new HashMap<>();
        int[] counts = new int[4];
        directory.forEachConfirmed(cadence, subscriber -> {
            counts[0]++;
            long from = subscriber.lastDeliveredSeq();
            if (from >= head.seq()) {
                counts[1]++;
                return;
            }
            Digest digest = cohorts.computeIfAbsent(from, f -> digest(head, f, revisions));
            if (digest.isEmpty()) {
                counts[2]++;
                return;
            }
            Digest followed = digest.only(subscriber.topics());
            if (followed.isEmpty()) {
                counts[2]++;
                skipped(subscriber, head.seq());
                return;
            }
            counts[3]++;
            jobs.accept(new Job(subscriber, followed));
        });
        int digests = (int) cohorts.values().stream().filter(d -> !d.isEmpty()).count();
        return new Summary(counts[0], counts[1], counts[2], counts[3], digests);
    }

    /** A subscriber due nothing they follow up to {@code headSeq}: moves them there all the same. */
    void skipped(Subscriber subscriber, long headSeq) {
        Delivery.advance(directory, subscriber, headSeq, clock);
    }

    /** The digest for subscribers whose last digest went up to {@code fromSeq} (e.g. for a preview). */
    public Digest digest(Revision head, long fromSeq) {
        return digest(head, fromSeq, new HashMap<>());
    }

    /** The digest from {@code fromSeq}, with the revisions read so far in {@code cache}. */
    Digest digest(Revision head, long fromSeq, Map<Long, Optional<Revision>> cache) {
        List<Revision> newestFirst = new ArrayList<>();
        for (long seq = head.seq(); seq > Math.max(fromSeq, 0); seq--) {
            Optional<Revision> revision = seq == head.seq() ? Optional.of(head)
                    : cache.computeIfAbsent(seq, s -> log.get(hub, s));
            revision.filter(Revision::accepted).ifPresent(newestFirst::add);
        }
        List<ChangeSet> changes = new ArrayList<>();
        List<Revision> lineage = Lineage.of(newestFirst);
        lineage.forEach(r -> changes.add(0, r.changes()));
        ChangeSet merged = DigestChanges.merge(changes);
        return new Digest(hub, fromSeq, head.seq(), head.createdAt(), merged.pages(), merged.files(),
                lineage.isEmpty() ? head.seq() : lineage.get(0).seq());
    }
}
