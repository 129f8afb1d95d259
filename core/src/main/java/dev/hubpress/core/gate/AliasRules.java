package dev.hubpress.core.gate;

import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.content.GateError;
import dev.hubpress.core.load.PageSource;
import dev.hubpress.core.load.YamlMapping;
import dev.hubpress.core.markdown.SitePaths;
import dev.hubpress.core.model.Alias;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Front matter {@code aliases} across pages: an alias names a URL no page and no channel publishes
 * (a redirect there would hide it), and one alias leads to one page. Its syntax is checked with the
 * rest of the front matter ({@link PageRules}).
 */
final class AliasRules {

    private AliasRules() {
    }

    private record Declared(String path, int line) {
    }

    static void check(ContentTree tree, List<PageSource> pages, Channels channels, List<GateError> errors) {
        Map<String, String> pageFiles = tree.files().stream().map(ContentFile::path).filter(p -> p.endsWith(".md"))
                .collect(Collectors.toMap(SitePaths::slugOf, p -> p, (a, b) -> a));
        Map<String, Declared> seen = new HashMap<>();
        for (PageSource page : pages) {
            if (page.frontMatter().isEmpty()) {
                continue;
            }
            for (YamlMapping.Text alias : aliases(page.frontMatter().get())) {
                String slug = Alias.slug(alias.value()).orElse(null);
                if (slug == null) {
                    continue; // PageRules reported it
                }
                String sitePath = slug + ".html";
                String file = pageFiles.get(slug);
                Declared first = seen.putIfAbsent(slug, new Declared(page.path(), alias.line()));
                if (file != null) {
                    errors.add(new GateError(page.path(), alias.line(), "alias '" + alias.value() + "' is where "
                            + file + " publishes (" + sitePath + "): an alias names a URL no page has any more"));
                } else if (first != null) {
                    errors.add(new GateError(page.path(), alias.line(), "duplicate alias '" + alias.value() + "': "
                            + first.path() + ":" + first.line() + " declares it already"));
                } else {
                    channels.ownerOf(sitePath).ifPresent(owner -> errors.add(new GateError(page.path(), alias.line(),
                            "alias '" + alias.value() + "' is " + sitePath + ", a path the " + owner + " channel publishes")));
                }
            }
        }
    }

    private static List<YamlMapping.Text> aliases(YamlMapping yaml) {
        try {
            return yaml.stringsAt("aliases");
        } catch (YamlMapping.Problem p) {
            return List.of(); // PageRules reported it
        }
    }
}
