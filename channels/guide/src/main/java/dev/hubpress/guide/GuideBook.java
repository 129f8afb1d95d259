package dev.hubpress.guide;

import dev.hubpress.core.model.Hub;
import dev.hubpress.core.revision.Revision;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessStreamCache;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionGoTo;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageXYZDestination;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A book assembled with PDFBox from its front matter and its laid-out parts: the parts' pages,
 * bookmarks and structure trees appended in order under the front matter's (one structure tree,
 * one outline), links to hub pages the book holds turned into links to where they are printed,
 * and the footer "Page X of Y · revision rN · date" stamped on every page but the cover as a pagination
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

    /** How the front matter is laid out, given the page number of each anchor (empty when unknown). */
    interface Front {
        byte[] layout(Function<String, String> pageOf);
    }

    /** How the back matter (the appendix) is laid out, given the page number of each anchor; empty when the book has none. */
    interface Back {
        Optional<byte[]> layout(Function<String, String> pageOf);
    }

    /**
     * The book's bytes.
     *
     * @param front lays out the cover and contents
     * @param parts the parts in reading order
     * @param title the book's title, for its metadata
     * @param back  lays out the appendix, after the parts
     */
    static byte[] assemble(Hub hub, Revision revision, String title, Front front, List<RenderedPart> parts, Back back) {
        byte[] frontPdf = layoutFront(front, parts);
        Map<String, String> numbers = numbers(parts, pageCount(frontPdf));
        Optional<byte[]> backPdf = back.layout(id -> numbers.getOrDefault(id, ""));
        RandomAccessStreamCache.StreamCacheCreateFunction temporaryFiles = IOUtils.createTempFileOnlyStreamCache();
        List<PDDocument> open = new ArrayList<>();
        try (PDDocument book = Loader.loadPDF(frontPdf, "", null, null, temporaryFiles)) {
            int frontPages = book.getNumberOfPages();
            Binding binding = new Binding(book);
            List<byte[]> sources = new ArrayList<>(parts.stream().map(RenderedPart::pdf).toList());
            backPdf.ifPresent(sources::add);
            int backPage = frontPages + parts.stream().mapToInt(RenderedPart::pages).sum();
            for (byte[] pdf : sources) {
                // A source stays open until the book is saved: the book holds its pages, not copies.
                PDDocument source = Loader.loadPDF(pdf, "", null, null, temporaryFiles);
                open.add(source);
                binding.append(source);
            }
            binding.finish();
            Map<String, PDPageXYZDestination> destinations = destinations(book, frontPages, parts);
            if (backPdf.isPresent()) {
                destinations.put(ChangedSections.APPENDIX_ID, top(book.getPage(backPage)));
            }
            link(book, hub, destinations);
            stamp(book, revision);
            GuideRenderer.finish(book, hub.config(), revision, title);
            ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
            // Without object streams: PDFBox's compression pool, walking objects read from many
            // source files, never finished (their object numbers collide); streams stay compressed.
            book.save(out, CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (PDDocument source : open) {
                try {
                    source.close();
                } catch (IOException e) {
                    // nothing to keep from a source once the book is written
                }
            }
        }
    }

    /**
     * Lays out the front matter until its own length is stable: the numbers it prints depend on how
     * many pages it takes (usually known after the second layout: the numbers do not change how
     * many lines the contents take).
     */
    private static byte[] layoutFront(Front front, List<RenderedPart> parts) {
        int frontPages = 0;
        for (int attempt = 0; attempt < 4; attempt++) {
            Map<String, String> numbers = numbers(parts, frontPages);
            byte[] pdf = front.layout(id -> numbers.getOrDefault(id, ""));
            int pages = pageCount(pdf);
            if (pages == frontPages) {
                return pdf;
            }
            frontPages = pages;
        }
        throw new IllegalStateException("the guide's contents do not settle on a page count");
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

    private static int pageCount(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getNumberOfPages();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where each anchor of the parts is printed in the book. */
    private static Map<String, PDPageXYZDestination> destinations(PDDocument book, int frontPages, List<RenderedPart> parts) {
        Map<String, PDPageXYZDestination> destinations = new HashMap<>();
        int offset = frontPages;
        for (RenderedPart part : parts) {
            for (Map.Entry<String, RenderedPart.Anchor> e : part.anchors().entrySet()) {
                PDPageXYZDestination destination = new PDPageXYZDestination();
                destination.setPage(book.getPage(offset + e.getValue().page()));
                destination.setLeft(0);
                destination.setTop(Math.round(e.getValue().top()));
                destinations.put(e.getKey(), destination);
            }
            offset += part.pages();
        }
        return destinations;
    }

    /** The top of a page, as a link's target. */
    private static PDPageXYZDestination top(PDPage page) {
        PDPageXYZDestination destination = new PDPageXYZDestination();
        destination.setPage(page);
        destination.setLeft(0);
        destination.setTop(Math.round(page.getMediaBox().getUpperRightY()));
        return destination;
    }

    /**
     * Links to hub pages (their site URLs, as parts and contents write links that leave them) that
     * land in this book become links to where they are printed; links to pages it does not hold (a
     * section's book) stay links to the site.
     */
    private static void link(PDDocument book, Hub hub, Map<String, PDPageXYZDestination> destinations) throws IOException {
        String site = hub.config().baseUrl() + "/";
        for (PDPage page : book.getPages()) {
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
                        link.setAction(goTo);
                    }
                }
            }
        }
    }

    /** The footer of every page but the cover, marked as a pagination artifact (not part of the structure tree). */
    private static void stamp(PDDocument book, Revision revision) throws IOException {
        PDType0Font font = PDType0Font.load(book, new ByteArrayInputStream(GuideFonts.bytes(GuideFonts.footer())), true);
        COSDictionary artifact = new COSDictionary();
        artifact.setItem(COSName.TYPE, COSName.getPDFName("Pagination"));
        artifact.setItem(COSName.SUBTYPE, COSName.getPDFName("Footer"));
        int total = book.getNumberOfPages();
        String date = GuideDocument.HUMAN_DATE.format(revision.createdAt());
        for (int i = 1; i < total; i++) {
            PDPage page = book.getPage(i);
            String text = "Page " + (i + 1) + " of " + total + " \u00b7 revision " + revision.id() + " \u00b7 " + date;
            PDRectangle box = page.getMediaBox();
            float width = font.getStringWidth(text) / 1000f * FOOTER_SIZE;
            try (PDPageContentStream out = new PDPageContentStream(book, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
                out.beginMarkedContent(COSName.ARTIFACT, PDPropertyList.create(artifact));
                out.beginText();
                out.setFont(font, FOOTER_SIZE);
                out.setNonStrokingColor(FOOTER_GREY, FOOTER_GREY, FOOTER_GREY);
                out.newLineAtOffset(box.getLowerLeftX() + (box.getWidth() - width) / 2f, box.getLowerLeftY() + FOOTER_BASELINE);
                out.showText(text);
                out.endText();
                out.endMarkedContent();
            }
        }
    }
}
