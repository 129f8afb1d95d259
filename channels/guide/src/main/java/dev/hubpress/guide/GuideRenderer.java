package dev.hubpress.guide;

import dev.hubpress.core.markdown.HtmlText;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.util.XRLog;
import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.HubConfig;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.ChannelRenderer;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.channel.GuideInfo;
import dev.hubpress.core.revision.Revision;
import org.apache.pdfbox.Loader;
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
import java.util.HexFormat;
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
    private static final DateTimeFormatter XMP_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final MarkdownEngine markdown;

    public GuideRenderer(MarkdownEngine markdown) {
        this.markdown = markdown;
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
        byte[] pdf = pdf(edition.hub(), content, new Sandbox());
        return List.of(
                new Artifact(GuideInfo.latestKey(edition.hub().config()), pdf, CONTENT_TYPE, Artifact.CachePolicy.SHORT),
                new Artifact(GuideInfo.revisionKey(content), pdf, CONTENT_TYPE, Artifact.CachePolicy.IMMUTABLE));
    }

    /** Per-revision PDFs are permanent URLs: publishing a later revision never deletes them. */
    @Override
    public boolean retains(String key) {
        return PER_REVISION.matcher(key).matches();
    }

    /** The latest PDF's path, size and page count, for the site's download link. */
    @Override
    public Map<String, String> facts(List<Artifact> rendered) {
        Artifact latest = rendered.stream().filter(a -> a.cache() == Artifact.CachePolicy.SHORT).findFirst().orElse(null);
        Artifact revision = rendered.stream().filter(a -> retains(a.key())).findFirst().orElse(null);
        if (latest == null || revision == null) {
            return Map.of();
        }
        try (PDDocument document = Loader.loadPDF(latest.bytes())) {
            return new GuideInfo(latest.key(), revision.key(), latest.size(), document.getNumberOfPages()).facts();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders the PDF; the sandbox records every URI the engine asked for (and refused). */
    byte[] pdf(Hub hub, Revision revision, Sandbox sandbox) {
        Paper paper = Paper.of(GuideChannel.PAPER.of(hub.config()));
        Document document = GuideDocument.build(markdown, hub, revision, paper);
        return pdf(document, hub.config(), revision, sandbox);
    }

    /** Lays out an XHTML document and finishes it; also used by tests with hand-made documents. */
    static byte[] pdf(Document document, HubConfig config, Revision revision, Sandbox sandbox) {
        PdfRendererBuilder builder = new PdfRendererBuilder();
        sandbox.install(builder);
        GuideFonts.register(builder);
        builder.useUnicodeBidiSplitter(BIDI);
        builder.useUnicodeBidiReorderer(BIDI);
        builder.useSVGDrawer(new BatikSVGDrawer(BatikSVGDrawer.SvgScriptMode.SECURE, BatikSVGDrawer.SvgExternalResourceMode.SECURE));
        builder.usePdfUaAccessibility(true);
        builder.withProducer(PRODUCER);
        builder.withW3cDocument(document, "about:blank");
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
            renderer.layout();
            renderer.createPDFWithoutClosing();
            PDDocument pdf = renderer.getPdfDocument();
            finish(pdf, config, revision);
            pdf.save(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Metadata from the hub and the revision, never from the clock: the info dictionary, the XMP
     * packet (which must agree with it) and the trailer /ID, a hash of the revision's tree.
     */
    static void finish(PDDocument pdf, HubConfig config, Revision revision) {
        Calendar date = calendar(revision.createdAt());
        String keywords = pdf.getDocumentInformation().getKeywords();
        PDDocumentInformation info = new PDDocumentInformation();
        info.setTitle(config.title());
        info.setAuthor(config.author());
        info.setSubject(config.subtitle());
        info.setKeywords(keywords == null ? "" : keywords);
        info.setCreator("hubpress " + revision.id());
        info.setProducer(PRODUCER);
        info.setCreationDate(date);
        info.setModificationDate(date);
        pdf.setDocumentInformation(info);
        pdf.getDocumentCatalog().setLanguage(config.language());
        try {
            PDMetadata metadata = new PDMetadata(pdf);
            metadata.importXMPMetadata(xmp(config, revision, info.getKeywords()).getBytes(StandardCharsets.UTF_8));
            pdf.getDocumentCatalog().setMetadata(metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] id = HexFormat.of().parseHex(Hashing.sha256Hex(
                (revision.hub() + "\n" + revision.seq() + "\n" + revision.treeHash()).getBytes(StandardCharsets.UTF_8))
                .substring(0, 32));
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        pdf.getDocument().getTrailer().setItem(COSName.ID, ids);
    }

    private static Calendar calendar(Instant instant) {
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
        calendar.setTimeInMillis(instant.toEpochMilli() / 1000 * 1000);
        return calendar;
    }

    private static String xmp(HubConfig config, Revision revision, String keywords) {
        String date = XMP_DATE.format(revision.createdAt());
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
                + "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + HtmlText.escape(config.title()) + "</rdf:li></rdf:Alt></dc:title>\n"
                + "<dc:creator><rdf:Seq><rdf:li>" + HtmlText.escape(config.author()) + "</rdf:li></rdf:Seq></dc:creator>\n"
                + "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + HtmlText.escape(config.subtitle())
                + "</rdf:li></rdf:Alt></dc:description>\n"
                + "<dc:language><rdf:Bag><rdf:li>" + lang + "</rdf:li></rdf:Bag></dc:language>\n"
                + "<xmp:CreateDate>" + date + "</xmp:CreateDate>\n"
                + "<xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n"
                + "<xmp:MetadataDate>" + date + "</xmp:MetadataDate>\n"
                + "<xmp:CreatorTool>hubpress " + revision.id() + "</xmp:CreatorTool>\n"
                // The edition this copy is: the revision, dated by the dates above (CreateDate = the revision's).
                + "<xmpMM:VersionID>" + revision.id() + "</xmpMM:VersionID>\n"
                + "<pdf:Producer>" + HtmlText.escape(PRODUCER) + "</pdf:Producer>\n"
                + "<pdf:Keywords>" + HtmlText.escape(keywords) + "</pdf:Keywords>\n"
                + "<pdfuaid:part>1</pdfuaid:part>\n"
                + "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
    }
}
