package dev.hubpress.core.model;

import com.vladsch.flexmark.util.ast.Document;
import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.markdown.ParsedBody;

import java.util.List;

/**
 * One Markdown page: its front matter, its parsed body and headings.
 *
 * @param path     content path, e.g. {@code careers/mid-to-senior.md}
 * @param slug     path without {@code .md}: the page's identity across revisions
 * @param bodyLine source line (1-based) of the first body line, to report body errors
 * @param source   the body Markdown as written, used to fingerprint sections
 * @param body     the same Markdown with its parsed document, parsed when first needed
 * @param aliases  slugs this page was published under before (front matter {@code aliases}),
 *                 each of which the site redirects here
 */
public record Page(
        String path,
        String slug,
        String title,
        String summary,
        String section,
        int order,
        List<String> tags,
        PageKind kind,
        String source,
        int bodyLine,
        ParsedBody body,
        List<Heading> headings,
        List<String> aliases) {

    public Page {
        tags = List.copyOf(tags);
        headings = List.copyOf(headings);
        aliases = List.copyOf(aliases);
    }

    /** The parsed body (parsed now if no one needed it before). */
    public Document document() {
        return body.document();
    }

    /** The SHA-256 of {@link #source} (lower-case hex), computed once per page by its body. */
    public String sourceSha256() {
        return source == body.markdown() || source.equals(body.markdown()) ? body.sha256() : Hashing.sha256Hex(source);
    }

    /** Site path of the rendered page: {@code careers/mid-to-senior.html}. */
    public String sitePath() {
        return slug + ".html";
    }

    public boolean isSectionIndex() {
        return slug.equals("index") || slug.endsWith("/index");
    }

    public boolean hasAnchor(String id) {
        return headings.stream().anyMatch(h -> h.id().equals(id));
    }
}
