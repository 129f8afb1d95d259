package dev.hubpress.site;

import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ext.footnotes.FootnoteBlock;
import com.vladsch.flexmark.ext.tables.TableBlock;
import com.vladsch.flexmark.ext.tables.TableCell;
import com.vladsch.flexmark.ext.tables.TableSeparator;
import com.vladsch.flexmark.util.ast.Node;
import dev.hubpress.core.cache.CachedEntries;
import dev.hubpress.core.cache.CodeVersion;
import dev.hubpress.core.content.Fingerprint;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.port.RenderCache;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the search index holds of each page: its sections (the text before the first heading, then
 * one per heading), each with its anchor, heading, a snippet and its terms. A pure function of the
 * page's slug, title, summary and Markdown, so it is kept by their hash, in memory for the next
 * render and in the render cache for the next process: a page that did not change is neither
 * parsed nor tokenized again. One render is one round of {@link CachedEntries}.
 */
final class SearchSections {

    /** Name of the pages' search entries in the render cache. */
    static final String CACHE = "site-search";
    /** Characters of a section's text shown under its heading in the results. */
    static final int SNIPPET = 160;

    /**
     * One section of a page.
     *
     * @param anchor       the heading's id; empty for the page's opening (then {@code heading} is the page title)
     * @param headingTerms terms of the heading (and of the page title, for the opening)
     * @param bodyTerms    the other terms of the section's text, and of the page title elsewhere,
     *                     so a query naming the page and a word of one section finds that section
     */
    record Section(String anchor, String heading, String snippet, List<String> headingTerms, List<String> bodyTerms) {
        Section {
            headingTerms = List.copyOf(headingTerms);
            bodyTerms = List.copyOf(bodyTerms);
        }
    }

    private final CachedEntries<List<Section>> entries;

    SearchSections(RenderCache cache) {
        this.entries = CachedEntries.amended(cache, CACHE, CodeVersion.of("core", "channel-site"), CODEC);
    }

    /** The page's sections: kept, or cut and tokenized now. */
    List<Section> of(Page page) {
        String key = new Fingerprint(256).add(page.slug()).add(page.title()).add(page.summary()).add(page.sourceSha256()).sha256Hex();
        return entries.get(key, () -> sections(page));
    }

    /** Ends a render: keeps its entries for the next (see {@link CachedEntries#endRound()}). */
    void endRender() {
        entries.endRound();
    }

    /** How many pages were cut into sections and tokenized (not found kept) so far. */
    long tokenized() {
        return entries.computed();
    }

    static List<Section> sections(Page page) {
        Set<String> titleTerms = SearchTerms.of(page.title());
        List<Section> sections = new ArrayList<>();
        String anchor = "";
        String heading = page.title();
        StringBuilder text = new StringBuilder(page.summary());
        for (Node node = page.document().getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Heading h) {
                sections.add(section(anchor, heading, text, titleTerms));
                anchor = h.getAnchorRefId();
                heading = MarkdownEngine.plainText(h);
                text.setLength(0);
            } else if (!(node instanceof FootnoteBlock) && !isChart(node)) {
                String plain = text(node);
                if (!plain.isEmpty()) {
                    text.append(text.isEmpty() ? "" : " ").append(plain);
                }
            }
        }
        sections.add(section(anchor, heading, text, titleTerms));
        return sections;
    }

    private static Section section(String anchor, String heading, CharSequence text, Set<String> titleTerms) {
        Set<String> headingTerms = SearchTerms.of(heading);
        Set<String> bodyTerms = new TreeSet<>(SearchTerms.of(text.toString()));
        if (anchor.isEmpty()) {
            headingTerms.addAll(titleTerms);
        } else {
            bodyTerms.addAll(titleTerms);
        }
        bodyTerms.removeAll(headingTerms);
        return new Section(anchor, heading, snippet(text.toString()), List.copyOf(headingTerms), List.copyOf(bodyTerms));
    }

    /** The text's start, cut at a space and marked with an ellipsis when it is longer than a snippet. */
    static String snippet(String text) {
        if (text.length() <= SNIPPET) {
            return text;
        }
        int cut = text.lastIndexOf(' ', SNIPPET);
        return text.substring(0, cut > SNIPPET / 2 ? cut : SNIPPET).stripTrailing() + "…";
    }

    /** A block's visible text; a table's is its cells' (its plain text would run them together with the rule row). */
    private static String text(Node node) {
        if (!(node instanceof TableBlock)) {
            return MarkdownEngine.plainText(node);
        }
        StringBuilder cells = new StringBuilder();
        for (Node cell : node.getDescendants()) {
            if (cell instanceof TableCell && cell.getAncestorOfType(TableSeparator.class) == null) {
                String plain = MarkdownEngine.plainText(cell);
                if (!plain.isEmpty()) {
                    cells.append(cells.isEmpty() ? "" : " ").append(plain);
                }
            }
        }
        return cells.toString();
    }

    /** A figure's code block names its data, which is not text a reader sees there. */
    private static boolean isChart(Node node) {
        return node instanceof FencedCodeBlock code && code.getInfo().toString().trim().equals("hub-chart");
    }

    private static final CachedEntries.Codec<List<Section>> CODEC = new CachedEntries.Codec<>() {
        @Override
        public void write(DataOutputStream out, List<Section> sections) throws IOException {
            out.writeInt(sections.size());
            for (Section s : sections) {
                CachedEntries.writeText(out, s.anchor());
                CachedEntries.writeText(out, s.heading());
                CachedEntries.writeText(out, s.snippet());
                CachedEntries.writeText(out, String.join(" ", s.headingTerms()));
                CachedEntries.writeText(out, String.join(" ", s.bodyTerms()));
            }
        }

        @Override
        public List<Section> read(DataInputStream in) throws IOException {
            List<Section> sections = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                sections.add(new Section(CachedEntries.readText(in), CachedEntries.readText(in), CachedEntries.readText(in),
                        terms(CachedEntries.readText(in)), terms(CachedEntries.readText(in))));
            }
            return sections;
        }

        private static List<String> terms(String joined) {
            return joined.isEmpty() ? List.of() : List.of(joined.split(" "));
        }
    };
}
