package dev.hubpress.core.load;

import com.vladsch.flexmark.util.ast.Document;
import dev.hubpress.core.markdown.LineIndex;
import dev.hubpress.core.model.Heading;

import java.util.List;
import java.util.Optional;

/**
 * A page file as read: its front matter as YAML with the line of every value, and its parsed body
 * with the file line it starts on. Nothing here is checked yet; the gate's rules check it, and
 * {@link HubModel} makes a {@link dev.hubpress.core.model.Page} of it.
 *
 * @param frontMatter empty when the front matter is not valid YAML (a problem of the read says why)
 * @param body        the body's Markdown as written
 * @param bodyLine    file line of the body's first line
 * @param document    the parsed body; the same object for the same text, so renderers can cache by it
 * @param lines       where the body's lines start, to find a node's line
 */
public record PageSource(String path, String slug, Optional<YamlMapping> frontMatter, String body, int bodyLine,
                         Document document, List<Heading> headings, LineIndex lines) {

    public PageSource {
        headings = List.copyOf(headings);
    }

    /** File line of a body node. */
    public int lineOf(com.vladsch.flexmark.util.ast.Node node) {
        return bodyLine + lines.line(node.getStartOffset());
    }
}
