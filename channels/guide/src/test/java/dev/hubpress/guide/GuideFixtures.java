package dev.hubpress.guide;

import dev.hubpress.core.testing.Gates;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.revision.ChangeSets;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.revision.RevisionStatus;
import dev.hubpress.core.testing.ContentFixtures;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The repository's content as revision 7, rendered once for all the tests that only read it. */
final class GuideFixtures {

    static final MarkdownEngine MARKDOWN = MarkdownEngine.standard();
    static final PublishGate GATE = Gates.gate();
    static final Instant CREATED = Instant.parse("2026-11-01T09:30:00Z");
    static final GuideRenderer RENDERER = new GuideRenderer(MARKDOWN);

    private static Edition edition;
    private static List<Artifact> artifacts;

    private GuideFixtures() {
    }

    static Hub hub(ContentTree tree) {
        return GATE.inspect(tree).hub().orElseThrow(() -> new AssertionError(GATE.inspect(tree).errors()));
    }

    static Edition edition(ContentTree tree, long seq) {
        Hub hub = hub(tree);
        // Parent 0: its change set is a first edition's (every page added), so nothing is flagged as changed.
        Revision revision = new Revision("hub", seq, tree.hash(), 0, CREATED, "manifest-" + seq, "test",
                RevisionStatus.ACCEPTED, List.of(), ChangeSets.first(hub, tree.manifest()), Map.of());
        return new Edition(hub, revision, List.of(revision));
    }

    static synchronized Edition repositoryEdition() {
        if (edition == null) {
            edition = edition(ContentFixtures.repositoryTree(), 7);
        }
        return edition;
    }

    /** One section of the repository's hub laid out as one plain part (no change flags), on US Letter. */
    static RenderedPart repositoryPart(String section) {
        Hub hub = repositoryEdition().hub();
        List<dev.hubpress.core.model.Page> pages = hub.pages().stream().filter(p -> p.section().equals(section)).toList();
        return GuideRenderer.layout(GuideDocument.part(MARKDOWN, hub, pages, Paper.LETTER), new Sandbox());
    }

    /** The real guide's bytes (rendered once per test JVM). */
    static byte[] repositoryPdf() {
        return repositoryArtifacts().get(0).bytes().clone();
    }

    /** Everything the guide publishes for the real content: the book, its per-revision copy, each section's book. */
    static synchronized List<Artifact> repositoryArtifacts() {
        if (artifacts == null) {
            artifacts = RENDERER.render(repositoryEdition());
        }
        return artifacts;
    }

    /** Each section's book for the real content, by section id. */
    static Map<String, byte[]> repositorySectionPdfs() {
        Map<String, byte[]> sections = new java.util.LinkedHashMap<>();
        for (Artifact a : repositoryArtifacts()) {
            dev.hubpress.core.channel.GuideInfo.sectionOf(a.key()).ifPresent(section -> sections.put(section, a.bytes().clone()));
        }
        return sections;
    }

    /**
     * What the work gives when done on a thread of its own (threads keep parsed fonts between
     * layouts, so a fresh one shows what a layout needs by itself); a failure there fails the test.
     */
    static <T> T onNewThread(java.util.function.Supplier<T> work) throws InterruptedException {
        java.util.concurrent.atomic.AtomicReference<T> result = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                result.set(work.get());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        thread.start();
        thread.join();
        org.assertj.core.api.Assertions.assertThat(failure.get()).isNull();
        return result.get();
    }
}
