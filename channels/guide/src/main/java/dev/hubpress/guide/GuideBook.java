package dev.hubpress.guide;

import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.revision.Revision;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessStreamCache;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionGoTo;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageXYZDestination;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A book assembled with PDFBox from its front matter and its laid-out parts: the parts' pages,
 * bookmarks and structure trees appended in order under the front matter's (one structure tree,
 * one outline), links to hub pages the book holds turned into links to where they are printed,
 * and the footer "Page X of Y · revision rN · date" (a section's book: "Page X of Y") stamped on every page but the cover as a pagination
 * artifact (it depends on the page's place in the book, which a part does not know). The front
 * matter is laid out last, when the parts' page counts give every contents entry its number.
 *
 * <p>Streams PDFBox builds while assembling are cached in temporary files, not on the heap: with
 * the parts' own bytes, they are what a 20,000-page book would otherwise hold in memory.
 */
final class GuideBook {

    /** The footer's size, colour and baseline (in the middle of the bottom margin). */
    private static final float FOOTER_SIZE = 8f;
    private static final float FOOTER_GREY = 0x55 / 255f;
    private static final float FOOTER_BASELINE = 22f / 25.4f * 72f / 2f - FOOTER_SIZE / 3f;

    private GuideBook() {
    }

    /**
     * How the front matter is laid out, given the page number of each anchor (empty when unknown):
     * the pieces it is laid out in, in reading order (the first holds the cover).
     */
    interface Front {
        List<RenderedPart> layout(Function<String, String> pageOf);
    }

    /** How the back matter (the appendix) is laid out, given the page number of each anchor; empty when the book has none. */
    interface Back {
        Optional<RenderedPart> layout(Function<String, String> pageOf);
    }

    /** An assembled book, how many pages it has, how many its front matter took (the next render's guess), and its SHA-256. */
    record Bound(byte[] pdf, int pages, int frontPages, String sha256) {
    }

    /**
     * The book's bytes.
     *
     * @param edition  the revision the book names (cover, footer, metadata); empty for a book that
     *                 names none (a section's, the same until its own pages change)
     * @param identity what the book is made from, hashed into its /ID
     * @param front    lays out the cover and contents
     * @param guess    how many pages the front matter will take, when known (0 when not): right,
     *                 it is laid out once; wrong, once more
     * @param parts    the parts in reading order
     * @param title    the book's title, for its metadata
     * @param back     lays out the appendix, after the parts
     */
    static Bound assemble(Hub hub, Optional<Revision> edition, String identity, String title, Front front, int guess,
                          List<RenderedPart> parts, Back back) {
        List<RenderedPart> pieces = layoutFront(front, parts, guess);
        int frontPages = pages(pieces);
        Map<String, String> numbers = numbers(parts, frontPages);
        Optional<RenderedPart> backMatter = back.layout(id -> numbers.getOrDefault(id, ""));
        RandomAccessStreamCache.StreamCacheCreateFunction temporaryFiles = IOUtils.createTempFileOnlyStreamCache();
        // Each source's PDF is inflated just before it is bound (BookSources reads one ahead): two at most in memory.
        List<Supplier<byte[]>> sources = new ArrayList<>();
        pieces.subList(1, pieces.size()).forEach(piece -> sources.add(piece::pdf));
        parts.forEach(part -> sources.add(part::pdf));
        backMatter.ifPresent(matter -> sources.add(matter::pdf));
        Path file = null;
        try (PDDocument book = WrittenPdf.read(pieces.get(0).pdf(), temporaryFiles)) {
            int backPages = backMatter.map(RenderedPart::pages).orElse(0);
            int total = frontPages + parts.stream().mapToInt(RenderedPart::pages).sum() + backPages;
            // Written to a file and read back once: a growing buffer would hold the book two or three times over.
            file = Files.createTempFile("hubpress-book", ".pdf");
            HashedOutput hashed = new HashedOutput(Files.newOutputStream(file));
            try (OutputStream out = new BufferedOutputStream(hashed, 1 << 16)) {
                Binding binding = new Binding(book, total, out);
                Map<String, PDPageXYZDestination> destinations = destinations(binding, frontPages, parts);
                if (backMatter.isPresent()) {
                    destinations.put(ChangedSections.APPENDIX_ID, top(binding.page(total - backPages), book.getPage(0)));
                }
                Footer footer = new Footer(book, edition, total, binding);
                // Front matter first (the book's own document), then each part and the back matter, one
                // bound at a time (the next one read meanwhile): each written when its links and footers are in, then closed.
                int first = 0;
                first = bind(binding, book, null, first, hub, destinations, footer);
                try (BookSources next = new BookSources(sources, temporaryFiles)) {
                    while (next.hasNext()) {
                        BookSources.Source source = next.next();
                        try (PDDocument document = source.document()) {
                            first = bind(binding, document, source.bytes(), first, hub, destinations, footer);
                        }
                    }
                }
                footer.finish();
                GuideRenderer.finish(book, hub.config(), edition, title, identity);
                binding.finish();
            }
            return new Bound(Files.readAllBytes(file), total, frontPages, hashed.sha256Hex());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a temporary file left behind; the system's temporary folder is cleaned by others
                }
            }
        }
    }

    /** Binds one source: its links to pages of the book made internal, its footers stamped, its objects written. */
    private static int bind(Binding binding, PDDocument source, byte[] file, int first, Hub hub,
                            Map<String, PDPageXYZDestination> destinations, Footer footer) throws IOException {
        List<PDPage> pages = binding.open(source, file);
        link(pages, hub, destinations);
        for (int i = 0; i < pages.size(); i++) {
            footer.stamp(pages.get(i), first + i);
        }
        binding.write();
        return first + pages.size();
    }

    /**
     * A first guess at how many pages the front matter of these pages takes, for a book laid out
     * for the first time in this process: the cover, then the contents by the heights guide.css
     * gives their lines (a chapter's 10.5 pt bold with 6 pt above, a section's 9 pt, both at line
     * height 1.45) in the page's height between its 22 mm margins; contents in pieces (more than
     * {@code piecesFrom} entries) start each section on a new page. A long title that wraps makes
     * it short; then the front matter is laid out once more, as without a guess.
     */
    static int frontGuess(List<Page> pages, Paper paper, int piecesFrom) {
        double height = (paper == Paper.A4 ? 297 : 279.4) / 25.4 * 72 - 2 * 22 / 25.4 * 72;
        boolean sections = GuideDocument.listsSections(pages);
        long entries = pages.size() + (sections ? pages.stream().mapToLong(GuideBook::sectionEntries).sum() : 0);
        boolean inPieces = entries > piecesFrom;
        int total = 1;
        double run = 20 * 1.45 + 14;
        String section = null;
        for (Page page : pages) {
            if (inPieces && section != null && !page.section().equals(section)) {
                total += (int) Math.ceil(run / height);
                run = 0;
            }
            section = page.section();
            run += 10.5 * 1.45 + 6;
            if (sections) {
                run += sectionEntries(page) * 9 * 1.45;
            }
        }
        return total + (int) Math.ceil(run / height);
    }

    private static long sectionEntries(Page page) {
        return page.headings().stream().filter(h -> h.level() == 2).count();
    }

    /**
     * Lays out the front matter until its own length is stable: the numbers it prints depend on how
     * many pages it takes. Starting from a right guess that is one layout; from a wrong one, usually
     * two (the numbers do not change how many lines the contents take).
     */
    private static List<RenderedPart> layoutFront(Front front, List<RenderedPart> parts, int guess) {
        int frontPages = guess;
        for (int attempt = 0; attempt < 4; attempt++) {
            Map<String, String> numbers = numbers(parts, frontPages);
            List<RenderedPart> laidOut = front.layout(id -> numbers.getOrDefault(id, ""));
            if (pages(laidOut) == frontPages) {
                return laidOut;
            }
            frontPages = pages(laidOut);
        }
        throw new IllegalStateException("the guide's contents do not settle on a page count");
    }

    private static int pages(List<RenderedPart> pieces) {
        return pieces.stream().mapToInt(RenderedPart::pages).sum();
    }

    /**
     * The printed number (from 1) of the page each anchor lands on, when the front matter takes this
     * many pages; the appendix starts on the page after the parts.
     */
    private static Map<String, String> numbers(List<RenderedPart> parts, int frontPages) {
        Map<String, String> numbers = new HashMap<>();
        int offset = frontPages;
        for (RenderedPart part : parts) {
            for (Map.Entry<String, RenderedPart.Anchor> e : part.anchors().entrySet()) {
                numbers.put(e.getKey(), Integer.toString(offset + e.getValue().page() + 1));
            }
            offset += part.pages();
        }
        numbers.put(ChangedSections.APPENDIX_ID, Integer.toString(offset + 1));
        return numbers;
    }

    /** Where each anchor of the parts is printed in the book: the stubs of pages not read yet. */
    private static Map<String, PDPageXYZDestination> destinations(Binding binding, int frontPages, List<RenderedPart> parts) {
        Map<String, PDPageXYZDestination> destinations = new HashMap<>();
        int offset = frontPages;
        for (RenderedPart part : parts) {
            for (Map.Entry<String, RenderedPart.Anchor> e : part.anchors().entrySet()) {
                PDPageXYZDestination destination = new PDPageXYZDestination();
                destination.setPage(binding.page(offset + e.getValue().page()));
                destination.setLeft(0);
                destination.setTop(Math.round(e.getValue().top()));
                destinations.put(e.getKey(), destination);
            }
            offset += part.pages();
        }
        return destinations;
    }

    /** The top of a page, as a link's target (every page of the book is as tall as the first). */
    private static PDPageXYZDestination top(PDPage page, PDPage sized) {
        PDPageXYZDestination destination = new PDPageXYZDestination();
        destination.setPage(page);
        destination.setLeft(0);
        destination.setTop(Math.round(sized.getMediaBox().getUpperRightY()));
        return destination;
    }

    /**
     * Links to hub pages (their site URLs, as parts and contents write links that leave them) that
     * land in this book become links to where they are printed; links to pages it does not hold (a
     * section's book) stay links to the site.
     */
    private static void link(List<PDPage> pages, Hub hub, Map<String, PDPageXYZDestination> destinations) throws IOException {
        String site = hub.config().baseUrl() + "/";
        for (PDPage page : pages) {
            for (PDAnnotation annotation : page.getAnnotations()) {
                if (annotation instanceof PDAnnotationLink link && link.getAction() instanceof PDActionURI uri
                        && uri.getURI() != null && uri.getURI().startsWith(site)) {
                    String path = uri.getURI().substring(site.length());
                    // "#id" names an anchor of the book itself (GuideDocument.bookAnchor)
                    Optional<PDPageXYZDestination> target = path.startsWith("#") ? Optional.ofNullable(destinations.get(path.substring(1)))
                            : GuideDocument.internal(path, hub).map(t -> destinations.get(t.id()));
                    if (target.isPresent()) {
                        PDActionGoTo goTo = new PDActionGoTo();
                        goTo.setDestination(target.get());
                        // written in the annotation, as the parts write theirs (InPlaceDictionaries): one object fewer per link
                        goTo.getCOSObject().setDirect(true);
                        link.setAction(goTo);
                    }
                }
            }
        }
    }

    /**
     * The footer of every page but the cover, marked as a pagination artifact (not part of the
     * structure tree). Its font is the book's, written once at the end (subset to the glyphs every
     * footer used).
     *
     * <p>Each footer is a content stream of its own after the page's, which one stream the whole book
     * shares saves and restores around (so the part's graphics state does not reach the footer). The
     * artifact's properties are written in line rather than as a property list in the page's
     * resources: adding one there meant reading the page's own property lists, a tenth of binding a
     * 1,000-page book.
     */
    private static final class Footer {
        private static final COSName FONT = COSName.getPDFName("HubFooter");
        private static final byte[] BEGIN = "Q\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] END = "EMC\n".getBytes(StandardCharsets.US_ASCII);

        private final PDDocument book;
        private final PDType0Font font;
        private final int total;
        private final String named;
        /** "q": before each footed page's own content. */
        private final COSStream save;
        /** Where the footer's text is drawn first, with the font under the name the pages give it. */
        private final PDAppearanceStream scratch;

        Footer(PDDocument book, Optional<Revision> edition, int total, Binding binding) throws IOException {
            this.book = book;
            this.font = PDType0Font.load(book, new ByteArrayInputStream(GuideFonts.bytes(GuideFonts.footer())), true);
            this.total = total;
            this.named = edition.map(r -> " \u00b7 revision " + r.id() + " \u00b7 " + GuideDocument.HUMAN_DATE.format(r.createdAt())).orElse("");
            this.save = book.getDocument().createCOSStream();
            try (OutputStream out = save.createOutputStream()) {
                out.write("q\n".getBytes(StandardCharsets.US_ASCII));
            }
            PDResources resources = new PDResources();
            resources.put(FONT, font);
            this.scratch = new PDAppearanceStream(book);
            scratch.setResources(resources);
            binding.keep(font.getCOSObject());
            binding.keep(save);
        }

        /** Stamps the page at this index of the book (from 0; the cover, 0, has none). */
        void stamp(PDPage page, int index) throws IOException {
            if (index == 0) {
                return;
            }
            String text = "Page " + (index + 1) + " of " + total + named;
            PDRectangle box = page.getMediaBox();
            float width = font.getStringWidth(text) / 1000f * FOOTER_SIZE;
            ByteArrayOutputStream operators = new ByteArrayOutputStream(256);
            try (PDPageContentStream out = new PDPageContentStream(book, scratch, operators)) {
                out.beginText();
                out.setFont(font, FOOTER_SIZE);
                out.setNonStrokingColor(FOOTER_GREY, FOOTER_GREY, FOOTER_GREY);
                out.newLineAtOffset(box.getLowerLeftX() + (box.getWidth() - width) / 2f, box.getLowerLeftY() + FOOTER_BASELINE);
                out.showText(text);
                out.endText();
            }
            COSStream footer = book.getDocument().createCOSStream();
            try (OutputStream out = footer.createOutputStream(COSName.FLATE_DECODE)) {
                out.write(BEGIN);
                operators.writeTo(out);
                out.write(END);
            }
            page.getResources().put(FONT, font);
            COSDictionary dictionary = page.getCOSObject();
            COSArray contents = new COSArray();
            contents.add(save);
            // The page's own streams as they are referenced, not read (BookWriter writes arrays in
            // place, so a reference is to a stream).
            COSBase own = dictionary.getItem(COSName.CONTENTS);
            if (own instanceof COSArray array) {
                for (int i = 0; i < array.size(); i++) {
                    contents.add(array.get(i));
                }
            } else if (own != null) {
                contents.add(own);
            }
            contents.add(footer);
            dictionary.setItem(COSName.CONTENTS, contents);
        }

        /** After the last footer: the font keeps only the glyphs they used (PDDocument.save would do it; BookWriter writes the book). */
        void finish() throws IOException {
            font.subset();
        }
    }
}
