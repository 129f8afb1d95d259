package dev.hubpress.core.load;

import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.content.GateError;
import dev.hubpress.core.markdown.LineIndex;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.markdown.SitePaths;

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
 * YAML with the line of every value, page bodies parsed by the Markdown engine. It reports what
 * cannot be read and checks nothing else; that is the gate's job.
 *
 * <p>A reader remembers the pages of its last two reads: a page whose path and text it read then
 * is not parsed again, and keeps the same parsed document, which renderers cache their output by.
 * (Two: an ingest reads the new tree, then the parent's changed pages; the next read of the new
 * tree still finds its pages.) One reader serves a process: the gate and the loader share it.
 */
public final class ContentReader {

    /** The hub's settings. */
    public static final String HUB_CONFIG = "hub.yaml";
    /** The pay bands the compensation chart draws. */
    public static final String COMPENSATION_DATA = "data/compensation.yaml";

    /** Problems of one kind reported per file at most: a binary-like file would otherwise flood the list. */
    private static final int MAX_CHARACTER_PROBLEMS = 20;

    private final MarkdownEngine markdown;
    /** Pages of the last two reads, by path and text. */
    private final Map<Key, Cached> remembered = new ConcurrentHashMap<>();
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

    public ContentReader(MarkdownEngine markdown) {
        this.markdown = markdown;
    }

    /** Reads these files: hub.yaml, the data file and the pages; any other file is not read. */
    public ReadTree read(List<ContentFile> files) {
        long read = reads.incrementAndGet();
        List<GateError> problems = new ArrayList<>();
        Optional<YamlMapping> config = Optional.empty();
        Optional<YamlMapping> compensation = Optional.empty();
        List<PageSource> pages = new ArrayList<>();
        for (ContentFile file : files) {
            String path = file.path();
            boolean page = path.endsWith(".md");
            if (!page && !path.equals(HUB_CONFIG) && !path.equals(COMPENSATION_DATA)) {
                continue;
            }
            Optional<String> text = decode(file, problems);
            if (text.isEmpty()) {
                continue;
            }
            if (page) {
                Key key = new Key(path, text.get());
                Cached cached = remembered.get(key);
                if (cached == null) {
                    List<GateError> own = new ArrayList<>();
                    Optional<PageSource> source = readPage(path, text.get(), own);
                    cached = new Cached(source.orElse(null), List.copyOf(own), read);
                    remembered.put(key, cached);
                }
                cached.used = read;
                problems.addAll(cached.problems);
                if (cached.page != null) {
                    pages.add(cached.page);
                }
            } else {
                Optional<YamlMapping> yaml = yaml(path, text.get(), 1, problems);
                if (path.equals(HUB_CONFIG)) {
                    config = yaml;
                } else {
                    compensation = yaml;
                }
            }
        }
        remembered.values().removeIf(c -> c.used < read - 1);
        pages.sort(java.util.Comparator.comparing(PageSource::path));
        return new ReadTree(config, compensation, pages, problems);
    }

    /** How many page files this reader has parsed so far (a page read again unchanged is not parsed again). */
    public long pagesParsed() {
        return parsed.get();
    }

    /** How many pages the reader remembers (its memory is bounded by the last two reads). */
    public int remembered() {
        return remembered.size();
    }

    private Optional<PageSource> readPage(String path, String text, List<GateError> problems) {
        Optional<FrontMatter> split = FrontMatter.split(text);
        if (split.isEmpty()) {
            problems.add(new GateError(path, 1, "missing front matter: start the file with a --- block "
                    + "holding title, summary, section and order, closed by ---"));
            return Optional.empty();
        }
        FrontMatter fm = split.get();
        Optional<YamlMapping> frontMatter = yaml(path, fm.yaml(), fm.yamlLine(), problems);
        if (!MarkdownLimits.check(path, fm.body(), fm.bodyLine(), problems)) {
            return Optional.empty();
        }
        parsed.incrementAndGet();
        var document = markdown.parse(fm.body());
        LineIndex lines = LineIndex.of(fm.body());
        return Optional.of(new PageSource(path, SitePaths.slugOf(path), frontMatter, fm.body(), fm.bodyLine(), document,
                markdown.headings(document, fm.bodyLine(), lines), lines));
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
