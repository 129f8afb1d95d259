package dev.hubpress.core.load;

import com.vladsch.flexmark.util.ast.Document;
import dev.hubpress.core.cache.CachedEntries;
import dev.hubpress.core.cache.CodeVersion;
import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.content.GateError;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.markdown.ParsedBody;
import dev.hubpress.core.markdown.SitePaths;
import dev.hubpress.core.port.RenderCache;
import dev.hubpress.core.work.Parallel;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads content files into what the gate checks and the hub is made of: text decoded as UTF-8,
 * YAML with the line of every value, page bodies as their outline (headings, links, footnotes…
 * at their lines) with the parsed document when someone needs it. It reports what cannot be read
 * and checks nothing else; that is the gate's job. Files are read on every core, and what is read
 * comes back in path order, problems included, however the work was spread.
 *
 * <p>A reader remembers the pages of its last two reads: a page whose path and text it read then
 * is not read again, and keeps the same parsed body. (Two: an ingest reads the new tree, then the
 * parent's changed pages; the next read of the new tree still finds its pages.) Body outlines are
 * also kept by the page file's hash in a {@link RenderCache}, for the next process: a page found
 * there is not parsed unless a renderer needs its document. One reader serves a process: the gate
 * and the loader share it.
 */
public final class ContentReader {

    /** The hub's settings. */
    public static final String HUB_CONFIG = "hub.yaml";
    /** The pay bands the compensation chart draws. */
    public static final String COMPENSATION_DATA = "data/compensation.yaml";
    /** Name of the body outlines in the render cache. */
    static final String OUTLINES = "page-outlines";

    /** Problems of one kind reported per file at most: a binary-like file would otherwise flood the list. */
    private static final int MAX_CHARACTER_PROBLEMS = 20;

    private final MarkdownEngine markdown;
    /** Pages of the last two reads, by path and text. */
    private final Map<Key, Cached> remembered = new ConcurrentHashMap<>();
    private final CachedEntries<BodyOutline> outlines;
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong parsed = new AtomicLong();

    private record Key(String path, String text) {
    }

    /** A page as read from its text, with what could not be read of it (invalid front matter YAML). */
    private static final class Cached {
        final PageSource page;
        final List<GateError> problems;
        volatile long used;

        Cached(PageSource page, List<GateError> problems, long used) {
            this.page = page;
            this.problems = problems;
            this.used = used;
        }
    }

    /** One file as read: what could not be read of it, and the page or the YAML it holds. */
    private record FileRead(String path, List<GateError> problems, PageSource page, Optional<YamlMapping> yaml) {
    }

    /** A reader that keeps nothing between processes. */
    public ContentReader(MarkdownEngine markdown) {
        this(markdown, RenderCache.NONE);
    }

    /** A reader that keeps body outlines in this cache for the next process. */
    public ContentReader(MarkdownEngine markdown, RenderCache cache) {
        this.markdown = markdown;
        this.outlines = CachedEntries.amended(cache, OUTLINES, CodeVersion.of("core"), BodyOutline.CODEC);
    }

    /** Reads these files: hub.yaml, the data file and the pages; any other file is not read. */
    public ReadTree read(List<ContentFile> files) {
        long read = reads.incrementAndGet();
        List<ContentFile> wanted = files.stream().filter(f -> isPage(f.path())
                || f.path().equals(HUB_CONFIG) || f.path().equals(COMPENSATION_DATA)).toList();
        List<FileRead> results;
        try {
            results = Parallel.map(wanted, file -> readFile(file, read));
        } finally {
            outlines.endRound();
        }
        List<GateError> problems = new ArrayList<>();
        Optional<YamlMapping> config = Optional.empty();
        Optional<YamlMapping> compensation = Optional.empty();
        List<PageSource> pages = new ArrayList<>();
        for (FileRead result : results) {
            problems.addAll(result.problems());
            if (result.page() != null) {
                pages.add(result.page());
            } else if (result.path().equals(HUB_CONFIG)) {
                config = result.yaml();
            } else if (result.path().equals(COMPENSATION_DATA)) {
                compensation = result.yaml();
            }
        }
        remembered.values().removeIf(c -> c.used < read - 1);
        pages.sort(java.util.Comparator.comparing(PageSource::path));
        return new ReadTree(config, compensation, pages, problems);
    }

    /** How many page files this reader has parsed so far (a page read again unchanged, or whose outline was cached, is not parsed). */
    public long pagesParsed() {
        return parsed.get();
    }

    /** How many pages the reader remembers (its memory is bounded by the last two reads). */
    public int remembered() {
        return remembered.size();
    }

    private static boolean isPage(String path) {
        return path.endsWith(".md");
    }

    private FileRead readFile(ContentFile file, long read) {
        String path = file.path();
        List<GateError> problems = new ArrayList<>();
        Optional<String> text = decode(file, problems);
        if (text.isEmpty()) {
            return new FileRead(path, problems, null, Optional.empty());
        }
        if (!isPage(path)) {
            return new FileRead(path, problems, null, yaml(path, text.get(), 1, problems));
        }
        Key key = new Key(path, text.get());
        Cached cached = remembered.get(key);
        if (cached == null) {
            List<GateError> own = new ArrayList<>();
            Optional<PageSource> source = readPage(file, text.get(), own);
            cached = new Cached(source.orElse(null), List.copyOf(own), read);
            Cached raced = remembered.putIfAbsent(key, cached);
            if (raced != null) {
                cached = raced;
            }
        }
        cached.used = read;
        problems.addAll(cached.problems);
        return new FileRead(path, problems, cached.page, Optional.empty());
    }

    private Optional<PageSource> readPage(ContentFile file, String text, List<GateError> problems) {
        String path = file.path();
        Optional<FrontMatter> split = FrontMatter.split(text);
        if (split.isEmpty()) {
            problems.add(new GateError(path, 1, FrontMatter.opens(text)
                    ? "front matter not closed: the --- on this line opens it, but no line holding only --- ends it"
                    + " (add one after the last field, before the Markdown)"
                    : "missing front matter: start the file with a --- block "
                    + "holding title, summary, section and order, closed by ---"));
            return Optional.empty();
        }
        FrontMatter fm = split.get();
        Optional<YamlMapping> frontMatter = yaml(path, fm.yaml(), fm.yamlLine(), problems);
        if (!MarkdownLimits.check(path, fm.body(), fm.bodyLine(), problems)) {
            return Optional.empty();
        }
        // The outline is a function of the file's text: kept by its hash. A page whose outline is
        // found is parsed only if a renderer asks for its document.
        ParsedBody[] parsedHere = new ParsedBody[1];
        BodyOutline outline = outlines.get(file.blobHash(), () -> {
            parsed.incrementAndGet();
            Document document = markdown.parse(fm.body());
            parsedHere[0] = ParsedBody.parsed(fm.body(), markdown, document);
            return BodyOutline.of(document, fm.body(), fm.bodyLine());
        });
        ParsedBody body = parsedHere[0] != null ? parsedHere[0] : ParsedBody.later(fm.body(), markdown);
        return Optional.of(new PageSource(path, SitePaths.slugOf(path), frontMatter, fm.bodyLine(), body, outline));
    }

    private static Optional<YamlMapping> yaml(String path, String text, int firstLine, List<GateError> problems) {
        try {
            YamlMapping yaml = YamlMapping.parse(text, firstLine);
            // A YAML escape ("\a", "\x07") writes a control character the text itself does not show.
            for (YamlMapping.Problem p : yaml.valuesWith(ContentReader::forbidden, "forbidden character")) {
                problems.add(new GateError(path, p.line(), p.getMessage()));
            }
            return Optional.of(yaml);
        } catch (YamlMapping.Problem p) {
            problems.add(new GateError(path, p.line(), p.getMessage()));
            return Optional.empty();
        }
    }

    /** The file as text; empty, with a problem at its line, when it is not UTF-8 or holds a control character. */
    static Optional<String> decode(ContentFile file, List<GateError> problems) {
        byte[] bytes = file.bytes();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            String text = decoder.decode(buffer).toString();
            int nul = text.indexOf('\0');
            if (nul >= 0) {
                problems.add(new GateError(file.path(), lineAt(text, nul), "NUL character: this looks like a binary file"));
                return Optional.empty();
            }
            // Control characters other than tabs and line breaks, and the noncharacters U+FFFE and
            // U+FFFF, are invisible in an editor and forbidden in XML (the guide, the feeds) and in
            // HTML: refused here, where the line is known. Every one is reported, and the file is
            // still read, so its other problems are reported too.
            int reported = 0;
            for (int i = 0; i < text.length() && reported < MAX_CHARACTER_PROBLEMS; i++) {
                char c = text.charAt(i);
                if (forbidden(c)) {
                    problems.add(new GateError(file.path(), lineAt(text, i), String.format(Locale.ROOT,
                            "%s U+%04X: only tabs and line breaks may appear in text",
                            c >= 0xFFFE ? "noncharacter" : "control character", (int) c)));
                    reported++;
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
            problems.add(new GateError(file.path(), line, String.format(Locale.ROOT,
                    "invalid UTF-8: byte 0x%02X at column %d (save the file as UTF-8)", bytes[at] & 0xFF, column)));
            return Optional.empty();
        } catch (CharacterCodingException e) {
            problems.add(new GateError(file.path(), 1, "invalid UTF-8: " + e.getMessage()));
            return Optional.empty();
        }
    }

    /** Whether a character may not appear in content text (nor in any YAML value). */
    static boolean forbidden(int c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF;
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
}
