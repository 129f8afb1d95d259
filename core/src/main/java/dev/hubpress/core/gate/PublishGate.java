package dev.hubpress.core.gate;

import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.content.GateError;
import dev.hubpress.core.load.ContentReader;
import dev.hubpress.core.load.HubModel;
import dev.hubpress.core.load.ReadTree;
import dev.hubpress.core.work.Parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The publish gate: every revision passes it before anything is published, once, when the
 * revision is made. It reads the tree ({@link ContentReader}) and applies the rules, reporting
 * every problem it finds (not just the first) as {@code path:line: message}:
 * <ol>
 *   <li>{@link TreeRules}: file count, sizes, names and kinds, before anything is read;</li>
 *   <li>what the reader could not read: UTF-8, control characters, YAML, front matter;</li>
 *   <li>{@link ConfigRules}: hub.yaml, and every channel setting against the channel's declaration;</li>
 *   <li>{@link DataRules}: the compensation data;</li>
 *   <li>{@link PageRules} and {@link BodyRules}: each page's front matter and body;</li>
 *   <li>{@link LinkRules}: the home page, slugs, paths the channels own, links and anchors;</li>
 *   <li>{@link AliasRules}: each page's former URLs, free and declared once;</li>
 *   <li>{@link PrintableRules}: no character a channel cannot print (its {@code printable()} set).</li>
 * </ol>
 * A tree with no problem becomes the {@link dev.hubpress.core.model.Hub}; later, an accepted
 * revision is loaded again without the rules ({@link dev.hubpress.core.load.HubLoader}).
 */
public final class PublishGate {

    private final ContentReader reader;
    private final GateLimits limits;
    private final Channels channels;

    /**
     * @param channels the channels whose settings hub.yaml may hold, whose paths pages may not take and
     *                 whose printable characters the text must keep to
     */
    public PublishGate(ContentReader reader, GateLimits limits, Channels channels) {
        this.reader = reader;
        this.limits = limits;
        this.channels = channels;
    }

    /** What the page rules found on one page. */
    private record PageFindings(List<GateError> errors, List<BodyRules.InternalLink> links) {
    }

    public GateResult inspect(ContentTree tree) {
        List<GateError> errors = new ArrayList<>();
        List<ContentFile> readable = TreeRules.check(tree, limits, errors);
        if (tree.files().isEmpty()) {
            return new GateResult(Optional.empty(), errors);
        }
        ReadTree read = reader.read(readable);
        errors.addAll(read.problems());
        Optional<List<String>> sections = ConfigRules.check(tree, read.config(), channels, errors);
        boolean hasCompensation = DataRules.check(read.compensation(), errors);
        // Each page on its own, on every core; its findings are then taken in page order, so the
        // errors come out in the same order however the pages were spread.
        List<PageFindings> findings = Parallel.map(read.pages(), page -> {
            PageFindings found = new PageFindings(new ArrayList<>(), new ArrayList<>());
            PageRules.check(page, sections, found.errors());
            BodyRules.check(page, hasCompensation, found.errors(), found.links());
            return found;
        });
        List<BodyRules.InternalLink> links = new ArrayList<>();
        for (PageFindings found : findings) {
            errors.addAll(found.errors());
            links.addAll(found.links());
        }
        LinkRules.check(tree, read.pages(), links, channels, errors);
        AliasRules.check(tree, read.pages(), channels, errors);
        PrintableRules.check(read, channels, errors);
        if (!errors.isEmpty()) {
            return new GateResult(Optional.empty(), errors);
        }
        return new GateResult(Optional.of(HubModel.hub(read)), List.of());
    }
}
