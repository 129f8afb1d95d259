package dev.hubpress.digest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An email's HTML read as the {@link EmailGate} needs it: its elements (name, attributes, inline
 * style, parent), the text a reader sees and the text hidden with {@code display:none}, and its
 * style sheets. A reader for the HTML this channel writes (well formed, quoted attributes), not a
 * browser's parser: what it cannot read it reads as it is written, so a rule checks what is there.
 * Comments (Outlook's conditional ones included) are skipped.
 */
final class MailHtml {

    private static final Set<String> VOID = Set.of("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr");
    private static final Pattern ATTRIBUTE = Pattern.compile("([^\\s=/>\"']+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+)))?");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);");

    /** One element: its lower-case name and attributes (values with entities decoded). */
    static final class Element {
        final String name;
        final Map<String, String> attributes;
        final Element parent;
        final Map<String, String> style;

        Element(String name, Map<String, String> attributes, Element parent) {
            this.name = name;
            this.attributes = attributes;
            this.parent = parent;
            this.style = declarations(attributes.getOrDefault("style", ""));
        }

        String attribute(String name) {
            return attributes.get(name);
        }

        List<String> classes() {
            String value = attributes.getOrDefault("class", "").strip();
            return value.isEmpty() ? List.of() : List.of(value.split("\\s+"));
        }

        boolean hidden() {
            for (Element e = this; e != null; e = e.parent) {
                if ("none".equals(e.style.get("display"))) {
                    return true;
                }
            }
            return false;
        }

        /** The text inside the element, as read (for headings). */
        final StringBuilder text = new StringBuilder();
    }

    final Element document = new Element("#document", Map.of(), null);
    final List<Element> elements = new ArrayList<>();
    final StringBuilder visibleText = new StringBuilder();
    final StringBuilder hiddenText = new StringBuilder();
    final StringBuilder styleSheets = new StringBuilder();

    private MailHtml() {
    }

    static MailHtml read(String html) {
        MailHtml doc = new MailHtml();
        Element current = doc.document;
        int i = 0;
        while (i < html.length()) {
            int open = html.indexOf('<', i);
            if (open < 0) {
                doc.text(current, html.substring(i));
                break;
            }
            doc.text(current, html.substring(i, open));
            if (html.startsWith("<!--", open)) {
                int close = html.indexOf("-->", open + 4);
                i = close < 0 ? html.length() : close + 3;
                continue;
            }
            int close = html.indexOf('>', open);
            if (close < 0) {
                doc.text(current, html.substring(open));
                break;
            }
            String tag = html.substring(open + 1, close);
            i = close + 1;
            if (tag.startsWith("!") || tag.startsWith("?")) {
                continue;
            }
            if (tag.startsWith("/")) {
                String name = tag.substring(1).strip().toLowerCase(Locale.ROOT);
                for (Element e = current; e != doc.document; e = e.parent) {
                    if (e.name.equals(name)) {
                        current = e.parent;
                        break;
                    }
                }
                continue;
            }
            int space = 0;
            while (space < tag.length() && !Character.isWhitespace(tag.charAt(space)) && tag.charAt(space) != '/') {
                space++;
            }
            String name = tag.substring(0, space).toLowerCase(Locale.ROOT);
            Element element = new Element(name, attributes(tag.substring(space)), current);
            doc.elements.add(element);
            if (name.equals("style") || name.equals("script")) {
                int end = html.toLowerCase(Locale.ROOT).indexOf("</" + name, i);
                end = end < 0 ? html.length() : end;
                if (name.equals("style")) {
                    doc.styleSheets.append(html, i, end).append('\n');
                }
                int after = html.indexOf('>', end);
                i = after < 0 ? html.length() : after + 1;
                continue;
            }
            if (!VOID.contains(name) && !tag.endsWith("/")) {
                current = element;
            }
        }
        return doc;
    }

    private void text(Element at, String raw) {
        if (raw.isEmpty()) {
            return;
        }
        String text = decode(raw);
        for (Element e = at; e != null; e = e.parent) {
            e.text.append(text);
        }
        (at.hidden() ? hiddenText : visibleText).append(text).append(' ');
    }

    private static Map<String, String> attributes(String source) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(source);
        while (m.find()) {
            String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4) != null ? m.group(4) : "";
            attributes.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), decode(value));
        }
        return attributes;
    }

    /** CSS declarations ({@code a:b;c:d}), names lower case, values without {@code !important}. */
    static Map<String, String> declarations(String css) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String declaration : css.split(";")) {
            int colon = declaration.indexOf(':');
            if (colon > 0) {
                String value = declaration.substring(colon + 1).replace("!important", "").strip().toLowerCase(Locale.ROOT);
                out.put(declaration.substring(0, colon).strip().toLowerCase(Locale.ROOT), value);
            }
        }
        return out;
    }

    static String decode(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement;
            try {
                replacement = entity(name, m.group());
            } catch (IllegalArgumentException notACharacter) {
                replacement = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String entity(String name, String written) {
        return switch (name) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> "\u00a0";
            default -> name.startsWith("#x") || name.startsWith("#X") ? Character.toString(Integer.parseInt(name.substring(2), 16))
                    : name.startsWith("#") ? Character.toString(Integer.parseInt(name.substring(1))) : written;
        };
    }

    /** Runs of white space (no-break spaces too) as one space, trimmed: text as a reader compares it. */
    static String normalized(CharSequence text) {
        return text.toString().replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
    }
}
