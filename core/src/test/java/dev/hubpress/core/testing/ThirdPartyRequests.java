package dev.hubpress.core.testing;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 15's privacy rule for everything the site and the feeds publish: nothing a reader opens
 * makes their browser or feed reader ask another host for anything (an image, a script, a
 * stylesheet, a font, a frame, a tracking pixel). Links a reader chooses to follow ({@code <a
 * href>}) may go anywhere, and so may links that name a page without loading it (canonical,
 * alternate). A resource is allowed when it is relative, inline ({@code data:}), or absolute on
 * the hub's own host (feed content is written with absolute URLs).
 *
 * <p>HTML is parsed as a browser parses it, so a reference is found however it is written;
 * stylesheets (files, {@code <style>}, {@code style=""}) are scanned for {@code url()} and
 * {@code @import}.
 */
public final class ThirdPartyRequests {

    /** Attributes whose URL a browser loads by itself, on any element. */
    private static final Set<String> LOADED = Set.of("src", "srcset", "poster", "data", "background", "xlink:href",
            "imagesrcset", "manifest", "action", "formaction");
    /** Elements whose {@code href} is only followed when a reader chooses to. */
    private static final Set<String> FOLLOWED = Set.of("a", "area");
    /** {@code <link>} relations that name a URL without loading it. */
    private static final Set<String> NAMED_ONLY = Set.of("canonical", "alternate", "license", "author", "help", "next", "prev");
    private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*['\"]?([^'\")\\s]*)|@import\\s+['\"]([^'\"]*)");
    private static final Pattern SRCSET_URL = Pattern.compile("(?:^|,)\\s*(\\S+)");

    private ThirdPartyRequests() {
    }

    /** Every request this HTML would make to a host other than {@code ownHost}, described; empty when none. */
    public static List<String> inHtml(String html, String ownHost) {
        List<String> found = new ArrayList<>();
        Document document = HtmlDom.parse(html);
        NodeList all = document.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            String tag = element.getLocalName().toLowerCase(Locale.ROOT);
            NamedNodeMap attributes = element.getAttributes();
            for (int a = 0; a < attributes.getLength(); a++) {
                Attr attribute = (Attr) attributes.item(a);
                String name = attribute.getName().toLowerCase(Locale.ROOT);
                String value = attribute.getValue();
                if (name.equals("style")) {
                    inCss(value, ownHost).forEach(f -> found.add("<" + tag + " style>: " + f));
                } else if (name.equals("srcset") || name.equals("imagesrcset")) {
                    Matcher m = SRCSET_URL.matcher(value);
                    while (m.find()) {
                        check(tag, name, m.group(1), ownHost, found);
                    }
                } else if (LOADED.contains(name) || (name.equals("href") && loads(tag, element))) {
                    // A form sends the reader's data on submit; to another host, that is a request too.
                    check(tag, name, value, ownHost, found);
                }
            }
            if (tag.equals("style")) {
                inCss(element.getTextContent(), ownHost).forEach(f -> found.add("<style>: " + f));
            }
        }
        return found;
    }

    /** Every request this stylesheet would make to another host; empty when none. */
    public static List<String> inCss(String css, String ownHost) {
        List<String> found = new ArrayList<>();
        Matcher m = CSS_URL.matcher(css);
        while (m.find()) {
            String url = m.group(1) != null ? m.group(1) : m.group(2);
            if (!allowed(url, ownHost)) {
                found.add(m.group());
            }
        }
        return found;
    }

    private static boolean loads(String tag, Element element) {
        if (FOLLOWED.contains(tag)) {
            return false;
        }
        if (tag.equals("link")) {
            for (String rel : element.getAttribute("rel").toLowerCase(Locale.ROOT).split("\\s+")) {
                if (!NAMED_ONLY.contains(rel)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    private static void check(String tag, String attribute, String url, String ownHost, List<String> found) {
        if (!allowed(url, ownHost)) {
            found.add("<" + tag + " " + attribute + "=\"" + url + "\">");
        }
    }

    /** Relative, inline, or on the hub's own host. */
    static boolean allowed(String url, String ownHost) {
        String u = url.strip();
        if (u.isEmpty() || u.startsWith("#")) {
            return true;
        }
        if (u.startsWith("//")) {
            return hostOf("https:" + u).equals(ownHost);
        }
        int colon = u.indexOf(':');
        int slash = u.indexOf('/');
        boolean hasScheme = colon > 0 && (slash < 0 || colon < slash) && u.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*");
        if (!hasScheme) {
            return true;
        }
        String scheme = u.substring(0, colon).toLowerCase(Locale.ROOT);
        if (scheme.equals("data")) {
            return true;
        }
        return (scheme.equals("http") || scheme.equals("https")) && hostOf(u).equals(ownHost);
    }

    private static String hostOf(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
