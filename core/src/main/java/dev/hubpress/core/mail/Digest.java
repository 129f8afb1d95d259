package dev.hubpress.core.mail;

import dev.hubpress.core.revision.ChangeKind;
import dev.hubpress.core.revision.PageChange;

import java.time.Instant;
import java.util.List;

/**
 * What changed in a hub between two revisions, for the subscribers whose last digest went up to
 * {@code fromSeq} (a cohort): the change sets of the accepted revisions in (fromSeq, toSeq]
 * merged, each page once ({@link DigestChanges#merge}).
 *
 * @param date       the date of revision {@code toSeq}: the email's Date header
 * @param pages      the merged page changes, in order of first change
 * @param files      settings and data files that changed (hub.yaml, data/*.yaml)
 * @param archiveSeq the newest revision whose changes it tells, whose public page
 *                   ({@link DigestArchive#sitePath}) its "view in browser" link opens: {@code toSeq}
 *                   unless that is a rollback, which is never told itself
 */
public record Digest(String hub, long fromSeq, long toSeq, Instant date, List<PageChange> pages, List<String> files,
                     long archiveSeq) {

    public Digest {
        pages = List.copyOf(pages);
        files = List.copyOf(files);
        if (archiveSeq > toSeq) {
            throw new IllegalArgumentException("a digest up to r" + toSeq + " cannot tell r" + archiveSeq);
        }
    }

    /** A digest whose newest revision is told ({@code archiveSeq} = {@code toSeq}). */
    public Digest(String hub, long fromSeq, long toSeq, Instant date, List<PageChange> pages, List<String> files) {
        this(hub, fromSeq, toSeq, date, pages, files, toSeq);
    }

    /**
     * Identifies the digest, the same for every run that computes it: {@code <hub>.r<from>-r<to>}.
     * The ledger keys sends by it; a subscriber who missed it gets a later, different key.
     */
    public String key() {
        return hub + ".r" + fromSeq + "-r" + toSeq;
    }

    /**
     * Tells apart the parts of one digest ({@link #only}) that hold different pages: subscribers
     * whose parts are equal share one rendered email, others never do.
     */
    public String contentKey() {
        StringBuilder key = new StringBuilder(key()).append('|');
        pages.forEach(p -> key.append(p.slug()).append(','));
        return key.toString();
    }

    /** Nothing a reader would notice: no email is sent for it. Settings or data alone do not count. */
    public boolean isEmpty() {
        return pages.isEmpty();
    }

    /**
     * The part of this digest a subscriber following {@code topics} gets: the changes of the pages
     * they follow, under the same {@link #key()} (the ledger counts one digest per subscriber and
     * span, whatever they follow). Settings and data files are kept: they never make an email on their own.
     */
    public Digest only(Topics topics) {
        if (topics.wholeHub()) {
            return this;
        }
        return new Digest(hub, fromSeq, toSeq, date, pages.stream().filter(topics::follows).toList(), files);
    }

    public long count(ChangeKind kind) {
        return count(pages, kind);
    }

    /**
     * "1 page updated, 2 new pages, 1 page removed": the words the email's subject and body and
     * the digest's archive page say it with.
     */
    public static String counts(List<PageChange> pages) {
        List<String> parts = new java.util.ArrayList<>();
        long changed = count(pages, ChangeKind.CHANGED);
        long added = count(pages, ChangeKind.ADDED);
        long removed = count(pages, ChangeKind.REMOVED);
        if (changed > 0) {
            parts.add(changed + (changed == 1 ? " page updated" : " pages updated"));
        }
        if (added > 0) {
            parts.add(added + (added == 1 ? " new page" : " new pages"));
        }
        if (removed > 0) {
            parts.add(removed + (removed == 1 ? " page removed" : " pages removed"));
        }
        return String.join(", ", parts);
    }

    private static long count(List<PageChange> pages, ChangeKind kind) {
        return pages.stream().filter(p -> p.kind() == kind).count();
    }
}
