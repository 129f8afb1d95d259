package dev.hubpress.digest;

import dev.hubpress.core.mail.EmailRefused;
import dev.hubpress.core.mail.MailRouting;
import dev.hubpress.core.mail.OutgoingEmail;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The email quality gate: what every email must be before it is sent, blocking as the content
 * gate blocks a revision. {@link #check} refuses an email with the first rule it breaks, one line
 * ({@link EmailRefused}); {@link #violations} lists them all. The rules:
 * <ul>
 *   <li>{@value #PREHEADER}: a hidden preheader is set, and its text is not in the visible body (a
 *       client shows it beside the subject, then the body: said twice it wastes the line);</li>
 *   <li>{@value #SIZE}: the HTML part is at most {@value #MAX_HTML_BYTES} bytes quoted-printable
 *       encoded, as the outbox writes it (Gmail clips a message at about 102 KB, and the
 *       unsubscribe link at the end goes with the clipped part);</li>
 *   <li>{@value #LANG}: {@code <html lang>}; {@value #LAYOUT}: every table is
 *       {@code role="presentation"}; {@value #ALT}: every image has an alt attribute;</li>
 *   <li>{@value #CONTRAST}: every text/background pair the HTML declares (inline styles, and the
 *       classes a {@code prefers-color-scheme: dark} block overrides) is at least
 *       {@value #MIN_CONTRAST}:1 (WCAG) in the light scheme, in the dark scheme, and as a client that
 *       inverts the light colours shows it;</li>
 *   <li>{@value #LINKS}: every link is an absolute https URL (or http to the loopback, {@code ./hub preview}'s);</li>
 *   <li>{@value #TEXT}: the plain-text part has the same links as the HTML, both ways, and every
 *       heading of the HTML; {@value #HIDDEN}: nothing but the preheader is hidden in the HTML;</li>
 *   <li>{@value #TRACKING}: no remote image or other resource (scripts, frames, style sheets,
 *       CSS {@code url()}), no link off the hub's own hosts (its site and its subscription API),
 *       no query on a site link and no URL inside a link: no pixel, no redirect, no third party.</li>
 * </ul>
 * The gate is the deployment's: the hosts an email may link to are the site's and the API's.
 */
public final class EmailGate {

    public static final String PREHEADER = "preheader";
    public static final String SIZE = "size";
    public static final String LANG = "lang";
    public static final String LAYOUT = "layout-tables";
    public static final String ALT = "alt";
    public static final String CONTRAST = "contrast";
    public static final String LINKS = "links";
    public static final String TEXT = "text-part";
    public static final String HIDDEN = "hidden";
    public static final String TRACKING = "tracking";

    /** The largest HTML part, encoded: under Gmail's clipping at about 102 KB, with room for the headers. */
    public static final int MAX_HTML_BYTES = 100_000;
    /** WCAG AA for body text. */
    public static final double MIN_CONTRAST = 4.5;

    private static final Pattern TEXT_URL = Pattern.compile("(?:https?://|mailto:)[^\\s<>\"]+");
    private static final Pattern DARK_BLOCK = Pattern.compile("@media[^{]*prefers-color-scheme\\s*:\\s*dark[^{]*\\{((?:[^{}]*\\{[^}]*\\})*)[^{}]*\\}");
    private static final Pattern RULE = Pattern.compile("([^{}]+)\\{([^}]*)\\}");
    private static final Pattern HEX = Pattern.compile("#([0-9a-f]{6}|[0-9a-f]{3})(?![0-9a-f])");
    private static final Set<String> RESOURCES = Set.of("script", "iframe", "frame", "object", "embed", "link", "form", "audio",
            "video", "source", "base");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");
    private static final String[] LIGHT_DEFAULT = {"#000000", "#ffffff"};
    private static final String[] DARK_DEFAULT = {"#ffffff", "#121212"};

    /** One broken rule: its name and what broke it. */
    public record Violation(String rule, String detail) {
        @Override
        public String toString() {
            return rule + ": " + detail;
        }
    }

    private final Set<String> hosts;
    private final String apiHost;
    private final String apiPath;

    /**
     * @param siteBaseUrl the hub's site (its {@code baseUrl})
     * @param routing     the deployment's subscription endpoints
     */
    public EmailGate(String siteBaseUrl, MailRouting routing) {
        URI site = URI.create(siteBaseUrl);
        URI api = URI.create(routing.apiBaseUrl());
        this.apiHost = host(api);
        this.hosts = Set.copyOf(List.of(host(site), apiHost));
        this.apiPath = api.getRawPath() == null ? "" : api.getRawPath();
    }

    private static String host(URI uri) {
        return uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    }

    /**
     * The email, if it passes every rule.
     *
     * @param what what the email is, for the one line (never an address): {@code digest hub.r4-r6}
     * @throws EmailRefused naming the first rule it breaks
     */
    public OutgoingEmail check(String what, OutgoingEmail email) {
        List<Violation> violations = violations(email);
        if (!violations.isEmpty()) {
            Violation first = violations.get(0);
            throw new EmailRefused(what, first.rule(), first.detail()
                    + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : ""));
        }
        return email;
    }

    /**
     * The email, if its HTML is within {@link #MAX_HTML_BYTES}: the one rule that can tell apart
     * two addressings of one digest once the first passed {@link #check}.
     *
     * @throws EmailRefused for the size
     */
    public OutgoingEmail checkSize(String what, OutgoingEmail email) {
        int size = encodedBytes(email.html());
        if (size > MAX_HTML_BYTES) {
            throw new EmailRefused(what, SIZE, sizeDetail(size));
        }
        return email;
    }

    private static String sizeDetail(int size) {
        return "the HTML part is " + size + " bytes encoded, over " + MAX_HTML_BYTES;
    }

    /** Every rule the email breaks, in the order of the class comment; empty when it may be sent. */
    public List<Violation> violations(OutgoingEmail email) {
        List<Violation> found = new ArrayList<>();
        MailHtml html = MailHtml.read(email.html());
        preheader(html, found);
        int size = encodedBytes(email.html());
        if (size > MAX_HTML_BYTES) {
            found.add(new Violation(SIZE, sizeDetail(size)));
        }
        structure(html, found);
        contrast(html, found);
        links(html, email.text(), found);
        tracking(html, found);
        return found;
    }

    private static void preheader(MailHtml html, List<Violation> found) {
        String hidden = MailHtml.normalized(html.hiddenText);
        String visible = MailHtml.normalized(html.visibleText);
        MailHtml.Element preheader = html.elements.stream().filter(e -> e.name.equals("body")).findFirst()
                .flatMap(body -> html.elements.stream().filter(e -> e.parent == body).findFirst())
                .filter(MailHtml.Element::hidden).orElse(null);
        if (preheader == null || MailHtml.normalized(preheader.text).isEmpty()) {
            found.add(new Violation(PREHEADER, "no preheader: the body's first element is not hidden text"));
            return;
        }
        String text = MailHtml.normalized(preheader.text);
        if (visible.contains(text)) {
            found.add(new Violation(PREHEADER, "the preheader \"" + text + "\" is also in the visible body"));
        }
        if (!hidden.equals(text)) {
            found.add(new Violation(HIDDEN, "text hidden besides the preheader: \""
                    + abbreviated(hidden.replace(text, "").strip()) + "\""));
        }
    }

    private static void structure(MailHtml html, List<Violation> found) {
        boolean lang = html.elements.stream().anyMatch(e -> e.name.equals("html") && !e.attributes.getOrDefault("lang", "").isBlank());
        if (!lang) {
            found.add(new Violation(LANG, "<html> has no lang"));
        }
        long tables = html.elements.stream().filter(e -> e.name.equals("table") && !"presentation".equals(e.attribute("role"))).count();
        if (tables > 0) {
            found.add(new Violation(LAYOUT, tables + (tables == 1 ? " table is" : " tables are") + " not role=\"presentation\""));
        }
        html.elements.stream().filter(e -> e.name.equals("img") && e.attribute("alt") == null).findFirst()
                .ifPresent(img -> found.add(new Violation(ALT, "<img src=\"" + abbreviated(img.attributes.getOrDefault("src", ""))
                        + "\"> has no alt")));
    }

    // ---- contrast

    private enum Scheme { LIGHT, DARK, INVERTED }

    private static void contrast(MailHtml html, List<Violation> found) {
        Map<String, Map<String, String>> dark = darkClasses(html.styleSheets.toString());
        Set<String> reported = new LinkedHashSet<>();
        for (MailHtml.Element e : html.elements) {
            if (e.hidden() || !declaresColour(e, dark)) {
                continue;
            }
            for (Scheme scheme : Scheme.values()) {
                String[] pair;
                try {
                    pair = pair(e, scheme == Scheme.DARK ? dark : Map.of(), scheme == Scheme.DARK ? DARK_DEFAULT : LIGHT_DEFAULT);
                } catch (IllegalArgumentException unreadable) {
                    reported.add(unreadable.getMessage());
                    continue;
                }
                int[] text = rgb(pair[0]);
                int[] background = rgb(pair[1]);
                if (scheme == Scheme.INVERTED) {
                    text = inverted(text);
                    background = inverted(background);
                }
                double ratio = ratio(text, background);
                if (ratio < MIN_CONTRAST) {
                    reported.add(String.format(Locale.ROOT, "%s on %s in <%s> is %.2f:1 %s, under %.1f:1", hex(text), hex(background),
                            e.name, ratio, scheme.name().toLowerCase(Locale.ROOT), MIN_CONTRAST));
                }
            }
        }
        reported.stream().findFirst().ifPresent(first -> found.add(new Violation(CONTRAST,
                first + (reported.size() > 1 ? " (" + (reported.size() - 1) + " more pairs)" : ""))));
    }

    /** The classes a {@code prefers-color-scheme: dark} block gives colours: class → declarations. */
    private static Map<String, Map<String, String>> darkClasses(String css) {
        Map<String, Map<String, String>> classes = new HashMap<>();
        Matcher block = DARK_BLOCK.matcher(css);
        while (block.find()) {
            Matcher rule = RULE.matcher(block.group(1));
            while (rule.find()) {
                Map<String, String> declarations = MailHtml.declarations(rule.group(2));
                for (String selector : rule.group(1).split(",")) {
                    String s = selector.strip();
                    if (s.matches("\\.[A-Za-z0-9_-]+")) {
                        classes.computeIfAbsent(s.substring(1), k -> new HashMap<>()).putAll(declarations);
                    }
                }
            }
        }
        return classes;
    }

    private static boolean declaresColour(MailHtml.Element e, Map<String, Map<String, String>> dark) {
        if (own(e, "color", Map.of()) != null || own(e, "background-color", Map.of()) != null) {
            return true;
        }
        return own(e, "color", dark) != null || own(e, "background-color", dark) != null;
    }

    /** The element's text colour and the background behind it: the nearest declared, or the scheme's default. */
    private static String[] pair(MailHtml.Element e, Map<String, Map<String, String>> scheme, String[] defaults) {
        String text = null;
        String background = null;
        for (MailHtml.Element at = e; at != null && (text == null || background == null); at = at.parent) {
            text = text != null ? text : own(at, "color", scheme);
            background = background != null ? background : own(at, "background-color", scheme);
        }
        return new String[] {text == null ? defaults[0] : text, background == null ? defaults[1] : background};
    }

    /** A property the element sets: from the scheme's classes first (they are !important), then inline. */
    private static String own(MailHtml.Element e, String property, Map<String, Map<String, String>> scheme) {
        for (String c : e.classes()) {
            Map<String, String> declarations = scheme.get(c);
            String value = declarations == null ? null : colour(declarations, property);
            if (value != null) {
                return value;
            }
        }
        return colour(e.style, property);
    }

    private static String colour(Map<String, String> declarations, String property) {
        String value = declarations.get(property);
        if (value == null && property.equals("background-color")) {
            value = declarations.get("background");
        }
        if (value == null) {
            return null;
        }
        Matcher hex = HEX.matcher(value);
        if (!hex.find()) {
            throw new IllegalArgumentException(property + " '" + value + "' is not a #hex colour the gate can check");
        }
        return hex.group();
    }

    static int[] rgb(String hex) {
        String h = hex.substring(1);
        if (h.length() == 3) {
            h = "" + h.charAt(0) + h.charAt(0) + h.charAt(1) + h.charAt(1) + h.charAt(2) + h.charAt(2);
        }
        int v = Integer.parseInt(h, 16);
        return new int[] {v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff};
    }

    private static int[] inverted(int[] rgb) {
        return new int[] {255 - rgb[0], 255 - rgb[1], 255 - rgb[2]};
    }

    private static String hex(int[] rgb) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
    }

    /** WCAG 2 contrast ratio. */
    static double ratio(int[] a, int[] b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(int[] rgb) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double s = rgb[i] / 255.0;
            c[i] = s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    // ---- links, the text part, tracking

    /**
     * An absolute https URL; or http to this machine's loopback, which is where {@code ./hub preview}
     * serves the subscription pages: a link no one but the machine's own user can follow.
     */
    private static boolean absoluteHttps(String href) {
        URI u = uri(href);
        if (u == null || u.getHost() == null) {
            return false;
        }
        return href.startsWith("https://") || href.startsWith("http://") && LOOPBACK.contains(u.getHost().toLowerCase(Locale.ROOT));
    }

    private void links(MailHtml html, String text, List<Violation> found) {
        Set<String> htmlLinks = new LinkedHashSet<>();
        List<String> notHttps = new ArrayList<>();
        for (MailHtml.Element e : html.elements) {
            if (e.name.equals("a") && e.attribute("href") != null) {
                String href = e.attribute("href").strip();
                if (!absoluteHttps(href)) {
                    notHttps.add(href);
                } else {
                    // a link that is not one cannot be in the text part either: one rule says so
                    htmlLinks.add(href);
                }
            }
        }
        if (!notHttps.isEmpty()) {
            found.add(new Violation(LINKS, "\"" + abbreviated(notHttps.get(0)) + "\" is not an absolute https link"
                    + (notHttps.size() > 1 ? " (nor are " + (notHttps.size() - 1) + " more)" : "")));
        }
        Set<String> textLinks = new LinkedHashSet<>();
        Matcher url = TEXT_URL.matcher(text);
        while (url.find()) {
            textLinks.add(url.group().replaceAll("[.,;:]+$", ""));
        }
        htmlLinks.stream().filter(l -> !textLinks.contains(l)).findFirst()
                .ifPresent(l -> found.add(new Violation(TEXT, "the text part lacks the HTML's link " + abbreviated(l))));
        textLinks.stream().filter(l -> !htmlLinks.contains(l)).findFirst()
                .ifPresent(l -> found.add(new Violation(TEXT, "the text part's link " + abbreviated(l) + " is not in the HTML")));
        String plain = MailHtml.normalized(text).toLowerCase(Locale.ROOT);
        html.elements.stream().filter(e -> e.name.matches("h[1-6]") && !e.hidden())
                .map(e -> MailHtml.normalized(e.text)).filter(h -> !plain.contains(h.toLowerCase(Locale.ROOT))).findFirst()
                .ifPresent(h -> found.add(new Violation(TEXT, "the text part lacks the HTML's section \"" + abbreviated(h) + "\"")));
    }

    private void tracking(MailHtml html, List<Violation> found) {
        for (MailHtml.Element e : html.elements) {
            if (RESOURCES.contains(e.name)) {
                found.add(new Violation(TRACKING, "<" + e.name + "> loads or sends to somewhere else"));
            } else if (e.name.equals("img") || e.attribute("background") != null) {
                String src = e.name.equals("img") ? e.attributes.getOrDefault("src", "") : e.attribute("background");
                if (!src.startsWith("data:") && !src.startsWith("cid:")) {
                    found.add(new Violation(TRACKING, "remote image " + abbreviated(src)));
                }
            } else if (e.name.equals("a") && e.attribute("href") != null) {
                trackingLink(e.attribute("href").strip(), found);
            }
            if (e.attributes.getOrDefault("style", "").toLowerCase(Locale.ROOT).matches("(?s).*(url\\(|@import|image-set\\().*")) {
                found.add(new Violation(TRACKING, "an inline style on <" + e.name + "> loads a resource"));
            }
        }
        if (html.styleSheets.toString().toLowerCase(Locale.ROOT).matches("(?s).*(url\\(|@import|image-set\\().*")) {
            found.add(new Violation(TRACKING, "a style sheet loads a resource"));
        }
    }

    private void trackingLink(String href, List<Violation> found) {
        URI uri = uri(href);
        if (uri == null || uri.getHost() == null) {
            return;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String query = uri.getRawQuery();
        if (!hosts.contains(host)) {
            found.add(new Violation(TRACKING, "a link to the third-party host " + host));
        } else if (query != null && query.toLowerCase(Locale.ROOT).matches("(?s).*(https?:|https?%3a|%2f%2f|//).*")) {
            found.add(new Violation(TRACKING, "a redirect link " + abbreviated(href)));
        } else if (query != null && !(host.equals(apiHost) && path.startsWith(apiPath + "/"))) {
            // The site is static: a query on its links could only tell who clicked.
            found.add(new Violation(TRACKING, "a site link with a query (a per-recipient link) " + abbreviated(href)));
        }
    }

    private static URI uri(String href) {
        try {
            return new URI(href);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * The HTML's size in the message: UTF-8, quoted-printable (bytes outside printable ASCII and
     * "=" take three), CRLF line ends, and a soft break at every 76th character of a line.
     */
    static int encodedBytes(String html) {
        int total = 0;
        for (String line : html.split("\n", -1)) {
            int length = 0;
            for (byte b : line.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xff;
                length += c >= 32 && c <= 126 && c != '=' || c == '\t' ? 1 : 3;
            }
            total += length + (length > 76 ? (length - 1) / 75 * 3 : 0) + 2;
        }
        return total;
    }

    private static String abbreviated(String s) {
        return s.length() <= 80 ? s : s.substring(0, 79) + "…";
    }
}
