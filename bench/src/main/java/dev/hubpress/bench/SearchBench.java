package dev.hubpress.bench;

import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.load.ContentReader;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.site.SiteRenderer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The site's search index at a size: renders the site of a content folder ({@code --content DIR})
 * or of a generated hub ({@code --pages N}, default 10,000) into a folder ({@code --out DIR}), for
 * {@code bench/search-transfer} to search in Chromium, and prints the index's files and bytes. Run
 * through {@code bench/run search}.
 */
final class SearchBench {

    private static final String INDEX = "search-index/";

    private SearchBench() {
    }

    static void run(String[] args) throws IOException {
        String content = ScaleBench.stringArg(args, "--content", "");
        int pages = Stats.intArg(args, "--pages", 10_000);
        Path out = Path.of(ScaleBench.stringArg(args, "--out", "bench/target/search-site"));
        ContentTree tree = content.isEmpty() ? SyntheticHub.generate(pages) : GuideBench.read(Path.of(content));
        PublishGate gate = new PublishGate(new ContentReader(MarkdownEngine.standard()), GateLimits.DEFAULT, Channels.discover());
        Edition edition = GuideBench.edition(gate, tree);
        List<Artifact> site = new SiteRenderer(MarkdownEngine.standard()).render(edition);

        ScaleBench.deleteTree(out);
        for (Artifact artifact : site) {
            Path file = out.resolve(artifact.key());
            Files.createDirectories(file.getParent());
            Files.write(file, artifact.bytes());
        }
        List<Artifact> index = site.stream().filter(a -> a.key().startsWith(INDEX)).toList();
        System.out.printf(Locale.ROOT, "%s: %d pages; search index %d files, %.1f KB (%d bytes)%n",
                content.isEmpty() ? "generated hub" : content, edition.hub().pages().size(), index.size(),
                total(index) / 1e3, total(index));
        System.out.printf(Locale.ROOT, "  manifest %.1f KB; %s; %s%n", total(of(index, "manifest")) / 1e3,
                shards(of(index, "t"), "term shards"), shards(of(index, "d"), "section shards"));
        System.out.println("site written to " + out.toAbsolutePath());
    }

    private static List<Artifact> of(List<Artifact> index, String prefix) {
        return index.stream().filter(a -> a.key().startsWith(INDEX + prefix)).toList();
    }

    private static String shards(List<Artifact> shards, String what) {
        return String.format(Locale.ROOT, "%d %s, %.1f KB, largest %.1f KB", shards.size(), what, total(shards) / 1e3,
                shards.stream().mapToLong(Artifact::size).max().orElse(0) / 1e3);
    }

    private static long total(List<Artifact> artifacts) {
        return artifacts.stream().mapToLong(Artifact::size).sum();
    }
}
