package dev.hubpress.site;

import dev.hubpress.core.mail.Digest;
import dev.hubpress.core.mail.DigestArchive;
import dev.hubpress.core.markdown.HtmlText;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.HubConfig;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.revision.ChangeKind;
import dev.hubpress.core.revision.PageChange;
import dev.hubpress.core.revision.RedlineExcerpt;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.revision.SectionChange;
import dev.hubpress.core.revision.SectionDiff;
import dev.hubpress.site.view.DigestPageView;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the digest archive ({@link DigestArchive}) shows of a revision: the changes its email told
 * (pages with their changed sections and the first words removed and added, as the email has
 * them), from the revision's change set; links lead to the pages and sections that still exist.
 * And the archive's Atom feed, one entry per digest page, dated by its revision.
 */
final class ArchiveEntries {

    private static final DateTimeFormatter HUMAN_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private ArchiveEntries() {
    }

    /** "1 page updated, 2 new pages. Published 14 March 2026 (r12).": the email's intro, for anyone. */
    static String intro(Revision r) {
        return Digest.counts(r.changes().pages()) + ". Published " + HUMAN_DATE.format(r.createdAt()) + " (" + r.id() + ").";
    }

    static List<DigestPageView.Entry> entries(Revision r, Hub hub, String root) {
        List<DigestPageView.Entry> entries = new ArrayList<>();
        for (PageChange change : r.changes().pages()) {
            if (change.kind() == ChangeKind.REMOVED) {
                continue;
            }
            Optional<Page> current = hub.page(change.slug());
            String href = current.map(p -> root + p.sitePath()).orElse(null);
            Map<String, SectionDiff> excerpts = new HashMap<>();
            RedlineExcerpt.of(change).sections().forEach(s -> excerpts.put(s.anchor(), s.diff()));
            List<DigestPageView.Section> sections = new ArrayList<>();
            for (SectionChange section : change.kind() == ChangeKind.CHANGED ? change.sections() : List.<SectionChange>of()) {
                SectionDiff diff = excerpts.get(section.anchor());
                sections.add(new DigestPageView.Section(section.title(), SiteViews.sectionHref(current, href, section),
                        section.kind().word(), diff == null ? "" : RedlineExcerpt.html(diff, "", "")));
            }
            entries.add(new DigestPageView.Entry(change.kind() == ChangeKind.ADDED ? "New page" : "Updated", change.title(), href,
                    sections));
        }
        return entries;
    }

    static List<String> removed(Revision r) {
        return r.changes().pages().stream().filter(p -> p.kind() == ChangeKind.REMOVED).map(PageChange::title).toList();
    }

    /** The titles of the pages a revision added or changed, then those it removed: an entry's summary. */
    static String titles(Revision r) {
        List<String> titles = new ArrayList<>();
        r.changes().pages().stream().filter(p -> p.kind() != ChangeKind.REMOVED).forEach(p -> titles.add(p.title()));
        titles.addAll(removed(r));
        return String.join(", ", titles);
    }

    /**
     * The archive's Atom feed: an entry per digest page (newest first), its id the page's URL, its
     * dates the revision's; the feed's date is its newest entry's, or the edition's with none.
     */
    static String atom(HubConfig config, List<Revision> digests, Instant editionDate) {
        Instant updated = digests.isEmpty() ? editionDate : digests.get(0).createdAt();
        StringBuilder xml = new StringBuilder(1024 + digests.size() * 512);
        xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
                .append("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"").append(x(config.language())).append("\">\n")
                .append("<id>").append(x(config.absoluteUrl(DigestArchive.FEED))).append("</id>\n")
                .append("<title>").append(x(config.title() + ": email digests")).append("</title>\n")
                .append("<subtitle>").append(x("Every digest emailed to the subscribers of " + config.title() + ", without anyone’s address."))
                .append("</subtitle>\n")
                .append("<link rel=\"self\" type=\"application/atom+xml\" href=\"").append(x(config.absoluteUrl(DigestArchive.FEED))).append("\"/>\n")
                .append("<link rel=\"alternate\" type=\"text/html\" href=\"").append(x(config.absoluteUrl(DigestArchive.INDEX))).append("\"/>\n")
                .append("<updated>").append(updated).append("</updated>\n")
                .append("<author><name>").append(x(config.author())).append("</name></author>\n");
        for (Revision r : digests) {
            String url = config.absoluteUrl(DigestArchive.sitePath(r.seq()));
            xml.append("<entry>\n")
                    .append("<id>").append(x(url)).append("</id>\n")
                    .append("<title>").append(x("Revision " + r.seq() + ": " + Digest.counts(r.changes().pages()))).append("</title>\n")
                    .append("<link rel=\"alternate\" type=\"text/html\" href=\"").append(x(url)).append("\"/>\n")
                    .append("<published>").append(r.createdAt()).append("</published>\n")
                    .append("<updated>").append(r.createdAt()).append("</updated>\n")
                    .append("<summary>").append(x(titles(r))).append("</summary>\n")
                    .append("</entry>\n");
        }
        return xml.append("</feed>\n").toString();
    }

    private static String x(String text) {
        return HtmlText.escape(text);
    }
}
