package dev.hubpress.core.load;

import dev.hubpress.core.content.GateError;

import java.util.List;
import java.util.Optional;

/**
 * A content tree as {@link ContentReader} read it: hub.yaml and the data file as YAML, every page
 * as a {@link PageSource}, and what could not be read (not UTF-8, a control character, invalid
 * YAML, no front matter) as problems at their lines.
 *
 * @param config       hub.yaml, when present and valid YAML
 * @param compensation data/compensation.yaml, when present and valid YAML
 * @param pages        the pages that could be read, in path order
 */
public record ReadTree(Optional<YamlMapping> config, Optional<YamlMapping> compensation, List<PageSource> pages,
                       List<GateError> problems) {

    public ReadTree {
        pages = List.copyOf(pages);
        problems = List.copyOf(problems);
    }
}
