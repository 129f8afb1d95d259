package dev.hubpress.core.mail;

import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.revision.Revision;

import java.util.List;

/**
 * The public archive of digests, published with the site: a page per revision a digest can tell
 * ({@code digests/r<N>.html}: its changes, nobody's address, token or unsubscribe link), an index
 * and an Atom feed of them. Every digest links to the page of the newest revision it tells
 * ({@link Digest#archiveSeq()}), its "view in browser" link. A page is a function of its revision
 * alone, so the site renders the same bytes for it whenever it renders it, and keeps it once
 * published.
 */
public final class DigestArchive {

    /** Where the archive is on the site. */
    public static final String FOLDER = "digests/";
    public static final String INDEX = FOLDER + "index.html";
    public static final String FEED = FOLDER + "feed.atom";

    private DigestArchive() {
    }

    /** {@code digests/r12.html}, relative to the site's root. */
    public static String sitePath(long seq) {
        return FOLDER + "r" + seq + ".html";
    }

    /**
     * The revisions of an edition's history up to its own that have an archive page, newest first:
     * those a digest can tell (not rollbacks, which are never mailed) and that changed a page (a
     * change of settings or data alone sends no digest). A revision a later rollback undid keeps
     * its page: its digest may have gone out.
     */
    public static List<Revision> revisions(Edition edition) {
        return edition.history().stream()
                .filter(r -> r.seq() <= edition.revision().seq() && r.accepted() && !r.isRollback() && !r.changes().pages().isEmpty())
                .toList();
    }
}
