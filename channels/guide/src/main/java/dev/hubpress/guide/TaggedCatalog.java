package dev.hubpress.guide;

import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkInfo;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;
import org.w3c.dom.Document;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The catalog entries PDF/UA asks of a layout, set without the engine's XMP packet. With PDF/UA on,
 * openhtmltopdf builds and serialises an XMP packet for every layout (through an XML transformer:
 * 1.8 % of a 1,000-page first publish's CPU), and every layout's packet is dropped: a part is a
 * function of its key, and the book gets its own packet, dated by the revision, when it is
 * bound. The packet and three catalog entries are one step of the engine, turned off by the
 * renderer's own PDF/UA flag, which nothing else reads once the renderer is built (tagging is its
 * output device's, set in the constructor). So the entries are set here, before the layout, in
 * the engine's order and with its values (the book's catalog is its front matter's), and the flag
 * is cleared. The flag is private, so it is reached through a handle; with an engine that has no
 * such field the engine does it all, as before. Either way a layout comes out the same to the
 * byte ({@code TaggedCatalogTest}).
 */
final class TaggedCatalog {

    /** The renderer's PDF/UA flag; null if this engine keeps it elsewhere. */
    private static final VarHandle UA_CONFORMANCE = uaConformance();

    private TaggedCatalog() {
    }

    /**
     * Marks {@code into} (the document the renderer lays out into, nothing drawn yet) as tagged, in
     * the document's language, showing its title, and stops the renderer from making an XMP packet;
     * changes nothing when the engine's flag cannot be reached ({@link #reachable}).
     */
    static void takeOver(PdfBoxRenderer renderer, Document document, PDDocument into) {
        if (UA_CONFORMANCE == null) {
            return;
        }
        PDDocumentCatalog catalog = into.getDocumentCatalog();
        PDMarkInfo markInfo = new PDMarkInfo();
        markInfo.setMarked(true);
        catalog.setMarkInfo(markInfo);
        String lang = document.getDocumentElement().getAttribute("lang");
        catalog.setLanguage(!lang.isEmpty() ? lang : "EN-US");
        catalog.setViewerPreferences(new PDViewerPreferences(new COSDictionary()));
        catalog.getViewerPreferences().setDisplayDocTitle(true);
        UA_CONFORMANCE.set(renderer, false);
    }

    /** Whether this engine's flag was found: when not, every layout makes its packet again (tests say so). */
    static boolean reachable() {
        return UA_CONFORMANCE != null;
    }

    private static VarHandle uaConformance() {
        try {
            return MethodHandles.privateLookupIn(PdfBoxRenderer.class, MethodHandles.lookup())
                    .findVarHandle(PdfBoxRenderer.class, "_pdfUaConformance", boolean.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
