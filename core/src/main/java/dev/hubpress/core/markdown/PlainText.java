package dev.hubpress.core.markdown;

import com.vladsch.flexmark.ast.Code;
import com.vladsch.flexmark.ast.HardLineBreak;
import com.vladsch.flexmark.ast.HtmlEntity;
import com.vladsch.flexmark.ast.SoftLineBreak;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ext.footnotes.Footnote;
import com.vladsch.flexmark.ext.typographic.TypographicQuotes;
import com.vladsch.flexmark.ext.typographic.TypographicSmarts;
import com.vladsch.flexmark.util.ast.Block;
import com.vladsch.flexmark.util.ast.Node;

import java.util.Map;

/**
 * The text a reader sees in a node, as plain Unicode: typographic quotes and dashes as the
 * characters the HTML shows (not the "--" typed in the source), no Markdown syntax, no footnote
 * markers. Used for headings in tables of contents, changelogs, feeds and structured data.
 */
final class PlainText {

    private static final Map<String, String> ENTITIES = Map.ofEntries(
            Map.entry("&ndash;", "–"), Map.entry("&mdash;", "—"), Map.entry("&hellip;", "…"),
            Map.entry("&ldquo;", "“"), Map.entry("&rdquo;", "”"), Map.entry("&lsquo;", "‘"),
            Map.entry("&rsquo;", "’"), Map.entry("&laquo;", "«"), Map.entry("&raquo;", "»"),
            Map.entry("&amp;", "&"), Map.entry("&lt;", "<"), Map.entry("&gt;", ">"),
            Map.entry("&quot;", "\""), Map.entry("&apos;", "'"), Map.entry("&nbsp;", "\u00a0"));

    private PlainText() {
    }

    static String of(Node node) {
        StringBuilder out = new StringBuilder();
        append(node, out);
        return out.toString().replaceAll("[ \\t\\n]+", " ").trim();
    }

    static void append(Node node, StringBuilder out) {
        if (node instanceof Text) {
            out.append(node.getChars().unescape());
        } else if (node instanceof Code code) {
            out.append(code.getText());
        } else if (node instanceof SoftLineBreak || node instanceof HardLineBreak) {
            out.append(' ');
        } else if (node instanceof TypographicSmarts smarts) {
            out.append(decode(smarts.getTypographicText()));
        } else if (node instanceof TypographicQuotes quotes) {
            out.append(decode(quotes.getTypographicOpening()));
            children(node, out);
            out.append(decode(quotes.getTypographicClosing()));
        } else if (node instanceof HtmlEntity entity) {
            out.append(decode(entity.getChars().toString()));
        } else if (!(node instanceof Footnote)) {
            children(node, out);
            if (node instanceof Block) {
                out.append(' ');
            }
        }
    }

    private static void children(Node node, StringBuilder out) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            append(child, out);
        }
    }

    static String decode(String entity) {
        if (entity == null) {
            return "";
        }
        String known = ENTITIES.get(entity);
        if (known != null) {
            return known;
        }
        if (entity.startsWith("&#") && entity.endsWith(";")) {
            try {
                String number = entity.substring(2, entity.length() - 1);
                int codePoint = number.startsWith("x") || number.startsWith("X")
                        ? Integer.parseInt(number.substring(1), 16) : Integer.parseInt(number);
                return Character.isValidCodePoint(codePoint) ? new String(Character.toChars(codePoint)) : "";
            } catch (NumberFormatException e) {
                return entity;
            }
        }
        return entity;
    }
}
