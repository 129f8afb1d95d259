package dev.hubpress.core.markdown;

import com.vladsch.flexmark.util.ast.Document;
import dev.hubpress.core.content.Hashing;

import java.lang.ref.SoftReference;

/**
 * A page body's Markdown and its parsed document, parsed on first use. A page read back with its
 * outline and headings from a cache, and whose rendered HTML is cached too, is never parsed; one
 * that some renderer does need is parsed once, by whichever thread asks first.
 *
 * <p>The document is held softly: a 10,000-page hub's parsed documents take about 250 MB, kept
 * for as long as the hub is, and a renderer that needs the heap for something bigger (the guide
 * binding its book) gets it, the JVM dropping documents before it runs out; a document dropped is
 * parsed again when it is next asked for (the same Markdown, the same document).
 */
public final class ParsedBody {

    private final String markdown;
    private final MarkdownEngine engine;
    private volatile SoftReference<Document> document;
    private volatile String sha256;

    private ParsedBody(String markdown, MarkdownEngine engine, Document document) {
        this.markdown = markdown;
        this.engine = engine;
        this.document = document == null ? null : new SoftReference<>(document);
    }

    /** A body parsed already. */
    public static ParsedBody parsed(String markdown, MarkdownEngine engine, Document document) {
        return new ParsedBody(markdown, engine, document);
    }

    /** A body parsed when its document is first asked for. */
    public static ParsedBody later(String markdown, MarkdownEngine engine) {
        return new ParsedBody(markdown, engine, null);
    }

    public String markdown() {
        return markdown;
    }

    /**
     * The SHA-256 of the Markdown (lower-case hex), computed on the first ask: every channel's
     * cache keys name a page's body by it. Hashing each body again for each key was a quarter of
     * a 1,000-page edit's hashing (the guide alone hashed every page twice), under the quick
     * compiler, which has no intrinsic for SHA-256.
     */
    public String sha256() {
        String known = sha256;
        if (known == null) {
            known = Hashing.sha256Hex(markdown);
            sha256 = known;
        }
        return known;
    }

    /** The parsed document: the same object for as long as the JVM keeps it (see above). */
    public Document document() {
        Document parsed = held();
        if (parsed == null) {
            synchronized (this) {
                parsed = held();
                if (parsed == null) {
                    parsed = engine.parse(markdown);
                    document = new SoftReference<>(parsed);
                }
            }
        }
        return parsed;
    }

    private Document held() {
        SoftReference<Document> reference = document;
        return reference == null ? null : reference.get();
    }

    /** Whether the document has been parsed (or was given parsed) and is still held. */
    public boolean isParsed() {
        return held() != null;
    }
}
