package dev.hubpress.core.markdown;

/**
 * Escaping for text that channels write into HTML, XHTML or XML themselves (outside Markdown
 * rendering and auto-escaping templates): the five characters that could end a text node or an
 * attribute value.
 */
public final class HtmlText {

    private HtmlText() {
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
