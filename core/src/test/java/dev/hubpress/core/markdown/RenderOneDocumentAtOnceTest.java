package dev.hubpress.core.markdown;

import com.vladsch.flexmark.util.ast.Document;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One parsed page rendered by several threads at once, in different contexts (the guide lays a
 * page out with and without change bars in parallel): each render is what it is alone.
 */
class RenderOneDocumentAtOnceTest {

    private static final MarkdownEngine ENGINE = MarkdownEngine.standard();

    @Test
    void rendersOfOneDocumentFromSeveralThreadsAreEachTheirOwn() throws Exception {
        // GIVEN a page with footnotes (numbered per render) and links (resolved per context)
        StringBuilder markdown = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            markdown.append("Paragraph ").append(i).append(" cites a source.[^n").append(i).append("] See [the next](other-").append(i)
                    .append(".md) and https://example.com/").append(i).append(".\n\n");
        }
        for (int i = 1; i <= 40; i++) {
            markdown.append("[^n").append(i).append("]: Source ").append(i).append(".\n");
        }
        Document document = ENGINE.parse(markdown.toString());
        List<RenderContext> contexts = List.of(
                RenderContext.relative("guides/page", name -> Optional.empty()),
                RenderContext.absolute("guides/page", "https://hub.test", name -> Optional.empty()));
        List<String> alone = contexts.stream().map(c -> ENGINE.render(ENGINE.parse(markdown.toString()), c)).toList();
        assertThat(alone.get(0)).isNotEqualTo(alone.get(1));

        // WHEN four threads render it at once, 50 times each, alternating contexts
        int threads = 4;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> runs = IntStream.range(0, threads).mapToObj(t -> pool.submit(() -> {
                start.await();
                return IntStream.range(0, 50).mapToObj(k -> ENGINE.render(document, contexts.get((t + k) % 2))).toList();
            })).toList();

            // THEN every render equals that context's render alone
            for (int t = 0; t < threads; t++) {
                List<String> rendered = runs.get(t).get();
                for (int k = 0; k < rendered.size(); k++) {
                    assertThat(rendered.get(k)).isEqualTo(alone.get((t + k) % 2));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
