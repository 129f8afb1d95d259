package dev.hubpress.guide;

import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.work.FileBytes;
import dev.hubpress.core.work.Parallel;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
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

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * A book assembled with PDFBox from its front matter and its laid-out parts: the parts' pages,
 * bookmarks and structure trees appended in order under the front matter's (one structure tree,
 * one outline), links to hub pages the book holds turned into links to named destinations where
 * they are printed, and the footer "Page X of Y · revision rN · date" (a section's book: "Page X
 * of Y") stamped on every page but the cover as a pagination artifact (it depends on the page's
 * place in the book, which a part does not know), with the edition's change bars. The front
 * matter is laid out last, when the parts' page counts give every contents entry its number. A
 * part bound into the last book at the same place, linking the same way, is copied as bound then
 * ({@link Kept}).
 *
 * <p>Streams PDFBox builds while assembling are cached in temporary files, not on the heap: with
 * the parts' own bytes, they are what a 20,000-page book would otherwise hold in memory.
 */
final class GuideBook {

    /** The footer's size, colour and baseline (in the middle of the bottom margin). */
    private static final float FOOTER_SIZE = 8f;
    private static final float FOOTER_GREY = 0x55 / 255f;
    private static final float FOOTER_BASELINE = 22f / 25.4f * 72f / 2f - FOOTER_SIZE / 3f;
    /** The page's margins in guide.css (22 mm above and below the text, 20 mm beside it). */
    private static final float MARGIN_TOP_BOTTOM = 22f / 25.4f * 72f;
    private static final float MARGIN_SIDE = 20f / 25.4f * 72f;
    /** A change bar: 2.5 pt wide, #c0392b, 6.5 pt left of the text column. */
    private static final float BAR_WIDTH = 2.5f;
    private static final float BAR_GAP = 6.5f;
    private static final String BAR_COLOUR = "0.7529 0.2235 0.1686 rg\n";

    private GuideBook() {
    }

    /**
     * How the front matter is laid out, given the page number of each anchor (empty when unknown):
     * the pieces it is laid out in, in reading order (the first holds the cover).
     */
    interface Front {
        List<Laid> layout(Function<String, String> pageOf);
    }

    /** How the back matter (the appendix) is laid out, given the page number of each anchor; empty when the book has none. */
    interface Back {
        Optional<RenderedPart> layout(Function<String, String> pageOf);
    }

    /**
     * A laid-out source of the book, the key its layout is kept under (empty: laid out for this
     * book alone) and the shelf its bound form is kept on, with the sources laid out beside it (a
     * part's section, or the front matter): one object of the render cache per shelf.
     */
    record Laid(RenderedPart part, Optional<String> key, String shelf) {

        static Laid of(String key, String shelf, RenderedPart part) {
            return new Laid(part, Optional.of(key), shelf);
        }
    }

    /** An assembled book, how many pages it has, how many its front matter took (the next render's guess), and its SHA-256. */
    record Bound(byte[] pdf, int pages, int frontPages, String sha256) {
    }

    /**
     * A source as bound into a book, kept for the next book that has it at the same base: its bound
     * form, and the links it holds to hub pages (the path after the site's URL, and the named
     * destination it became, "" for one left a link to the site), which the next book must resolve
     * the same way.
     */
    record BoundSource(Binding.Bound bound, Map<String, String> links) {
    }

    /**
     * Where bound sources are kept between books, on shelves (a book's sources of one section, or
     * its front matter: one object of the render cache each, so a book costs a request per shelf,
     * not per part), by a key naming what they were bound from ({@link #boundKey}): the base they
     * were bound at is in them, and checked.
     */
    interface Kept {
        /** The source kept under the key on a book's shelf, if any (then kept for the next book too). */
        Optional<BoundSource> get(String book, String shelf, String key);

        /** Keeps a source bound now on a book's shelf. */
        void put(String book, String shelf, String key, BoundSource source);

        /**
         * The book is done with a shelf (its sources come in shelf order): the shelf keeps what this
         * book found or put on it, and nothing else, and is no longer held in memory.
         */
        void done(String book, String shelf);

        /** The book is bound (or failed): every shelf of it is done. */
        void done(String book);

        /** Where a book's fonts are kept once made ({@link BookFonts}); until {@link #done(String)} for the book. */
        default BookFonts.Kept fonts(String book) {
            return BookFonts.Kept.NONE;
        }

        /** Told each time a source is copied into a book as bound before. */
        default void copied() {
        }
    }

    /** What a source's bound bytes depend on besides its base: the book it is in, its layout (by key) and the site its links name. */
    static String boundKey(String book, String layoutKey, String site) {
        return new dev.hubpress.core.content.Fingerprint(256).add(BOUND_FORMAT).add(book).add(layoutKey).add(site).sha256Hex();
    }

    /** Changed whenever what a bound source's key names changes meaning. */
    private static final String BOUND_FORMAT = "bound-source-1";

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
     * @param book     which book this is ("" the whole, else a section's id): a source's bound form is kept per book
     * @param kept     where bound sources are kept: a source laid out as before, at the same base,
     *                 linking to the same places, is copied from there instead of bound again
     * @param pages    the hub pages the parts hold, in reading order
     * @param changes  what the edition flags: change bars are drawn beside it ({@link ChangeBars})
     */
    static Bound assemble(Hub hub, Optional<Revision> edition, String identity, String title, Front front, int guess,
                          List<Laid> parts, Back back, String book, Kept kept, List<Page> pages, ChangedSections changes) {
        List<RenderedPart> laidParts = parts.stream().map(Laid::part).toList();
        List<Laid> pieces = layoutFront(front, laidParts, guess);
        int frontPages = pages(pieces);
        Map<String, String> numbers = numbers(laidParts, frontPages);
        Optional<RenderedPart> backMatter = back.layout(id -> numbers.getOrDefault(id, ""));
        RandomAccessStreamCache.StreamCacheCreateFunction temporaryFiles = IOUtils.createTempFileOnlyStreamCache();
        List<Laid> sources = new ArrayList<>(pieces.subList(1, pieces.size()));
        sources.addAll(parts);
        backMatter.ifPresent(matter -> sources.add(new Laid(matter, Optional.empty(), "")));
        String site = hub.config().baseUrl() + "/";
        List<Optional<String>> keys = sources.stream().map(s -> s.key().map(k -> boundKey(book, k, site))).toList();
        // What was bound before, looked up first: only the sources that have nothing kept are read ahead.
        // A section's book is one shelf: its front matter is small and changes with its one section.
        List<String> shelves = sources.stream().map(s -> book.isEmpty() ? s.shelf() : book).toList();
        BookFonts.Kept fonts = kept.fonts(book);
        // The book's kept fonts are read meanwhile, not at its end: each shelf is a round trip to the state bucket on AWS.
        List<Optional<BoundSource>> before = new ArrayList<>(Parallel.map(IntStream.rangeClosed(0, sources.size()).boxed().toList(),
                i -> {
                    if (i == sources.size()) {
                        fonts.read();
                        return Optional.<BoundSource>empty();
                    }
                    return keys.get(i).flatMap(key -> kept.get(book, shelves.get(i), key));
                }));
        before.remove(sources.size());
        List<Boolean> readAhead = before.stream().map(Optional::isEmpty).toList();
        Path file = null;
        try (PDDocument cover = WrittenPdf.read(pieces.get(0).part().pdf(), temporaryFiles)) {
            int backPages = backMatter.map(RenderedPart::pages).orElse(0);
            int total = frontPages + laidParts.stream().mapToInt(RenderedPart::pages).sum() + backPages;
            Map<String, Binding.Destination> anchors = destinations(frontPages, laidParts);
            if (backMatter.isPresent()) {
                int top = Math.round(cover.getPage(0).getMediaBox().getUpperRightY());
                anchors.put(ChangedSections.APPENDIX_ID, new Binding.Destination(total - backPages, top));
            }
            Links links = new Links(hub, site, anchors);
            // Written to a file and read back once: a growing buffer would hold the book two or three times over.
            file = Files.createTempFile("hubpress-book", ".pdf");
            // Opened to write, not to truncate (the file is new and empty): ext4 flushes a file truncated
            // to nothing to disk when it is closed, and this one is deleted once read back.
            HashedOutput hashed = new HashedOutput(Files.newOutputStream(file, StandardOpenOption.WRITE));
            try (OutputStream out = new BufferedOutputStream(hashed, 1 << 16)) {
                Binding binding = new Binding(cover, total, out, fonts);
                Footer footer = new Footer(cover, edition, total, binding, ChangeBars.of(pages, changes, anchors));
                // Front matter first (the book's own document), then each piece, part and the back matter, one
                // bound at a time (the next one read meanwhile) or copied as bound before.
                bind(binding, cover, null, 0, links, footer);
                int first = cover.getNumberOfPages();
                List<Supplier<byte[]>> pdfs = sources.stream().<Supplier<byte[]>>map(s -> s.part()::pdf).toList();
                try (BookSources next = new BookSources(pdfs, readAhead, temporaryFiles)) {
                    for (int i = 0; i < sources.size(); i++) {
                        if (i > 0 && !shelves.get(i).equals(shelves.get(i - 1))) {
                            // A shelf's sources are bound: kept now, so a first publish holds one section's bound bytes, not the book's.
                            kept.done(book, shelves.get(i - 1));
                        }
                        Optional<BoundSource> known = before.set(i, Optional.empty()); // held until its turn only
                        if (known.isPresent() && known.get().bound().base() == binding.nextBase() && links.resolveAsBefore(known.get().links())) {
                            binding.reuse(known.get().bound(), footer::footer);
                            kept.copied();
                            first += known.get().bound().pages();
                            continue;
                        }
                        BookSources.Source source = next.take(i);
                        try (PDDocument document = source.document()) {
                            if (document.getNumberOfPages() != sources.get(i).part().pages()) {
                                throw new IllegalStateException("a part laid out as " + sources.get(i).part().pages()
                                        + " pages has " + document.getNumberOfPages());
                            }
                            links.startSource();
                            Optional<Binding.Bound> bound = bind(binding, document, source.bytes(), first, links, footer);
                            first += document.getNumberOfPages();
                            if (keys.get(i).isPresent() && bound.isPresent()) {
                                kept.put(book, shelves.get(i), keys.get(i).get(), new BoundSource(bound.get(), links.sourceLinks()));
                            }
                        }
                    }
                }
                footer.finish();
                GuideRenderer.finish(cover, hub.config(), edition, title, identity);
                binding.finish(links.named());
            }
            return new Bound(FileBytes.read(file), total, frontPages, hashed.sha256Hex());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            kept.done(book);
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a temporary file left behind; the system's temporary folder is cleaned by others
                }
            }
        }
    }

    /** Binds one source: its links to pages of the book made named destinations, its footers stamped, its objects written. */
    private static Optional<Binding.Bound> bind(Binding binding, PDDocument source, byte[] file, int first, Links links,
                                                Footer footer) throws IOException {
        List<PDPage> pages = binding.open(source, file);
        links.link(pages);
        for (int i = 0; i < pages.size(); i++) {
            COSStream stamped = footer.stamp(pages.get(i), first + i);
            if (stamped != null) {
                binding.foot(i, stamped);
            }
        }
        return binding.write();
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
    private static List<Laid> layoutFront(Front front, List<RenderedPart> parts, int guess) {
        int frontPages = guess;
        for (int attempt = 0; attempt < 4; attempt++) {
            Map<String, String> numbers = numbers(parts, frontPages);
            List<Laid> laidOut = front.layout(id -> numbers.getOrDefault(id, ""));
            if (pages(laidOut) == frontPages) {
                return laidOut;
            }
            frontPages = pages(laidOut);
        }
        throw new IllegalStateException("the guide's contents do not settle on a page count");
    }

    private static int pages(List<Laid> pieces) {
        return pieces.stream().mapToInt(piece -> piece.part().pages()).sum();
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

    /** Where each anchor of the parts is printed in the book: its page (from 0) and height. */
    private static Map<String, Binding.Destination> destinations(int frontPages, List<RenderedPart> parts) {
        Map<String, Binding.Destination> destinations = new HashMap<>();
        int offset = frontPages;
        for (RenderedPart part : parts) {
            for (Map.Entry<String, RenderedPart.Anchor> e : part.anchors().entrySet()) {
                destinations.put(e.getKey(), new Binding.Destination(offset + e.getValue().page(), Math.round(e.getValue().top())));
            }
            offset += part.pages();
        }
        return destinations;
    }

    /**
     * The book's links to hub pages. Parts and contents write a link that leaves them as the page's
     * site URL; one that lands in this book becomes a link to a named destination (the anchor's id),
     * which the book's name tree resolves to where it is printed; one to a page the book does not
     * hold (a section's book) stays a link to the site. Records how each source's links went, so a
     * source bound before is reused only where they would go the same way now.
     */
    private static final class Links {
        private final Hub hub;
        private final String site;
        private final Map<String, Binding.Destination> anchors;
        /** The names the book's links use, and where they go. */
        private final Map<String, Binding.Destination> named = new TreeMap<>();
        /** The open source's links: path after the site's URL, named destination or "". */
        private Map<String, String> source = new TreeMap<>();

        Links(Hub hub, String site, Map<String, Binding.Destination> anchors) {
            this.hub = hub;
            this.site = site;
            this.anchors = anchors;
        }

        void startSource() {
            source = new TreeMap<>();
        }

        Map<String, String> sourceLinks() {
            return Map.copyOf(source);
        }

        Map<String, Binding.Destination> named() {
            return named;
        }

        /** The name a link to this path (after the site's URL) takes in this book, or "" when it stays a link to the site. */
        private String name(String path) {
            // "#id" names an anchor of the book itself (GuideDocument.bookAnchor)
            Optional<String> id = path.startsWith("#") ? Optional.of(path.substring(1))
                    : GuideDocument.internal(path, hub).map(GuideDocument.Target::id);
            return id.filter(anchors::containsKey).orElse("");
        }

        void link(List<PDPage> pages) throws IOException {
            for (PDPage page : pages) {
                for (PDAnnotation annotation : page.getAnnotations()) {
                    if (annotation instanceof PDAnnotationLink link && link.getAction() instanceof PDActionURI uri
                            && uri.getURI() != null && uri.getURI().startsWith(site)) {
                        String path = uri.getURI().substring(site.length());
                        String name = source.computeIfAbsent(path, this::name);
                        if (!name.isEmpty()) {
                            named.put(name, anchors.get(name));
                            PDActionGoTo goTo = new PDActionGoTo();
                            goTo.getCOSObject().setItem(COSName.D, new COSString(name));
                            // written in the annotation, as the parts write theirs (InPlaceDictionaries): one object fewer per link
                            goTo.getCOSObject().setDirect(true);
                            link.setAction(goTo);
                        }
                    }
                }
            }
        }

        /** Whether a source's links, as recorded when it was bound, go the same way in this book (then they are this book's too). */
        boolean resolveAsBefore(Map<String, String> links) {
            for (Map.Entry<String, String> e : links.entrySet()) {
                if (!name(e.getKey()).equals(e.getValue())) {
                    return false;
                }
            }
            links.values().stream().filter(name -> !name.isEmpty()).forEach(name -> named.put(name, anchors.get(name)));
            return true;
        }
    }

    /**
     * The footer of every page but the cover, marked as a pagination artifact (not part of the
     * structure tree). Its font is the book's of that face, the one the pages' text is in too
     * ({@link BookFonts}): its subset holds every glyph a footer draws.
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
        /** The footer's face, loaded only to encode and measure the footers: the pages name the book's font of it. */
        private final PDType0Font font;
        private final COSDictionary bookFont;
        private final Binding binding;
        /** The characters the footers drew. */
        private final java.util.BitSet drawn = new java.util.BitSet();
        private final int total;
        private final String named;
        /** "q": before each footed page's own content. */
        private final COSStream save;
        /** Where the footer's text is drawn first, with the font under the name the pages give it. */
        private final PDAppearanceStream scratch;
        private final java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.DEFAULT_COMPRESSION);
        /** Each character's width in the footer's font (a footer is made at a time: see {@link #width}). */
        private final GlyphWidths widths;
        /** The change bars, by page of the book: drawn with the page's footer, an artifact too. */
        private final Map<Integer, List<ChangeBars.Extent>> bars;

        Footer(PDDocument book, Optional<Revision> edition, int total, Binding binding,
               Map<Integer, List<ChangeBars.Extent>> bars) throws IOException {
            this.book = book;
            this.bars = bars;
            this.font = PDType0Font.load(book, new ByteArrayInputStream(GuideFonts.bytes(GuideFonts.footer())), true);
            this.bookFont = binding.font(GuideFonts.footer());
            this.binding = binding;
            this.widths = new GlyphWidths(font);
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
            binding.keep(save);
        }

        /**
         * Stamps the page at this index of the book (from 0; the cover, 0, has none): its contents
         * end with the footer, which is returned (null for the cover) to be written apart from the page.
         */
        COSStream stamp(PDPage page, int index) throws IOException {
            COSStream footer = footer(index, page.getMediaBox());
            if (footer == null) {
                return null;
            }
            COSDictionary resources = page.getResources().getCOSObject();
            COSDictionary fonts = resources.getCOSDictionary(COSName.FONT);
            if (fonts == null) {
                fonts = new COSDictionary();
                resources.setItem(COSName.FONT, fonts);
            }
            fonts.setItem(FONT, bookFont);
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
            return footer;
        }

        /** The footer of the page at this index of the book, of this size: "Page X of Y", and the edition; null for the cover. */
        COSStream footer(int index, PDRectangle box) throws IOException {
            if (index == 0) {
                return null;
            }
            String text = "Page " + (index + 1) + " of " + total + named;
            text.codePoints().forEach(drawn::set);
            float width = width(text) / 1000f * FOOTER_SIZE;
            ByteArrayOutputStream operators = new ByteArrayOutputStream(256);
            try (PDPageContentStream out = new PDPageContentStream(book, scratch, operators)) {
                out.beginText();
                out.setFont(font, FOOTER_SIZE);
                out.setNonStrokingColor(FOOTER_GREY, FOOTER_GREY, FOOTER_GREY);
                out.newLineAtOffset(box.getLowerLeftX() + (box.getWidth() - width) / 2f, box.getLowerLeftY() + FOOTER_BASELINE);
                out.showText(text);
                out.endText();
            }
            // Deflated here with one deflater for the book: PDFBox's filter makes a new one for each
            // stream, 2,000 of them for a 1,000-page book's footers.
            ByteArrayOutputStream plain = new ByteArrayOutputStream(BEGIN.length + operators.size() + END.length);
            plain.write(BEGIN);
            operators.writeTo(plain);
            plain.write(END);
            for (ChangeBars.Extent bar : bars.getOrDefault(index, List.of())) {
                float top = Math.min(bar.top(), box.getUpperRightY() - MARGIN_TOP_BOTTOM);
                float bottom = Math.max(bar.bottom(), box.getLowerLeftY() + MARGIN_TOP_BOTTOM);
                float left = box.getLowerLeftX() + MARGIN_SIDE - BAR_GAP - BAR_WIDTH;
                plain.write(("/Artifact <</Type /Layout>> BDC\n" + BAR_COLOUR + number(left) + " " + number(bottom) + " "
                        + number(BAR_WIDTH) + " " + number(top - bottom) + " re f\nEMC\n").getBytes(StandardCharsets.US_ASCII));
            }
            deflater.reset();
            deflater.setInput(plain.toByteArray());
            deflater.finish();
            ByteArrayOutputStream deflated = new ByteArrayOutputStream(256);
            byte[] chunk = new byte[512];
            while (!deflater.finished()) {
                deflated.write(chunk, 0, deflater.deflate(chunk));
            }
            COSStream footer = book.getDocument().createCOSStream();
            try (OutputStream out = footer.createRawOutputStream()) {
                deflated.writeTo(out);
            }
            footer.setItem(COSName.FILTER, COSName.FLATE_DECODE);
            return footer;
        }

        /**
         * What {@code font.getStringWidth(text)} gives, from each character's width taken once: that
         * method encodes the text and reads every code back through the font's CMap, a third of a
         * footer's time, and the footers use a score of characters on every page of the book.
         */
        private float width(String text) throws IOException {
            float width = widths.sum(text);
            // a character the footer's font lacks: PDFBox's own measure, and its error
            return Float.isNaN(width) ? font.getStringWidth(text) : width;
        }

        /** A coordinate as the bars are written: two decimals, whatever the locale. */
        private static String number(float value) {
            return String.format(java.util.Locale.ROOT, "%.2f", value);
        }

        /** After the last footer: the glyphs the footers drew, for the book's font of the face to hold. */
        void finish() throws IOException {
            deflater.end();
            java.util.BitSet glyphs = new java.util.BitSet();
            for (int c = drawn.nextSetBit(0); c >= 0; c = drawn.nextSetBit(c + 1)) {
                // Identity-H: each character is a two-byte code, the face's own glyph id.
                byte[] code = font.encode(Character.toString(c));
                glyphs.set((code[0] & 0xFF) << 8 | (code[1] & 0xFF));
            }
            binding.draws(GuideFonts.footer(), glyphs);
        }
    }
}
