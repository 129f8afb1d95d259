package dev.hubpress.core.revision;

import dev.hubpress.core.mail.DigestChanges;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What readers may be told about: a revision is announced (in a digest, in the feeds) only once
 * its site is published, so that every link an announcement carries leads to a page that is
 * there. A revision whose site failed is announced when the site is retried and DONE; if a later
 * revision's site is published first, the failed one's changes are announced with it (merged, as a
 * digest merges revisions: a page added in one and removed in the next is not mentioned at all).
 * A rollback is announced with its own change set (what went back); held-back revisions it undid
 * were never announced and never will be.
 */
public final class Announcements {

    /** The channel whose status decides: the site. */
    public static final String SITE = "site";

    private Announcements() {
    }

    /** Whether the revision's site is published (its status DONE). */
    public static boolean sitePublished(Revision revision) {
        ChannelStatus site = revision.channels().get(SITE);
        return revision.accepted() && site != null && site.state() == ChannelStatus.State.DONE;
    }

    /** The newest of these revisions (newest first, as a {@link History} lists them) whose site is published. */
    public static Optional<Revision> newestPublished(List<Revision> newestFirst) {
        return newestFirst.stream().filter(Announcements::sitePublished).findFirst();
    }

    /** One revision as announced: its own changes with those of the held-back revisions just before it merged in. */
    public record Announcement(Revision revision, ChangeSet changes) {
    }

    /**
     * The announcements of a history (accepted revisions, newest first), newest first. A revision
     * whose site status is recorded and is not DONE is held back: its changes go with the next
     * announced revision, or wait while there is none. A revision with no site status at all
     * (a hub or a test without the site channel) is announced as it is.
     */
    public static List<Announcement> of(List<Revision> newestFirst) {
        List<Revision> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        List<Announcement> announced = new ArrayList<>();
        List<Revision> held = new ArrayList<>();
        for (Revision revision : oldestFirst) {
            if (!revision.accepted()) {
                continue;
            }
            if (revision.isRollback()) {
                held.removeIf(undone -> undone.seq() > revision.restores());
            }
            held.add(revision);
            if (heldBack(revision)) {
                continue;
            }
            announced.add(new Announcement(revision, held.size() == 1 ? revision.changes()
                    : DigestChanges.merge(held.stream().map(Revision::changes).toList())));
            held.clear();
        }
        Collections.reverse(announced);
        return announced;
    }

    private static boolean heldBack(Revision revision) {
        ChannelStatus site = revision.channels().get(SITE);
        return site != null && site.state() != ChannelStatus.State.DONE;
    }
}
