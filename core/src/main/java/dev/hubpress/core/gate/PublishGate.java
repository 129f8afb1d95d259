package dev.hubpress.core.gate;

import com.vladsch.flexmark.ast.AutoLink;
import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.HtmlBlockBase;
import com.vladsch.flexmark.ast.HtmlInlineBase;
import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.ImageRef;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.MailLink;
import com.vladsch.flexmark.ast.Reference;
import com.vladsch.flexmark.ext.footnotes.Footnote;
import com.vladsch.flexmark.ext.footnotes.FootnoteBlock;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.markdown.LinkPolicy;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.markdown.SitePaths;
import dev.hubpress.core.model.Compensation;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.HubConfig;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.model.PageKind;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The publish gate: every revision passes it before anything is published. It checks the whole
 * tree and reports every problem it finds (not just the first) as {@code path:line: message}:
 * file names and sizes, UTF-8, the hub config and data files, front matter schema, unsafe
 * markup and links, heading order, footnotes, and that every internal link and anchor resolves.
 *
 * <p>A gate lives as long as its process and remembers the pages that passed in its last two
 * inspections: a page whose text, hub sections and data files are the same as then is not parsed
 * and checked again; the same {@link Page} (and parsed document) is reused. The checks that span
 * pages (slugs, links and anchors) run on every inspection. Reused pages are shared between the
 * hubs of those inspections, so, as with any hub, one page's document is rendered by one thread at
 * a time.
 */
public final class PublishGate {

    public static final String HUB_CONFIG = "hub.yaml";
    public static final String COMPENSATION_DATA = "data/compensation.yaml";
    /** Figures a page may embed with a {@code ```hub-chart} block. */
    public static final Set<String> FIGURES = Set.of("compensation");
    /** Slugs the site generates itself; a page may not take them. */
    public static final Set<String> RESERVED_SLUGS = Set.of("404", "changelog", "sitemap", "robots", "subscribe", "feed", "search");
    /** Folders the site generates itself. */
    public static final Set<String> RESERVED_FOLDERS = Set.of("assets", "guide", "feeds", "revisions");

    private static final Set<String> PAGE_KEYS = Set.of("title", "summary", "section", "order", "tags", "kind");
    /** A file or folder name: an ASCII URL segment, short enough for any file system once ".html" is added. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");
    private static final int MAX_TITLE = 120;
    private static final int MAX_SUMMARY = 300;

    private final MarkdownEngine markdown;
    private final GateLimits limits;
    /** Pages that passed, by path, from the last two inspections. */
    private final Map<String, CachedPage> pages = new ConcurrentHashMap<>();
    private final AtomicLong inspections = new AtomicLong();

    public PublishGate(MarkdownEngine markdown, GateLimits limits) {
        this.markdown = markdown;
        this.limits = limits;
    }

    public GateResult inspect(ContentTree tree) {
        long generation = inspections.incrementAndGet();
        GateResult result = new Inspection(tree, generation).run();
        pages.values().removeIf(cached -> cached.used < generation - 1);
        return result;
    }

    /** How many pages the gate remembers (for tests). */
    int cachedPages() {
        return pages.size();
    }

    /** A page that passed: valid for the same text under the same sections and data files. */
    private static final class CachedPage {
        final String text;
        final List<String> sections;
        final boolean hasCompensation;
        final Page page;
        final List<PendingLink> links;
        volatile long used;

        CachedPage(String text, List<String> sections, boolean hasCompensation, Page page, List<PendingLink> links, long used) {
            this.text = text;
            this.sections = sections;
            this.hasCompensation = hasCompensation;
            this.page = page;
            this.links = links;
            this.used = used;
        }
    }

    /** The state of one inspection: errors collect here instead of stopping at the first. */
    private final class Inspection {
        private final ContentTree tree;
        private final List<GateError> errors = new ArrayList<>();
        private final Map<String, String> texts = new LinkedHashMap<>();
        private final long generation;

        Inspection(ContentTree tree, long generation) {
            this.tree = tree;
            this.generation = generation;
        }

        GateResult run() {
            checkTree();
            Optional<HubConfig> config = readConfig();
            Optional<Compensation> compensation = readCompensation();
            List<Page> pages = new ArrayList<>();
            List<PendingLink> links = new ArrayList<>();
            for (Map.Entry<String, String> text : texts.entrySet()) {
                if (text.getKey().endsWith(".md")) {
                    cachedPage(text.getKey(), text.getValue(), config, compensation.isPresent(), links)
                            .ifPresent(pages::add);
                }
            }
            if (pages.stream().noneMatch(p -> p.slug().equals("index"))) {
                errors.add(new GateError("index.md", 1, "the hub needs a home page: index.md is missing"));
            }
            checkSlugs();
            checkLinks(pages, links);
            if (!errors.isEmpty() || config.isEmpty()) {
                return new GateResult(Optional.empty(), errors);
            }
            pages.sort(readingOrder(config.get()));
            return new GateResult(Optional.of(new Hub(config.get(), compensation, pages)), List.of());
        }

        private void checkTree() {
            if (tree.files().size() > limits.maxFiles()) {
                errors.add(new GateError("", 1, "the content tree has " + tree.files().size()
                        + " files; the limit is " + limits.maxFiles()));
            }
            if (tree.totalBytes() > limits.maxTotalBytes()) {
                errors.add(new GateError("", 1, "the content tree is " + tree.totalBytes()
                        + " bytes; the limit is " + limits.maxTotalBytes()));
            }
            for (ContentFile file : tree.files()) {
                String path = file.path();
                if (!isSupported(path)) {
                    errors.add(new GateError(path, 1, "unsupported file: content holds .md pages, "
                            + HUB_CONFIG + " and data/*.yaml"));
                    continue;
                }
                if (!validPath(path)) {
                    errors.add(new GateError(path, 1, "file and folder names may use only letters, digits, "
                            + "hyphens and underscores, at most 100 characters each (they become URLs)"));
                    continue;
                }
                if (file.size() > limits.maxFileBytes()) {
                    errors.add(new GateError(path, 1, "file is " + file.size() + " bytes; the limit is "
                            + limits.maxFileBytes()));
                    continue;
                }
                decode(file).ifPresent(text -> texts.put(path, text));
            }
        }

        private Optional<String> decode(ContentFile file) {
            byte[] bytes = file.bytes();
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            try {
                String text = decoder.decode(buffer).toString();
                int nul = text.indexOf('\0');
                if (nul >= 0) {
                    errors.add(new GateError(file.path(), lineAt(text, nul), "NUL character: this looks like a binary file"));
                    return Optional.empty();
                }
                // Control characters other than tabs and line breaks are invisible in an editor and
                // forbidden in XML (the guide, the feeds) and in HTML: refused here, where the line is known.
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F)) {
                        errors.add(new GateError(file.path(), lineAt(text, i), String.format(Locale.ROOT,
                                "control character U+%04X: only tabs and line breaks may appear in text", (int) c)));
                        return Optional.empty();
                    }
                }
                return Optional.of(text);
            } catch (MalformedInputException e) {
                int at = buffer.position();
                int line = 1;
                int column = 1;
                for (int i = 0; i < at; i++) {
                    if (bytes[i] == '\n') {
                        line++;
                        column = 1;
                    } else if ((bytes[i] & 0xC0) != 0x80) {
                        column++;
                    }
                }
                errors.add(new GateError(file.path(), line, String.format(Locale.ROOT,
                        "invalid UTF-8: byte 0x%02X at column %d (save the file as UTF-8)", bytes[at] & 0xFF, column)));
                return Optional.empty();
            } catch (CharacterCodingException e) {
                errors.add(new GateError(file.path(), 1, "invalid UTF-8: " + e.getMessage()));
                return Optional.empty();
            }
        }

        private Optional<HubConfig> readConfig() {
            String text = texts.get(HUB_CONFIG);
            if (text == null) {
                if (tree.file(HUB_CONFIG).isEmpty()) {
                    errors.add(new GateError(HUB_CONFIG, 1, "missing hub config (title, baseUrl, author, language)"));
                }
                return Optional.empty();
            }
            try {
                YamlMapping yaml = YamlMapping.parse(text, 1);
                Optional<String> title = required(HUB_CONFIG, yaml, "title");
                Optional<String> baseUrl = required(HUB_CONFIG, yaml, "baseUrl");
                Optional<String> author = required(HUB_CONFIG, yaml, "author");
                Optional<String> language = required(HUB_CONFIG, yaml, "language");
                if (baseUrl.isPresent() && !baseUrl.get().matches("https?://[^/\\s]+(/[^\\s]*)?")) {
                    errors.add(new GateError(HUB_CONFIG, yaml.lineOf("baseUrl"),
                            "baseUrl must be an absolute http(s) URL, e.g. https://hub.example.com"));
                    baseUrl = Optional.empty();
                }
                if (language.isPresent() && !language.get().matches("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*")) {
                    errors.add(new GateError(HUB_CONFIG, yaml.lineOf("language"), "language must be a BCP 47 tag such as en or en-US"));
                    language = Optional.empty();
                }
                List<HubConfig.SectionInfo> sections = new ArrayList<>();
                for (YamlMapping s : yaml.mappings("sections")) {
                    Optional<String> id = required(HUB_CONFIG, s, "id");
                    Optional<String> sectionTitle = required(HUB_CONFIG, s, "title");
                    if (id.isPresent() && sectionTitle.isPresent()) {
                        sections.add(new HubConfig.SectionInfo(id.get(), sectionTitle.get()));
                    }
                }
                if (sections.isEmpty()) {
                    errors.add(new GateError(HUB_CONFIG, yaml.lineOf("sections"),
                            "sections must list the hub's sections in reading order, each with id and title"));
                }
                Map<String, Map<String, Object>> channels = new LinkedHashMap<>();
                Optional<YamlMapping> channelMap = yaml.mapping("channels");
                if (channelMap.isPresent()) {
                    for (String channel : channelMap.get().keys()) {
                        channels.put(channel, channelMap.get().mapping(channel).map(YamlMapping::scalars).orElse(Map.of()));
                    }
                }
                if (title.isEmpty() || baseUrl.isEmpty() || author.isEmpty() || language.isEmpty() || sections.isEmpty()) {
                    return Optional.empty();
                }
                String base = baseUrl.get().endsWith("/") ? baseUrl.get().substring(0, baseUrl.get().length() - 1) : baseUrl.get();
                return Optional.of(new HubConfig(title.get(), yaml.string("subtitle").orElse(""),
                        yaml.string("description").orElse(""), base, author.get(), language.get(), sections, channels));
            } catch (YamlMapping.Problem p) {
                errors.add(new GateError(HUB_CONFIG, p.line, p.getMessage()));
                return Optional.empty();
            }
        }

        private Optional<Compensation> readCompensation() {
            String text = texts.get(COMPENSATION_DATA);
            if (text == null) {
                return Optional.empty();
            }
            String path = COMPENSATION_DATA;
            try {
                YamlMapping yaml = YamlMapping.parse(text, 1);
                Optional<String> currency = required(path, yaml, "currency");
                List<Compensation.Level> levels = new ArrayList<>();
                for (YamlMapping level : yaml.mappings("levels")) {
                    Optional<String> id = required(path, level, "id");
                    Optional<String> label = required(path, level, "label");
                    Optional<Long> min = level.integer("min");
                    Optional<Long> max = level.integer("max");
                    if (min.isEmpty() || max.isEmpty()) {
                        errors.add(new GateError(path, level.line(), "each level needs whole-number min and max"));
                        continue;
                    }
                    if (min.get() < 0 || min.get() > max.get()) {
                        errors.add(new GateError(path, level.lineOf("min"), "min must be between 0 and max"));
                        continue;
                    }
                    if (id.isPresent() && label.isPresent()) {
                        levels.add(new Compensation.Level(id.get(), label.get(), level.string("titles").orElse(""),
                                level.string("years").orElse(""), min.get(), max.get(),
                                level.bool("openEnded").orElse(false), level.string("measure").orElse(""),
                                level.string("note").orElse("")));
                    }
                }
                if (levels.isEmpty()) {
                    errors.add(new GateError(path, yaml.lineOf("levels"), "levels must list at least one level"));
                }
                if (currency.isEmpty() || levels.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(new Compensation(currency.get(), yaml.integer("source").orElse(0L).intValue(),
                        yaml.string("basis").orElse(""), levels));
            } catch (YamlMapping.Problem p) {
                errors.add(new GateError(path, p.line, p.getMessage()));
                return Optional.empty();
            }
        }

        /** A page as the last inspections read it when nothing it depends on changed, else read afresh. */
        private Optional<Page> cachedPage(String path, String text, Optional<HubConfig> config, boolean hasCompensation,
                                          List<PendingLink> links) {
            List<String> sections = config.map(c -> c.sections().stream().map(HubConfig.SectionInfo::id).toList()).orElse(null);
            CachedPage cached = PublishGate.this.pages.get(path);
            if (cached != null && sections != null && cached.hasCompensation == hasCompensation
                    && cached.sections.equals(sections) && cached.text.equals(text)) {
                cached.used = generation;
                links.addAll(cached.links);
                return Optional.of(cached.page);
            }
            int errorsBefore = errors.size();
            List<PendingLink> own = new ArrayList<>();
            Optional<Page> page = readPage(path, text, config, hasCompensation, own);
            links.addAll(own);
            if (page.isPresent() && sections != null && errors.size() == errorsBefore) {
                PublishGate.this.pages.put(path, new CachedPage(text, sections, hasCompensation, page.get(), List.copyOf(own), generation));
            }
            return page;
        }

        private Optional<Page> readPage(String path, String text, Optional<HubConfig> config, boolean hasCompensation,
                                        List<PendingLink> links) {
            Optional<FrontMatter> split = FrontMatter.split(text);
            if (split.isEmpty()) {
                errors.add(new GateError(path, 1, "missing front matter: start the file with a --- block "
                        + "holding title, summary, section and order, closed by ---"));
                return Optional.empty();
            }
            FrontMatter fm = split.get();
            int before = errors.size();
            String title = null;
            String summary = null;
            String section = null;
            int order = 0;
            List<String> tags = List.of();
            PageKind kind = PageKind.ARTICLE;
            try {
                YamlMapping yaml = YamlMapping.parse(fm.yaml(), fm.yamlLine());
                for (String key : yaml.keys()) {
                    if (!PAGE_KEYS.contains(key)) {
                        errors.add(new GateError(path, yaml.lineOf(key), "unknown front matter key '" + key
                                + "' (allowed: " + String.join(", ", PAGE_KEYS.stream().sorted().toList()) + ")"));
                    }
                }
                title = required(path, yaml, "title").orElse(null);
                summary = required(path, yaml, "summary").orElse(null);
                section = required(path, yaml, "section").orElse(null);
                if (title != null && title.length() > MAX_TITLE) {
                    errors.add(new GateError(path, yaml.lineOf("title"), "title is " + title.length()
                            + " characters; the limit is " + MAX_TITLE));
                }
                if (summary != null && summary.length() > MAX_SUMMARY) {
                    errors.add(new GateError(path, yaml.lineOf("summary"), "summary is " + summary.length()
                            + " characters; the limit is " + MAX_SUMMARY));
                }
                if (section != null && config.isPresent() && config.get().section(section).isEmpty()) {
                    errors.add(new GateError(path, yaml.lineOf("section"), "unknown section '" + section
                            + "' (hub.yaml lists: " + String.join(", ", config.get().sections().stream()
                            .map(HubConfig.SectionInfo::id).toList()) + ")"));
                }
                Optional<Long> orderValue = yaml.integer("order");
                if (orderValue.isEmpty()) {
                    errors.add(new GateError(path, yaml.lineOf("order"), "missing required field 'order' (a whole number)"));
                } else {
                    order = orderValue.get().intValue();
                }
                tags = yaml.strings("tags");
                Optional<String> kindValue = yaml.string("kind");
                if (kindValue.isPresent()) {
                    Optional<PageKind> parsed = PageKind.parse(kindValue.get());
                    if (parsed.isEmpty()) {
                        errors.add(new GateError(path, yaml.lineOf("kind"), "kind must be article or faq"));
                    } else {
                        kind = parsed.get();
                    }
                }
            } catch (YamlMapping.Problem p) {
                errors.add(new GateError(path, p.line, p.getMessage()));
            }

            String slug = slugOf(path);
            Document document = markdown.parse(fm.body());
            List<dev.hubpress.core.model.Heading> headings = markdown.headings(document, fm.bodyLine());
            checkBody(path, slug, document, fm.bodyLine(), hasCompensation, links);
            if (errors.size() > before || title == null || summary == null || section == null) {
                return Optional.empty();
            }
            return Optional.of(new Page(path, slug, title, summary, section, order, tags, kind, fm.body(),
                    fm.bodyLine(), document, headings));
        }

        private void checkBody(String path, String slug, Document document, int bodyLine, boolean hasCompensation,
                               List<PendingLink> links) {
            int previousLevel = 1;
            for (Node node : document.getDescendants()) {
                if (node instanceof HtmlBlockBase || node instanceof HtmlInlineBase) {
                    errors.add(new GateError(path, lineOf(node, bodyLine), "raw HTML is not allowed: " + excerpt(node.getChars().toString())));
                } else if (node instanceof Heading heading) {
                    if (heading.getLevel() == 1) {
                        errors.add(new GateError(path, lineOf(node, bodyLine), "level-1 heading in the body: the front matter title is the "
                                + "page's only h1; start body headings at ##"));
                    } else if (heading.getLevel() > previousLevel + 1) {
                        errors.add(new GateError(path, lineOf(node, bodyLine), "heading level jumps from h" + previousLevel + " to h"
                                + heading.getLevel() + "; do not skip levels"));
                    }
                    previousLevel = heading.getLevel();
                } else if (node instanceof Image || node instanceof ImageRef) {
                    errors.add(new GateError(path, lineOf(node, bodyLine), "images are not supported (renderers load no external "
                            + "resource): describe it in text or use a hub-chart block"));
                } else if (node instanceof Link link) {
                    classify(path, slug, lineOf(node, bodyLine), link.getUrl().unescape(), links);
                } else if (node instanceof Reference reference) {
                    classify(path, slug, lineOf(node, bodyLine), reference.getUrl().unescape(), links);
                } else if (node instanceof AutoLink autoLink) {
                    classify(path, slug, lineOf(node, bodyLine), LinkPolicy.autolinkDestination(autoLink.getText().unescape()), links);
                } else if (node instanceof MailLink) {
                    continue;
                } else if (node instanceof Footnote footnote && footnote.getFootnoteBlock() == null) {
                    errors.add(new GateError(path, lineOf(node, bodyLine), "footnote [^" + footnote.getText() + "] has no definition"));
                } else if (node instanceof FootnoteBlock block && !block.isReferenced()) {
                    errors.add(new GateError(path, lineOf(node, bodyLine), "footnote [^" + block.getText() + "] is defined but never cited"));
                } else if (node instanceof FencedCodeBlock code && code.getInfo().toString().trim().equals("hub-chart")) {
                    String name = code.getContentChars().toString().trim();
                    if (!FIGURES.contains(name)) {
                        errors.add(new GateError(path, lineOf(node, bodyLine), "unknown hub-chart '" + name + "' (known: " + String.join(", ", FIGURES) + ")"));
                    } else if (!hasCompensation) {
                        errors.add(new GateError(path, lineOf(node, bodyLine), "hub-chart '" + name + "' needs " + COMPENSATION_DATA));
                    }
                }
            }
        }

        private void classify(String path, String slug, int line, String destination, List<PendingLink> links) {
            LinkPolicy.Target target = LinkPolicy.classify(destination, slug);
            if (target instanceof LinkPolicy.Unsafe unsafe) {
                errors.add(new GateError(path, line, "unsafe link: " + unsafe.reason()));
            } else if (target instanceof LinkPolicy.NotAPage notAPage) {
                errors.add(new GateError(path, line, "broken link '" + destination + "': links inside the hub must "
                        + "name a .md page"));
            } else if (target instanceof LinkPolicy.Internal internal) {
                links.add(new PendingLink(path, line, destination, internal.slug(), internal.anchor()));
            } else if (target instanceof LinkPolicy.SamePage same) {
                links.add(new PendingLink(path, line, destination, slug, same.anchor()));
            }
        }

        /** Slugs of every page file (loaded or not): unique, and not one the site generates itself. */
        private void checkSlugs() {
            Map<String, String> seen = new HashMap<>();
            for (String path : texts.keySet()) {
                if (!path.endsWith(".md")) {
                    continue;
                }
                String slug = slugOf(path);
                String first = seen.putIfAbsent(slug, path);
                if (first != null) {
                    errors.add(new GateError(path, 1, "duplicate slug '" + slug + "': " + first
                            + " already publishes to " + slug + ".html"));
                }
                String top = slug.contains("/") ? slug.substring(0, slug.indexOf('/')) : slug;
                if (RESERVED_SLUGS.contains(slug) || (slug.contains("/") && RESERVED_FOLDERS.contains(top))) {
                    errors.add(new GateError(path, 1, "slug '" + slug + "' is reserved for a page the site "
                            + "generates; rename the file"));
                }
            }
        }

        private void checkLinks(List<Page> pages, List<PendingLink> links) {
            Map<String, Page> bySlug = new HashMap<>();
            pages.forEach(p -> bySlug.put(p.slug(), p));
            // Slugs of every page file, loaded or not: a link to a page that has errors of its own
            // is not reported a second time as broken.
            Set<String> fileSlugs = new java.util.HashSet<>();
            tree.files().stream().map(ContentFile::path).filter(p -> p.endsWith(".md")).forEach(p -> fileSlugs.add(slugOf(p)));
            for (PendingLink link : links) {
                Page target = bySlug.get(link.slug());
                if (target == null) {
                    if (!fileSlugs.contains(link.slug())) {
                        errors.add(new GateError(link.path(), link.line(), "broken link '" + link.destination()
                                + "': no page " + link.slug() + ".md"));
                    }
                    continue;
                }
                if (!link.anchor().isEmpty() && !target.hasAnchor(link.anchor()) && !isFootnoteAnchor(link.anchor())) {
                    errors.add(new GateError(link.path(), link.line(), "broken anchor '" + link.destination()
                            + "': " + target.path() + " has no heading with id '" + link.anchor() + "'"));
                }
            }
        }

        private boolean isFootnoteAnchor(String anchor) {
            return anchor.startsWith("fn-") || anchor.startsWith("fnref-");
        }

        private Optional<String> required(String path, YamlMapping yaml, String key) throws YamlMapping.Problem {
            Optional<String> value = yaml.string(key).map(String::strip);
            if (value.isEmpty() || value.get().isEmpty()) {
                errors.add(new GateError(path, yaml.lineOf(key), "missing required field '" + key + "'"));
                return Optional.empty();
            }
            return value;
        }
    }

    private record PendingLink(String path, int line, String destination, String slug, String anchor) {
    }

    /** A page's slug: its path without .md, lower case, underscores as hyphens (URLs stay predictable). */
    public static String slugOf(String path) {
        return SitePaths.slugOf(path);
    }

    private static boolean isSupported(String path) {
        return path.equals(HUB_CONFIG) || path.endsWith(".md")
                || (path.startsWith("data/") && path.endsWith(".yaml") && path.indexOf('/', 5) < 0);
    }

    private static boolean validPath(String path) {
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = i == segments.length - 1 ? segments[i].replaceFirst("\\.(md|yaml)$", "") : segments[i];
            if (!SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }

    /** File line of a body node. Computed only when needed: Flexmark counts lines from the start. */
    private static int lineOf(Node node, int bodyLine) {
        return bodyLine + node.getStartLineNumber();
    }

    private static int lineAt(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String excerpt(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() > 60 ? one.substring(0, 57) + "…" : one;
    }

    /** Reading order: by section as hub.yaml lists them, the section's index page first, then order, then title. */
    static Comparator<Page> readingOrder(HubConfig config) {
        List<String> sectionIds = config.sections().stream().map(HubConfig.SectionInfo::id).toList();
        return Comparator.<Page>comparingInt(p -> sectionIds.indexOf(p.section()))
                .thenComparing(p -> !p.isSectionIndex())
                .thenComparingInt(Page::order)
                .thenComparing(Page::title)
                .thenComparing(Page::slug);
    }
}
