package dev.hubpress.core.gate;

import dev.hubpress.core.content.GateError;
import dev.hubpress.core.load.PageSource;
import dev.hubpress.core.load.YamlMapping;
import dev.hubpress.core.model.Alias;
import dev.hubpress.core.model.PageKind;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A page's front matter: known keys only, the required fields, their lengths and kinds. */
final class PageRules {

    private static final Set<String> KEYS = Set.of("title", "summary", "section", "order", "tags", "kind", "aliases");
    private static final int MAX_TITLE = 120;
    private static final int MAX_SUMMARY = 300;

    private PageRules() {
    }

    /**
     * @param sections the hub's section ids; empty when hub.yaml is too broken to check against
     */
    static void check(PageSource page, Optional<List<String>> sections, List<GateError> errors) {
        if (page.frontMatter().isEmpty()) {
            return; // the reader reported why
        }
        YamlMapping yaml = page.frontMatter().get();
        Fields fields = new Fields(page.path(), errors);
        for (String key : yaml.keys()) {
            if (!KEYS.contains(key)) {
                fields.error(yaml.lineOf(key), "unknown front matter key '" + key + "' (allowed: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        fields.required(yaml, "title").filter(t -> t.length() > MAX_TITLE).ifPresent(t ->
                fields.error(yaml.lineOf("title"), "title is " + t.length() + " characters; the limit is " + MAX_TITLE));
        fields.required(yaml, "summary").filter(s -> s.length() > MAX_SUMMARY).ifPresent(s ->
                fields.error(yaml.lineOf("summary"), "summary is " + s.length() + " characters; the limit is " + MAX_SUMMARY));
        Optional<String> section = fields.required(yaml, "section");
        if (section.isPresent() && sections.isPresent() && !sections.get().contains(section.get())) {
            fields.error(yaml.lineOf("section"), "unknown section '" + section.get() + "' (hub.yaml lists: "
                    + String.join(", ", sections.get()) + ")");
        }
        try {
            if (yaml.integer("order").isEmpty()) {
                fields.error(yaml.lineOf("order"), "missing required field 'order' (a whole number)");
            }
        } catch (YamlMapping.Problem p) {
            fields.report(p);
        }
        try {
            yaml.strings("tags");
        } catch (YamlMapping.Problem p) {
            fields.report(p);
        }
        try {
            for (YamlMapping.Text alias : yaml.stringsAt("aliases")) {
                if (Alias.slug(alias.value()).isEmpty()) {
                    fields.error(alias.line(), "alias '" + alias.value() + "' is not a site path: use the old page's path"
                            + " from the site root, of lower-case letters, digits, hyphens and underscores, e.g. careers/old-name"
                            + " or careers/old-name.html");
                }
            }
        } catch (YamlMapping.Problem p) {
            fields.report(p);
        }
        fields.text(yaml, "kind").filter(k -> PageKind.parse(k).isEmpty()).ifPresent(k ->
                fields.error(yaml.lineOf("kind"), "kind must be article or faq"));
    }
}
