package dev.hubpress.guide;

import dev.hubpress.core.markdown.HtmlText;
import com.openhtmltopdf.pdfboxout.PagePosition;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfBoxTextRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.util.XRLog;
import dev.hubpress.core.cache.CachedEntries;
import dev.hubpress.core.cache.CodeVersion;
import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.port.RenderCache;
import dev.hubpress.core.work.Parallel;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.HubConfig;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.ChannelRenderer;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.channel.GuideInfo;
import dev.hubpress.core.revision.Revision;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.w3c.dom.Document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.logging.Level;
import java.util.regex.Pattern;

/**
 * The PDF career guide channel: the whole hub as one book-like, tagged (PDF/UA-1) PDF per
 * revision, laid out by openhtmltopdf on Apache PDFBox from one XHTML document
 * ({@link GuideDocument}), then finished with PDFBox: metadata and XMP dated by the revision,
 * and a document id derived from the revision, so one revision always gives the same bytes.
 *
 * <p>Publishes {@code guide/<slug-of-hub-title>.pdf} (the stable "latest" URL, short cache) and
 * {@code guide/r<seq>.pdf} (this revision's permanent URL, immutable). Per-revision files are
 * {@linkplain #retains retained}: a later revision never deletes them.
 */
public final class GuideRenderer implements ChannelRenderer {

    static final String CONTENT_TYPE = "application/pdf";
    static final String PRODUCER = "hubpress guide (openhtmltopdf, Apache PDFBox)";
    private static final Pattern PER_REVISION = Pattern.compile("guide/r[0-9]+\\.pdf");
    /** Bidi splitting, Arabic shaping and right-to-left reordering for the layout engine; stateless. */
    private static final GuideBidi BIDI = new GuideBidi();
    /** The ids of a part's chapters and of every element in them: the targets of contents entries and links. */
    private static final Pattern ANCHORS = Pattern.compile("p-.+");
    private static final DateTimeFormatter XMP_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /** PDDocument's own font subsetting (private in PDFBox 3.0.7), looked up once. */
    private static final java.lang.reflect.Method SUBSET_FONTS = subsetFonts();

    private static java.lang.reflect.Method subsetFonts() {
        try {
            java.lang.reflect.Method subset = PDDocument.class.getDeclaredMethod("subsetDesignatedFonts");
            subset.setAccessible(true);
            return subset;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("PDFBox no longer subsets fonts as GuideRenderer expects", e);
        }
    }

    private final MarkdownEngine markdown;
    private final RenderCache cache;
    /** The version of the code laying parts out; empty when built without one (then parts are kept in memory only). */
    private final Optional<String> version = CodeVersion.of("core", "channel-guide");
    /** The last render's parts by key, for the next render in this process. */
    private volatile Map<String, RenderedPart> kept = Map.of();
    /** How many parts were laid out (not reused) so far. */
    private final AtomicLong laidOut = new AtomicLong();
    /** The last render's section books, by section. */
    private volatile Map<String, KeptBook> keptBooks = Map.of();
    /** How many pages each book's front matter took last time (by section; "" for the whole book): the next guess. */
    private final Map<String, Integer> frontPages = new java.util.concurrent.ConcurrentHashMap<>();
    /** The sources the last render bound, for the next: an edit binds again only the parts it changed. */
    private final KeptSources boundSources;
    /** How many books were assembled so far, and front matters laid out: what tests count an edit's work by. */
    private final AtomicLong assembled = new AtomicLong();
    private final AtomicLong frontLayouts = new AtomicLong();
    /** How many pieces of front matter were laid out (not reused) so far. */
    private final AtomicLong piecesLaidOut = new AtomicLong();
    /**
     * How many pages each book this renderer bound has, by its very array (arrays hash by
     * identity; held weakly): {@link #facts} would otherwise parse a 20 MB book to count them.
     */
    private final Map<byte[], Integer> pageCounts = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
    /**
     * The SHA-256 of each book this renderer bound (taken as it was written) or took from the
     * render cache, by its array (held weakly): kept beside the book, so that seven unchanged books
     * of a 1,000-page hub (29 MB) are not hashed again to be published, nor the whole book after it
     * is written.
     */
    private final Map<byte[], String> digests = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
    /** How many books {@link #facts} had to read back to count their pages (none kept that count). */
    private final AtomicLong booksRead = new AtomicLong();
    /** Contents of more entries than this are laid out in pieces ({@link GuideDocument#CONTENTS_PIECES_FROM}). */
    private final int piecesFrom;

    public GuideRenderer(MarkdownEngine markdown) {
        this(markdown, RenderCache.NONE);
    }

    /** A renderer that keeps laid-out parts in this cache for the next process (the state folder or bucket). */
    public GuideRenderer(MarkdownEngine markdown, RenderCache cache) {
        this(markdown, cache, GuideDocument.CONTENTS_PIECES_FROM);
    }

    /** A renderer that lays contents of more than {@code piecesFrom} entries out in pieces: tests cut a small hub's. */
    GuideRenderer(MarkdownEngine markdown, RenderCache cache, int piecesFrom) {
        this.markdown = markdown;
        this.cache = cache;
        this.piecesFrom = piecesFrom;
        this.boundSources = new KeptSources(cache, version);
        quietLayoutLog();
    }

    /**
     * openhtmltopdf logs every font load and every PDF/UA note at INFO through java.util.logging,
     * hundreds of lines per guide on the command line and in Lambda logs. Only its warnings and
     * errors are worth an operator's attention.
     */
    private static void quietLayoutLog() {
        for (String logger : XRLog.listRegisteredLoggers()) {
            XRLog.setLevel(logger, Level.WARNING);
        }
    }

    @Override
    public List<Artifact> render(Edition edition) {
        // Stamped with the revision its content is from: a rollback to rN republishes rN's guide, byte for byte.
        Revision content = edition.content();
        Books books = books(edition.hub(), content, new Sandbox());
        List<Artifact> artifacts = new ArrayList<>();
        artifacts.add(book(GuideInfo.latestKey(edition.hub().config()), books.whole(), Artifact.CachePolicy.SHORT));
        artifacts.add(book(GuideInfo.revisionKey(content), books.whole(), Artifact.CachePolicy.IMMUTABLE));
        books.sections().forEach((section, pdf) -> artifacts.add(book(GuideInfo.sectionKey(section), pdf, Artifact.CachePolicy.SHORT)));
        return List.copyOf(artifacts);
    }

    /** A book to publish, with its SHA-256 when it was taken as the book was written or kept. */
    private Artifact book(String key, byte[] pdf, Artifact.CachePolicy cache) {
        String digest = digests.get(pdf);
        return digest == null ? new Artifact(key, pdf, CONTENT_TYPE, cache) : Artifact.withDigest(key, pdf, CONTENT_TYPE, cache, digest);
    }

    /** The whole book, and one book per section (by section id, in reading order). */
    record Books(byte[] whole, Map<String, byte[]> sections) {
    }

    /**
     * Lays out the parts that changed (in parallel), then assembles the whole book and each
     * section's book that changed. A section's book names no edition (no revision, no change
     * flags): it is a function of its own pages, the hub's settings and the code, so one whose
     * parts did not change is the book already made, kept (in memory and in the cache) and
     * published again byte for byte, not assembled again.
     */
    Books books(Hub hub, Revision revision, Sandbox sandbox) {
        Paper paper = Paper.of(GuideChannel.PAPER.of(hub.config()));
        List<List<Page>> plan = GuideParts.plan(hub.pages());
        String code = version.orElse("unversioned");
        String fonts = GuideFonts.digest();
        ChangedSections changes = ChangedSections.of(revision);
        ChangedSections none = ChangedSections.none();
        // A part is laid out the same whatever the edition flags (the change bars are drawn when the
        // book is bound): the whole book and its section's share it.
        // On every core: a key hashes its pages' Markdown (44 MB at 10,000 pages, 0.37 s on one core).
        List<String> keys = Parallel.map(plan, pages -> GuideParts.key(hub, pages, paper, code, fonts));
        Map<String, RenderedPart> before = kept;
        Map<String, RenderedPart> now = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, List<Integer>> bySection = new LinkedHashMap<>();
        for (int i = 0; i < plan.size(); i++) {
            bySection.computeIfAbsent(plan.get(i).get(0).section(), s -> new ArrayList<>()).add(i);
        }
        Map<String, String> bookKeys = new LinkedHashMap<>();
        bySection.forEach((section, indexes) ->
                bookKeys.put(section, GuideParts.bookKey(hub, section, paper, code, indexes.stream().map(keys::get).toList())));
        Map<String, KeptBook> keptBefore = keptBooks;
        // A section's parts are one object of the render cache (a shelf): a fresh process (a cold
        // Lambda) reads one per section, not one per part, and only for a section with a part it
        // does not hold from its last render.
        Map<String, Shelf<RenderedPart>> shelves = new java.util.concurrent.ConcurrentHashMap<>();
        List<RenderedPart> parts;
        try {
            parts = Parallel.map(IntStream.range(0, plan.size()).boxed().toList(), i -> {
                String key = keys.get(i);
                Shelf<RenderedPart> shelf = shelves.computeIfAbsent(plan.get(i).get(0).section(),
                        s -> new Shelf<>(cache, partsName(s), version, RenderedPart.CODEC));
                RenderedPart part = shelf.get(key, before.get(key), () -> {
                    laidOut.incrementAndGet();
                    return layout(GuideDocument.part(markdown, hub, plan.get(i), paper), sandbox);
                });
                now.put(key, part);
                return part;
            });
        } finally {
            shelves.values().forEach(Shelf::close);
        }
        // A piece of front matter is a function of its XHTML (and the code and fonts laying it out),
        // kept on its book's shelf.
        BiFunction<Shelf<RenderedPart>, String, GuideBook.Laid> pieces = (shelf, xhtml) -> {
            String key = GuideParts.pieceKey(xhtml, code, fonts);
            RenderedPart piece = shelf.get(key, before.get(key), () -> {
                piecesLaidOut.incrementAndGet();
                return layout(GuideDocument.parse(xhtml), sandbox);
            });
            now.put(key, piece);
            return GuideBook.Laid.of(key, "", piece);
        };
        List<GuideBook.Laid> keyedParts = IntStream.range(0, plan.size())
                .mapToObj(i -> GuideBook.Laid.of(keys.get(i), plan.get(i).get(0).section(), parts.get(i))).toList();

        List<String> sections = List.copyOf(bySection.keySet());
        List<Optional<String>> books = new ArrayList<>();
        books.add(Optional.empty());
        sections.forEach(s -> books.add(Optional.of(s)));
        Map<String, KeptBook> keptNow = new java.util.concurrent.ConcurrentHashMap<>();
        // The whole book, the longest to make, starts at once; the sections' books fill the other cores around it.
        List<byte[]> pdfs = Parallel.map(books, section -> {
            List<Integer> indexes = section.map(bySection::get).orElseGet(() -> IntStream.range(0, plan.size()).boxed().toList());
            List<Page> pages = indexes.stream().flatMap(i -> plan.get(i).stream()).toList();
            GuideDocument.Cover cover = section.map(s -> GuideDocument.Cover.of(hub, s)).orElseGet(() -> GuideDocument.Cover.of(hub));
            if (section.isEmpty()) {
                // The whole book names its edition: flags, appendix, revision in the footer.
                return bind("", hub, Optional.of(revision), revision.hub() + "\n" + revision.seq() + "\n" + revision.treeHash(),
                        cover, pages, changes, keyedParts, true, paper, sandbox, pieces);
            }
            String book = section.get();
            String key = bookKeys.get(book);
            byte[] pdf = sectionBook(book, key, keptBefore, () -> {
                List<GuideBook.Laid> own = indexes.stream().map(keyedParts::get).toList();
                return bind(book, hub, Optional.empty(), key, cover, pages, none, own, false, paper, sandbox, pieces);
            });
            keptNow.put(book, new KeptBook(key, pdf));
            return pdf;
        });
        kept = Map.copyOf(now);
        keptBooks = Map.copyOf(keptNow);
        Map<String, byte[]> bySectionPdf = new LinkedHashMap<>();
        for (int i = 0; i < sections.size(); i++) {
            bySectionPdf.put(sections.get(i), pdfs.get(i + 1));
        }
        return new Books(pdfs.get(0), bySectionPdf);
    }

    /** A section's book as the last render made it. */
    private record KeptBook(String key, byte[] pdf) {
    }

    /** A section's book kept by the last render, else kept in the cache (checked), else assembled now and kept there. */
    private byte[] sectionBook(String section, String key, Map<String, KeptBook> before, Supplier<byte[]> assemble) {
        KeptBook known = before.get(section);
        if (known != null && known.key().equals(key)) {
            return known.pdf();
        }
        CachedEntries<CountedBook> stored = new CachedEntries<>(cache, bookName(section), version, COUNTED);
        CountedBook book = stored.get(key, () -> {
            byte[] pdf = assemble.get();
            String digest = digests.get(pdf);
            return new CountedBook(pdf, pages(pdf), digest != null ? digest : Hashing.sha256Hex(pdf));
        });
        stored.endRound();
        // Known now, so the site's facts need not read the book again to count its pages (0.9 s for
        // a 1,000-page hub's eight section books).
        pageCounts.put(book.pdf(), book.pages());
        digests.put(book.pdf(), book.sha256());
        return book.pdf();
    }

    /** A section's book as the render cache keeps it: its bytes, how many pages it has and their SHA-256. */
    private record CountedBook(byte[] pdf, int pages, String sha256) {
    }

    /** The cache name of a section's book: one object per section, holding its latest book. */
    static String bookName(String section) {
        return "guide-book-" + Hashing.sha256Hex(section).substring(0, 53);
    }

    /** A section's book in the render cache: its page count, its SHA-256, then its bytes. */
    private static final CachedEntries.Codec<CountedBook> COUNTED = new CachedEntries.Codec<>() {
        @Override
        public void write(java.io.DataOutputStream out, CountedBook value) throws IOException {
            out.writeInt(value.pages());
            out.writeUTF(value.sha256());
            out.writeInt(value.pdf().length);
            out.write(value.pdf());
        }

        @Override
        public CountedBook read(java.io.DataInputStream in) throws IOException {
            int pages = in.readInt();
            String sha256 = in.readUTF();
            int length = in.readInt();
            if (pages < 1 || !Hashing.isSha256Hex(sha256) || length < 0 || length > in.available()) {
                throw new IOException("a book of " + pages + " pages and " + length + " bytes where " + in.available() + " are left");
            }
            byte[] pdf = new byte[length];
            in.readFully(pdf);
            return new CountedBook(pdf, pages, sha256);
        }
    };

    /**
     * Lays out a book's front matter (guessing its length from the last time; each piece of it
     * reused when its text is one already laid out) and binds it to its parts.
     */
    private byte[] bind(String book, Hub hub, Optional<Revision> edition, String identity, GuideDocument.Cover cover, List<Page> pages,
                        ChangedSections changes, List<GuideBook.Laid> parts, boolean appendix, Paper paper, Sandbox sandbox,
                        BiFunction<Shelf<RenderedPart>, String, GuideBook.Laid> pieces) {
        assembled.incrementAndGet();
        Shelf<RenderedPart> front = new Shelf<>(cache, contentsName(book), version, RenderedPart.CODEC);
        GuideBook.Bound bound;
        try {
            bound = GuideBook.assemble(hub, edition, identity, cover.title(),
                    pageOf -> {
                        frontLayouts.incrementAndGet();
                        return Parallel.map(GuideDocument.frontPieces(hub, edition, paper, cover, pages, changes, appendix, pageOf,
                                GuideDocument.listsSections(pages), piecesFrom), xhtml -> pieces.apply(front, xhtml));
                    },
                    frontPages.computeIfAbsent(book, b -> keptFrontPages(b).orElse(GuideBook.frontGuess(pages, paper, piecesFrom))),
                    parts,
                    pageOf -> appendix ? GuideDocument.back(hub, edition.orElseThrow(), paper, changes, pageOf).map(d -> layout(d, sandbox)) : Optional.empty(),
                    book, boundSources, pages, changes);
        } finally {
            front.close();
        }
        Integer before = frontPages.put(book, bound.frontPages());
        if (before == null || before != bound.frontPages()) {
            try {
                cache.put(frontName(book), Integer.toString(bound.frontPages()).getBytes(StandardCharsets.US_ASCII));
            } catch (RuntimeException e) {
                // a guess lost: the next process estimates again
            }
        }
        pageCounts.put(bound.pdf(), bound.pages());
        digests.put(bound.pdf(), bound.sha256());
        return bound.pdf();
    }

    /**
     * How many pages a book's front matter took in the last process, kept in the render cache: a
     * fresh process's estimate is often one page out, and a wrong guess lays out the contents twice
     * (4 s each at 1,000 pages). Only a guess, so any value read back that is not a small number is
     * no guess, and a stale one costs that one more layout.
     */
    private Optional<Integer> keptFrontPages(String book) {
        try {
            return cache.get(frontName(book)).map(b -> new String(b, StandardCharsets.US_ASCII))
                    .filter(text -> text.matches("[1-9][0-9]{0,4}")).map(Integer::valueOf);
        } catch (RuntimeException e) {
            return Optional.empty(); // a store that fails has nothing
        }
    }

    /** The cache name of a book's front matter length ("" is the whole book, else a section's). */
    static String frontName(String book) {
        return "guide-front-" + Hashing.sha256Hex(book).substring(0, 52);
    }

    /** How many sources of books were copied as bound before (not bound again) so far. */
    long sourcesCopied() {
        return boundSources.copies();
    }

    /** How many fonts of books were made (not found kept from before) so far. */
    long fontsMade() {
        return boundSources.fontsMade();
    }

    /** How many books were assembled (not kept from before) so far. */
    long assembled() {
        return assembled.get();
    }

    /** How many times a front matter was laid out so far. */
    long frontLayouts() {
        return frontLayouts.get();
    }

    /** The cache name of a book's shelf of front matter ("" is the whole book, else a section's). */
    static String contentsName(String book) {
        return "guide-contents-" + Hashing.sha256Hex(book).substring(0, 49);
    }

    /** How many pieces of front matter were laid out (not reused from memory or the cache) so far. */
    long piecesLaidOut() {
        return piecesLaidOut.get();
    }

    /** The cache name of a section's shelf of parts. */
    static String partsName(String section) {
        return "guide-part-" + Hashing.sha256Hex(section).substring(0, 53);
    }

    /** How many parts were laid out (not reused from memory or the cache) so far. */
    long laidOut() {
        return laidOut.get();
    }

    /** Per-revision PDFs are permanent URLs: publishing a later revision never deletes them. */
    @Override
    public boolean retains(String key) {
        return PER_REVISION.matcher(key).matches();
    }

    /** The latest PDF's path, size and page count, and each section's, for the site's download links. */
    @Override
    public Map<String, String> facts(List<Artifact> rendered) {
        Artifact latest = rendered.stream().filter(a -> a.cache() == Artifact.CachePolicy.SHORT && !a.key().startsWith(GuideInfo.SECTIONS))
                .findFirst().orElse(null);
        Artifact revision = rendered.stream().filter(a -> retains(a.key())).findFirst().orElse(null);
        if (latest == null || revision == null) {
            return Map.of();
        }
        List<GuideInfo.SectionPdf> sections = new ArrayList<>();
        for (Artifact a : rendered) {
            GuideInfo.sectionOf(a.key()).ifPresent(section -> sections.add(new GuideInfo.SectionPdf(section, a.key(), a.size(), pages(a.bytes()))));
        }
        return new GuideInfo(latest.key(), revision.key(), latest.size(), pages(latest.bytes()), sections).facts();
    }

    /**
     * A book's page count: known when this renderer bound it or took it from the render cache (which
     * keeps the count beside the book), else read from the PDF.
     */
    private int pages(byte[] pdf) {
        Integer known = pageCounts.get(pdf);
        if (known != null) {
            return known;
        }
        booksRead.incrementAndGet();
        return read(pdf);
    }

    /** How many books were read back to count their pages so far. */
    long booksRead() {
        return booksRead.get();
    }

    private static int read(byte[] pdf) {
        try (PDDocument document = WrittenPdf.read(pdf)) {
            return document.getNumberOfPages();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders the whole book; the sandbox records every URI the engine asked for (and refused). */
    byte[] pdf(Hub hub, Revision revision, Sandbox sandbox) {
        return books(hub, revision, sandbox).whole();
    }

    /** Lays out an XHTML document and finishes it; used by tests with hand-made documents. */
    static byte[] pdf(Document document, HubConfig config, Revision revision, Sandbox sandbox) {
        try (PDDocument into = new PDDocument(); PdfBoxRenderer renderer = renderer(document, sandbox, into, new MeasuredText())) {
            renderer.layout();
            renderer.createPDFWithoutClosing();
            PDDocument pdf = renderer.getPdfDocument();
            lean(pdf);
            finish(pdf, config, revision, config.title());
            return save(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What every laid-out document goes through before it is kept: the engine's plain Spans folded
     * and its small dictionaries written in place (docs/guide.md, "How it is made").
     */
    private static void lean(PDDocument pdf) {
        PlainSpans.fold(pdf);
        InPlaceDictionaries.inline(pdf);
    }

    /**
     * Lays out a part (or a book's front or back matter), and notes where each of its anchors
     * landed. What the engine stamps from the clock (the info dictionary but its keywords, XMP) is
     * dropped, and the id fixed, so a part is a pure function of its key: the book gets its
     * metadata when it is assembled.
     */
    static RenderedPart layout(Document document, Sandbox sandbox) {
        return layout(document, sandbox, new MeasuredText());
    }

    /** {@link #layout(Document, Sandbox)} with this measure of text: tests compare ours with the engine's own. */
    static RenderedPart layout(Document document, Sandbox sandbox, PdfBoxTextRenderer measure) {
        return layout(document, sandbox, measure, true);
    }

    /**
     * {@link #layout(Document, Sandbox, PdfBoxTextRenderer)}, the tagged catalog set by {@link TaggedCatalog}
     * (or, false, by the engine with its XMP packet): tests compare the two.
     */
    static RenderedPart layout(Document document, Sandbox sandbox, PdfBoxTextRenderer measure, boolean ownCatalog) {
        try (PDDocument into = new PDDocument(); PdfBoxRenderer renderer = renderer(document, sandbox, into, measure, ownCatalog)) {
            renderer.layout();
            renderer.createPDFWithoutClosing();
            PDDocument pdf = renderer.getPdfDocument();
            lean(pdf);
            Map<String, RenderedPart.Anchor> anchors = new TreeMap<>();
            Map<String, RenderedPart.Anchor> starts = new TreeMap<>();
            java.util.Set<String> chapters = GuideDocument.chapterIds(document);
            for (PagePosition<?> position : renderer.findPagePositionsByID(ANCHORS)) {
                String id = position.getId();
                float top = position.getY() + position.getHeight();
                if (id.endsWith(GuideDocument.CHAPTER_START)) {
                    starts.put(id.substring(0, id.length() - GuideDocument.CHAPTER_START.length()), new RenderedPart.Anchor(position.getPageNo(), top));
                } else if (chapters.contains(id)) {
                    // A box that spans pages is placed on the page where it ends, at its bottom: where the chapter ends.
                    anchors.put(id + GuideDocument.CHAPTER_END, new RenderedPart.Anchor(position.getPageNo(), position.getY()));
                } else {
                    anchors.putIfAbsent(id, new RenderedPart.Anchor(position.getPageNo(), top));
                }
            }
            // A chapter is where its title is printed (its own box would name the page where it ends).
            anchors.putAll(starts);
            // Only the keywords are kept (the document's own, never the clock's): the book's metadata takes them from its front matter.
            PDDocumentInformation info = new PDDocumentInformation();
            info.setKeywords(pdf.getDocumentInformation().getKeywords());
            pdf.setDocumentInformation(info);
            pdf.getDocumentCatalog().setMetadata(null);
            COSArray ids = new COSArray();
            ids.add(new COSString(new byte[16]));
            ids.add(new COSString(new byte[16]));
            pdf.getDocument().getTrailer().setItem(COSName.ID, ids);
            return RenderedPart.laidOut(intermediate(pdf), pdf.getNumberOfPages(), anchors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A layout of the document into {@code into}, a new document of ours: the fonts are loaded into it from this thread's parses. */
    /** What the document's charts draw as text (their {@code <text>} elements, not their stylesheets); null without a chart. */
    static String chartText(Document document) {
        if (document.getElementsByTagNameNS(GuideDocument.SVG, "svg").getLength() == 0) {
            return null;
        }
        org.w3c.dom.NodeList texts = document.getElementsByTagNameNS(GuideDocument.SVG, "text");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < texts.getLength(); i++) {
            text.append(texts.item(i).getTextContent()).append(' ');
        }
        return text.toString();
    }

    /** The engine for one layout, measuring text with {@code measure} (every layout remembers its widths: {@link MeasuredText}). */
    private static PdfBoxRenderer renderer(Document document, Sandbox sandbox, PDDocument into, PdfBoxTextRenderer measure) {
        return renderer(document, sandbox, into, measure, true);
    }

    private static PdfBoxRenderer renderer(Document document, Sandbox sandbox, PDDocument into, PdfBoxTextRenderer measure,
                                           boolean ownCatalog) {
        PdfBoxRenderer renderer = builder(document, sandbox, into).buildPdfRenderer();
        renderer.getSharedContext().setTextRenderer(measure);
        if (ownCatalog) {
            TaggedCatalog.takeOver(renderer, document, into);
        }
        return renderer;
    }

    private static PdfRendererBuilder builder(Document document, Sandbox sandbox, PDDocument into) {
        PdfRendererBuilder builder = new PdfRendererBuilder();
        sandbox.install(builder);
        builder.usePDDocument(into);
        // The chart's drawer and its fonts only where there is a chart: registering a face for SVG
        // makes the drawer hash the font file on every layout (openhtmltopdf's FontCache), which
        // was a quarter of a small hub's one-page edit.
        String chartText = chartText(document);
        boolean chart = chartText != null;
        GuideFonts.register(builder, into, chartText);
        builder.useUnicodeBidiSplitter(BIDI);
        builder.useUnicodeBidiReorderer(BIDI);
        if (chart) {
            builder.useSVGDrawer(new BatikSVGDrawer(BatikSVGDrawer.SvgScriptMode.SECURE, BatikSVGDrawer.SvgExternalResourceMode.SECURE));
        }
        builder.usePdfUaAccessibility(true);
        builder.withProducer(PRODUCER);
        builder.withW3cDocument(document, "about:blank");
        return builder;
    }

    /**
     * A file only the binding reads: written by BookWriter with its objects at their offsets (PDFBox's
     * own writer is quadratic in a long structure tree's objects: half the work of laying out a
     * 1,000-page book's contents), after subsetting its fonts as PDDocument.save would. That step
     * is PDFBox's own and not public (PDFBox 3.0.7), hence the reflection: if a later PDFBox
     * renames it, the guide's font tests fail (fonts embedded whole or not at all).
     */
    private static byte[] intermediate(PDDocument pdf) throws IOException {
        try {
            SUBSET_FONTS.invoke(pdf);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("PDFBox did not subset the fonts as GuideRenderer expects", e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        BookWriter.write(pdf, BookWriter.Packing.OFFSETS, out);
        return out.toByteArray();
    }

    private static byte[] save(PDDocument pdf) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        pdf.save(out);
        return out.toByteArray();
    }

    /**
     * Metadata from the hub and the revision, never from the clock: the info dictionary, the XMP
     * packet (which must agree with it) and the trailer /ID, a hash of the revision's tree.
     */
    static void finish(PDDocument pdf, HubConfig config, Revision revision, String title) {
        finish(pdf, config, Optional.of(revision), title, revision.hub() + "\n" + revision.seq() + "\n" + revision.treeHash());
    }

    /**
     * Metadata from the hub and, for a book that names its edition, the revision; never from the
     * clock. A book that names no edition (a section's) has no dates and no version. The trailer
     * /ID is a hash of {@code identity} (what the book is made from).
     */
    static void finish(PDDocument pdf, HubConfig config, Optional<Revision> edition, String title, String identity) {
        String keywords = pdf.getDocumentInformation().getKeywords();
        PDDocumentInformation info = new PDDocumentInformation();
        info.setTitle(title);
        info.setAuthor(config.author());
        info.setSubject(config.subtitle());
        info.setKeywords(keywords == null ? "" : keywords);
        info.setCreator(creator(edition));
        info.setProducer(PRODUCER);
        edition.ifPresent(revision -> {
            info.setCreationDate(calendar(revision.createdAt()));
            info.setModificationDate(calendar(revision.createdAt()));
        });
        pdf.setDocumentInformation(info);
        pdf.getDocumentCatalog().setLanguage(config.language());
        try {
            PDMetadata metadata = new PDMetadata(pdf);
            metadata.importXMPMetadata(xmp(config, edition, title, info.getKeywords()).getBytes(StandardCharsets.UTF_8));
            pdf.getDocumentCatalog().setMetadata(metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] id = HexFormat.of().parseHex(Hashing.sha256Hex(identity.getBytes(StandardCharsets.UTF_8)).substring(0, 32));
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        pdf.getDocument().getTrailer().setItem(COSName.ID, ids);
    }

    private static String creator(Optional<Revision> edition) {
        return edition.map(revision -> "hubpress " + revision.id()).orElse("hubpress");
    }

    private static Calendar calendar(Instant instant) {
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
        calendar.setTimeInMillis(instant.toEpochMilli() / 1000 * 1000);
        return calendar;
    }

    private static String xmp(HubConfig config, Optional<Revision> edition, String title, String keywords) {
        String lang = HtmlText.escape(config.language());
        return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                + "<rdf:Description rdf:about=\"\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
                + " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\""
                + " xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\""
                + " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\""
                + " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
                + "<dc:format>application/pdf</dc:format>\n"
                + "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + HtmlText.escape(title) + "</rdf:li></rdf:Alt></dc:title>\n"
                + "<dc:creator><rdf:Seq><rdf:li>" + HtmlText.escape(config.author()) + "</rdf:li></rdf:Seq></dc:creator>\n"
                + "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + HtmlText.escape(config.subtitle())
                + "</rdf:li></rdf:Alt></dc:description>\n"
                + "<dc:language><rdf:Bag><rdf:li>" + lang + "</rdf:li></rdf:Bag></dc:language>\n"
                + edition.map(revision -> {
                    String date = XMP_DATE.format(revision.createdAt());
                    return "<xmp:CreateDate>" + date + "</xmp:CreateDate>\n"
                            + "<xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n"
                            + "<xmp:MetadataDate>" + date + "</xmp:MetadataDate>\n"
                            // The edition this copy is: the revision, dated by the dates above (CreateDate = the revision's).
                            + "<xmpMM:VersionID>" + revision.id() + "</xmpMM:VersionID>\n";
                }).orElse("")
                + "<xmp:CreatorTool>" + creator(edition) + "</xmp:CreatorTool>\n"
                + "<pdf:Producer>" + HtmlText.escape(PRODUCER) + "</pdf:Producer>\n"
                + "<pdf:Keywords>" + HtmlText.escape(keywords) + "</pdf:Keywords>\n"
                + "<pdfuaid:part>1</pdfuaid:part>\n"
                + "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
    }
}
