package dev.hubpress.core.gate;

import com.vladsch.flexmark.util.sequence.Escaping;
import dev.hubpress.core.channel.Channel;
import dev.hubpress.core.channel.CharacterSet;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.content.GateError;
import dev.hubpress.core.load.ContentReader;
import dev.hubpress.core.load.PageSource;
import dev.hubpress.core.load.ReadTree;
import dev.hubpress.core.load.YamlMapping;
import dev.hubpress.core.work.Parallel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Characters a channel cannot print ({@link Channel#printable()}): every value of hub.yaml, the
 * data file and each page's front matter, and every line of each page body with its character
 * references decoded, is held to the printable set of each channel that declares one. Each
 * character a file holds that a channel cannot print is reported once, at the first line it is
 * on, naming it (U+XXXX, the character, its Unicode name); past {@value #MAX_PER_FILE} in one file
 * the rest are counted in one last error.
 *
 * <p>The body is checked as written rather than as rendered: a character only in a link's
 * destination, a link reference or a code span's literal {@code &#…;} is checked too. That is
 * stricter than needed in those rare places, and never lets a character the channel would not
 * print through.
 */
final class PrintableRules {

    /** Characters reported per file and channel at most: a page in a script no font has would otherwise flood the list. */
    static final int MAX_PER_FILE = 20;

    private PrintableRules() {
    }

    static void check(ReadTree read, Channels channels, List<GateError> errors) {
        for (Channel channel : channels.all()) {
            Optional<CharacterSet> printable = channel.printable();
            if (printable.isEmpty()) {
                continue;
            }
            read.config().ifPresent(yaml -> checkYaml(ContentReader.HUB_CONFIG, yaml, channel.id(), printable.get(), errors));
            read.compensation().ifPresent(yaml -> checkYaml(ContentReader.COMPENSATION_DATA, yaml, channel.id(), printable.get(), errors));
            // On every core, each page's errors kept in page order: one core took 0.7 s at 10,000 pages.
            Parallel.map(read.pages(), page -> errors(page, channel.id(), printable.get())).forEach(errors::addAll);
        }
    }

    private static List<GateError> errors(PageSource page, String channel, CharacterSet printable) {
        Unprintable found = new Unprintable(page.path(), channel, printable);
        page.frontMatter().ifPresent(yaml -> yaml.texts().forEach(t -> found.scan(t.value(), t.line())));
        String markdown = page.body().markdown();
        // Most bodies hold neither a character the channel cannot print nor a reference that could
        // write one: one pass tells, and only the others are read line by line, references resolved.
        if (markdown.indexOf('&') >= 0 || !found.printable(markdown)) {
            String[] lines = markdown.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                found.scan(line.indexOf('&') >= 0 ? Escaping.unescapeHtml(line) : line, page.bodyLine() + i);
            }
        }
        List<GateError> errors = new ArrayList<>();
        found.report(errors);
        return errors;
    }

    private static void checkYaml(String path, YamlMapping yaml, String channel, CharacterSet printable, List<GateError> errors) {
        Unprintable found = new Unprintable(path, channel, printable);
        yaml.texts().forEach(t -> found.scan(t.value(), t.line()));
        found.report(errors);
    }

    /** The characters of one file a channel cannot print, each with the first line it is on. */
    private static final class Unprintable {
        private final String path;
        private final String channel;
        private final CharacterSet printable;
        private final Map<Integer, Integer> firstLine = new LinkedHashMap<>();

        Unprintable(String path, String channel, CharacterSet printable) {
            this.path = path;
            this.channel = channel;
            this.printable = printable;
        }

        void scan(String text, int line) {
            text.codePoints().forEach(c -> {
                if (!printable(c)) {
                    firstLine.merge(c, line, Math::min);
                }
            });
        }

        /** Whether the channel can print every character of the text. */
        boolean printable(String text) {
            for (int i = 0; i < text.length(); ) {
                int c = text.codePointAt(i);
                if (!printable(c)) {
                    return false;
                }
                i += Character.charCount(c);
            }
            return true;
        }

        private boolean printable(int c) {
            return c == '\t' || c == '\n' || c == '\r' || printable.contains(c);
        }

        void report(List<GateError> errors) {
            List<Map.Entry<Integer, Integer>> found = new ArrayList<>(firstLine.entrySet());
            found.sort(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
            for (int i = 0; i < found.size() && i < MAX_PER_FILE; i++) {
                int c = found.get(i).getKey();
                errors.add(new GateError(path, found.get(i).getValue(), String.format(Locale.ROOT,
                        "the %s channel cannot print U+%04X '%s' (%s): use another character or leave it out",
                        channel, c, Character.toString(c), name(c))));
            }
            if (found.size() > MAX_PER_FILE) {
                Map.Entry<Integer, Integer> next = found.get(MAX_PER_FILE);
                errors.add(new GateError(path, next.getValue(), String.format(Locale.ROOT,
                        "and %d more characters the %s channel cannot print, the first U+%04X on this line",
                        found.size() - MAX_PER_FILE, channel, next.getKey())));
            }
        }

        private static String name(int c) {
            String name = Character.getName(c);
            return name == null ? "unassigned" : name;
        }
    }
}
