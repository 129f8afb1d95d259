package dev.hubpress.core.markdown;

import com.vladsch.flexmark.util.ast.Document;

/**
 * A page body's Markdown and its parsed document, parsed on first use. A page read back with its
 * outline and headings from a cache, and whose rendered HTML is cached too, is never parsed; one
 * that some renderer does need is parsed once, by whichever thread asks first.
 */
public final class ParsedBody {

    private final String markdown;
    private final MarkdownEngine engine;
    private volatile Document document;

    private ParsedBody(String markdown, MarkdownEngine engine, Document document) {
        this.markdown = markdown;
        this.engine = engine;
        this.document = document;
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

    /** The parsed document: the same object every time. */
    public Document document() {
        Document parsed = document;
        if (parsed == null) {
            synchronized (this) {
                parsed = document;
                if (parsed == null) {
                    parsed = engine.parse(markdown);
                    document = parsed;
                }
            }
        }
        return parsed;
    }

    /** Whether the document has been parsed (or was given parsed). */
    public boolean isParsed() {
        return document != null;
    }
}
