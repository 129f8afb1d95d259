package dev.hubpress.core.load;

import dev.hubpress.core.model.Alias;
import dev.hubpress.core.model.Compensation;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.HubConfig;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.model.PageKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the content model of what {@link ContentReader} read: the hub's config, its data and its
 * pages in reading order. It trusts what it is given: the gate has checked it (or it is the
 * snapshot of an accepted revision), so a value it cannot read is a bug, not a user's error.
 */
public final class HubModel {

    private HubModel() {
    }

    /** The hub of a read tree that passed the gate's rules. */
    public static Hub hub(ReadTree read) {
        YamlMapping yaml = read.config().orElseThrow(() -> new IllegalStateException("no " + ContentReader.HUB_CONFIG));
        HubConfig config = trusted(ContentReader.HUB_CONFIG, () -> config(yaml));
        Optional<Compensation> compensation = read.compensation()
                .map(data -> trusted(ContentReader.COMPENSATION_DATA, () -> compensation(data)));
        List<Page> pages = new ArrayList<>();
        for (PageSource source : read.pages()) {
            pages.add(page(source));
        }
        pages.sort(readingOrder(config));
        return new Hub(config, compensation, pages);
    }

    /** A page of a read that passed the gate's rules. */
    public static Page page(PageSource source) {
        YamlMapping fm = source.frontMatter().orElseThrow(() -> new IllegalStateException(source.path() + ": no front matter"));
        return trusted(source.path(), () -> new Page(source.path(), source.slug(), text(fm, "title"), text(fm, "summary"),
                text(fm, "section"), fm.integer("order").orElse(0L).intValue(), fm.strings("tags"),
                fm.string("kind").flatMap(PageKind::parse).orElse(PageKind.ARTICLE), source.body().markdown(),
                source.bodyLine(), source.body(), source.headings(),
                fm.strings("aliases").stream().map(a -> Alias.slug(a).orElseThrow()).toList()));
    }

    private static HubConfig config(YamlMapping yaml) throws YamlMapping.Problem {
        List<HubConfig.SectionInfo> sections = new ArrayList<>();
        for (YamlMapping s : yaml.mappings("sections")) {
            sections.add(new HubConfig.SectionInfo(text(s, "id"), text(s, "title")));
        }
        Map<String, Map<String, Object>> channels = new LinkedHashMap<>();
        Optional<YamlMapping> channelMap = yaml.mapping("channels");
        if (channelMap.isPresent()) {
            for (String channel : channelMap.get().keys()) {
                channels.put(channel, channelMap.get().mapping(channel).map(YamlMapping::scalars).orElse(Map.of()));
            }
        }
        String baseUrl = text(yaml, "baseUrl");
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return new HubConfig(text(yaml, "title"), yaml.string("subtitle").orElse(""), yaml.string("description").orElse(""),
                base, text(yaml, "author"), text(yaml, "language"), sections, channels);
    }

    private static Compensation compensation(YamlMapping yaml) throws YamlMapping.Problem {
        List<Compensation.Level> levels = new ArrayList<>();
        for (YamlMapping level : yaml.mappings("levels")) {
            levels.add(new Compensation.Level(text(level, "id"), text(level, "label"), level.string("titles").orElse(""),
                    level.string("years").orElse(""), level.integer("min").orElseThrow(), level.integer("max").orElseThrow(),
                    level.bool("openEnded").orElse(false), level.string("measure").orElse(""), level.string("note").orElse("")));
        }
        return new Compensation(text(yaml, "currency"), yaml.integer("source").orElse(0L).intValue(),
                yaml.string("basis").orElse(""), levels);
    }

    /** A required text value, as the gate checked it: present, and stripped of surrounding blanks. */
    private static String text(YamlMapping yaml, String key) throws YamlMapping.Problem {
        return yaml.string(key).map(String::strip).orElse("");
    }

    /**
     * Reading order: by section as hub.yaml lists them, the section's index page first, then
     * order, then title.
     */
    public static Comparator<Page> readingOrder(HubConfig config) {
        List<String> sectionIds = config.sections().stream().map(HubConfig.SectionInfo::id).toList();
        return Comparator.<Page>comparingInt(p -> sectionIds.indexOf(p.section()))
                .thenComparing(p -> !p.isSectionIndex())
                .thenComparingInt(Page::order)
                .thenComparing(Page::title)
                .thenComparing(Page::slug);
    }

    private interface Reading<T> {
        T read() throws YamlMapping.Problem;
    }

    private static <T> T trusted(String path, Reading<T> reading) {
        try {
            return reading.read();
        } catch (YamlMapping.Problem | RuntimeException e) {
            throw new IllegalStateException(path + ": cannot be read although the gate passed it: " + e.getMessage(), e);
        }
    }
}
