package dev.hubpress.core.markdown;

import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ext.autolink.internal.AutolinkNodePostProcessor;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.parser.block.NodePostProcessor;
import com.vladsch.flexmark.parser.block.NodePostProcessorFactory;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.ast.NodeTracker;
import com.vladsch.flexmark.util.ast.TypographicText;
import com.vladsch.flexmark.util.data.MutableDataHolder;
import com.vladsch.flexmark.util.sequence.BasedSequence;

/**
 * Flexmark's autolink extension ({@code AutolinkExtension}), run only on text that can hold an
 * autolink. The extension's post-processor unescapes every text node and scans it with a link
 * extractor and a regular expression, which made it a sixth of a whole publish; yet its extractor
 * only starts a link at {@code :} (a URL), {@code @} (an email address) or {@code w} of
 * {@code www.}, and its own pattern needs {@code ://}. So a text node none of whose characters is
 * {@code :}, {@code @}, {@code &} (an entity such as {@code &#58;} unescapes to a colon) or
 * {@code \} (an escape), and that holds no {@code www}, is left as it is, exactly as the extension
 * would leave it; every other node goes to the extension's own post-processor. A node followed by
 * typographic text (quotes, dashes) always goes to it too: the extension reads on into such
 * neighbours, so a link may start in this node with its trigger in the next one.
 */
final class AutolinksWhereTheyCanBe implements Parser.ParserExtension {

    private AutolinksWhereTheyCanBe() {
    }

    static AutolinksWhereTheyCanBe create() {
        return new AutolinksWhereTheyCanBe();
    }

    @Override
    public void parserOptions(MutableDataHolder options) {
    }

    @Override
    public void extend(Parser.Builder builder) {
        builder.postProcessorFactory(new Factory());
    }

    /** Whether the extension could find an autolink starting in this text node. */
    static boolean mayHoldAutolink(Node node) {
        if (node.getNext() instanceof TypographicText) {
            return true;
        }
        BasedSequence chars = node.getChars();
        int length = chars.length();
        for (int i = 0; i < length; i++) {
            char c = chars.charAt(i);
            if (c == ':' || c == '@' || c == '&' || c == '\\'
                    || (c == 'w' && i + 2 < length && chars.charAt(i + 1) == 'w' && chars.charAt(i + 2) == 'w')) {
                return true;
            }
        }
        return false;
    }

    private static final class Factory extends NodePostProcessorFactory {

        Factory() {
            super(false);
            addNodes(Text.class);
        }

        @Override
        public NodePostProcessor apply(Document document) {
            AutolinkNodePostProcessor autolinks = new AutolinkNodePostProcessor(document);
            return new NodePostProcessor() {
                @Override
                public void process(NodeTracker state, Node node) {
                    if (mayHoldAutolink(node)) {
                        autolinks.process(state, node);
                    }
                }
            };
        }
    }
}
