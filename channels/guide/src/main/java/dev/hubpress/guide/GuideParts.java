package dev.hubpress.guide;

import dev.hubpress.core.content.Fingerprint;
import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.markdown.RenderContext;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.HubConfig;
import dev.hubpress.core.model.Page;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How the book is cut into parts, each laid out on its own and kept by a key naming exactly what
 * it was laid out from. A part is a run of consecutive chapters (hub pages) of one section.
 *
 * <p>Boundaries are chosen so that an edit moves none of them: a part ends after a page whose
 * <em>path</em> hashes to 0 modulo {@link #SPLIT_EVERY} (so about every eighth page, the same page
 * whatever its content), at the end of a section, or when it reaches {@link #MAX_PAGES} pages or
 * {@link #MAX_BYTES} bytes of Markdown (which bounds the memory of one layout, and so of the whole
 * render). Only that cap depends on content; where it cuts, the boundaries fall back in step at the
 * next hash boundary. Parts are not single pages: a part per page made no edit measurably faster (the
 * real hub and 1,000 pages, 4 and 5 interleaved rounds, 5 Dec), and a 1,000-page first publish
 * took 42 % more CPU: each part is one more layout to set up, key and subset of each font it uses
 * (the book itself has one subset per face whatever its parts: {@link BookFonts}).
 *
 * <p>A page that draws the chart is a part of its own: the chart is the costliest thing a part
 * lays out (its SVG drawn through Batik, whose classes a fresh process loads and verifies from the
 * jar), and beside other pages an edit of any of them drew it again. In the real hub the careers
 * section's other pages became a part of their own: an edit of one of them 1.97 → 1.77 s (medians
 * of 10, interleaved), for 39 KB more book (748 → 787 KB: the new part's own font subsets). This
 * rule depends on content too: an edit that adds or removes a chart block moves the boundaries
 * around that page, and they fall back in step at the next hash boundary.
 */
final class GuideParts {

    /** A part ends after a page whose path hash is 0 modulo this. */
    static final int SPLIT_EVERY = 8;
    /**
     * At most this many pages in one part: the hash's mean. Cut by the hash alone, parts vary in
     * length (at 1,000 pages up to 24), and an edit is most likely to fall in a long one: a page's
     * part held 12.6 pages on average, 6.6 with this cap (189 parts instead of 134). A 1,000-page edit
     * in a 16-page part 3.735 → 3.42 s (15 of 16 rounds faster), its first publish about 0.2 s
     * slower, the book 0.85 % larger (docs/benchmarks.md, "6 Dec, mid-morning").
     */
    static final int MAX_PAGES = 8;
    /** At most about this much Markdown in one part (a page longer than this is a part alone). */
    static final int MAX_BYTES = 192 * 1024;
    /** Changes whenever what a key names changes: then no part kept under an older key is reused. */
    private static final String KEY_FORMAT = "hubpress guide part 4";
    private static final String BOOK_KEY_FORMAT = "hubpress guide section book 1";
    private static final String PIECE_KEY_FORMAT = "hubpress guide front piece 1";

    private GuideParts() {
    }

    /** The book's parts: the pages in reading order, cut into runs of one section. */
    static List<List<Page>> plan(List<Page> pages) {
        List<List<Page>> parts = new ArrayList<>();
        List<Page> part = new ArrayList<>();
        long bytes = 0;
        for (Page page : pages) {
            long size = page.source().getBytes(StandardCharsets.UTF_8).length;
            boolean alone = drawsTheChart(page);
            if (!part.isEmpty() && (alone || !part.get(0).section().equals(page.section()) || bytes + size > MAX_BYTES)) {
                parts.add(List.copyOf(part));
                part.clear();
                bytes = 0;
            }
            part.add(page);
            bytes += size;
            if (alone || endsAPart(page) || part.size() >= MAX_PAGES) {
                parts.add(List.copyOf(part));
                part.clear();
                bytes = 0;
            }
        }
        if (!part.isEmpty()) {
            parts.add(List.copyOf(part));
        }
        return parts;
    }

    /** Whether a part ends after this page: by its path alone, so an edit never moves it. */
    static boolean endsAPart(Page page) {
        return Long.remainderUnsigned(Long.parseUnsignedLong(Hashing.sha256Hex(page.path()).substring(0, 15), 16), SPLIT_EVERY) == 0;
    }

    /**
     * The key of a laid-out part: a hash of everything its layout reads. Its pages (front matter
     * and Markdown); the hub's settings it prints or links with (title for the running head, base
     * URL, language, paper) and its list of sections with their titles; the compensation data when
     * one of its pages draws the chart; the fonts; and the code (templates and stylesheet included).
     * Nothing else: not the revision nor what it flags (change bars are drawn when the book is
     * bound), not other pages, not where the part lands in the book (page numbers and links to other
     * parts are set when the book is assembled).
     *
     * @param code  the version of the code laying it out ({@code CodeVersion})
     * @param fonts a digest of the fonts it is set in
     */
    static String key(Hub hub, List<Page> pages, Paper paper, String code, String fonts) {
        HubConfig config = hub.config();
        Fingerprint in = new Fingerprint(4096)
                .add(KEY_FORMAT)
                .add(code)
                .add(fonts)
                .add(paper.name())
                .add(config.title())
                .add(config.baseUrl())
                .add(config.language());
        for (HubConfig.SectionInfo section : config.sections()) {
            in.add(section.id()).add(section.title());
        }
        boolean chart = pages.stream().anyMatch(GuideParts::drawsTheChart);
        in.add(chart ? hub.compensation().map(Object::toString).orElse("no chart data") : "no chart");
        for (Page page : pages) {
            in.add(page.path())
                    .add(page.slug())
                    .add(page.title())
                    .add(page.summary())
                    .add(page.section())
                    .add(String.join(",", page.tags()))
                    // its Markdown by its digest, hashed once per page for every key that names it
                    .add(page.sourceSha256());
        }
        return in.sha256Hex();
    }

    /**
     * The key of a section's book, which names no edition: a hash of its parts' keys and of what its cover prints besides (the section, the hub's subtitle,
     * description and author). An edit of another section, or a new revision, leaves it as it was.
     */
    static String bookKey(Hub hub, String section, Paper paper, String code, List<String> partKeys) {
        HubConfig config = hub.config();
        Fingerprint in = new Fingerprint(4096)
                .add(BOOK_KEY_FORMAT)
                .add(code)
                .add(paper.name())
                .add(section)
                .add(config.subtitle())
                .add(config.description())
                .add(config.author());
        partKeys.forEach(in::add);
        return in.sha256Hex();
    }

    /**
     * The key of a piece of front matter (the cover, or a run of the contents): a hash of its XHTML,
     * which holds everything it prints (entries, page numbers, flags, stylesheet), and of the code
     * and fonts that lay it out.
     */
    static String pieceKey(String xhtml, String code, String fonts) {
        return new Fingerprint(xhtml.length() + 256).add(PIECE_KEY_FORMAT).add(code).add(fonts).add(xhtml).sha256Hex();
    }

    /** A page whose Markdown has a chart block (the only figure the guide draws): a part of its own. */
    private static boolean drawsTheChart(Page page) {
        return RenderContext.mayDrawFigures(page.source());
    }
}
