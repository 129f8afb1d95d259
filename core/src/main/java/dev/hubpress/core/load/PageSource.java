package dev.hubpress.core.load;

import dev.hubpress.core.markdown.ParsedBody;
import dev.hubpress.core.model.Heading;

import java.util.List;
import java.util.Optional;

/**
 * A page file as read: its front matter as YAML with the line of every value, its body (parsed
 * when first needed) with the file line it starts on, and the body's outline. Nothing here is
 * checked yet; the gate's rules check it, and {@link HubModel} makes a
 * {@link dev.hubpress.core.model.Page} of it.
 *
 * @param frontMatter empty when the front matter is not valid YAML (a problem of the read says why)
 * @param bodyLine    file line of the body's first line
 * @param body        the body's Markdown as written and its parsed document; the same object for
 *                    the same text, so the document is parsed at most once
 * @param outline     the body's headings and what the body rules check, at their file lines
 */
public record PageSource(String path, String slug, Optional<YamlMapping> frontMatter, int bodyLine, ParsedBody body,
                         BodyOutline outline) {

    /** The body's headings, with the ids the renderer gives them. */
    public List<Heading> headings() {
        return outline.headings();
    }
}
