package dev.hubpress.guide;

import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.Page;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A part's bytes are a function of its key alone: the same whichever thread lays it out and
 * whatever that thread laid out before (threads keep their parsed fonts between layouts).
 */
class LayoutDeterminismTest {

    @Test
    void aPartIsTheSameBytesOnAFreshThreadAndOnOneThatLaidOtherPartsOutFirst() throws InterruptedException {
        // GIVEN the real hub's parts
        Edition edition = GuideFixtures.repositoryEdition();
        Hub hub = edition.hub();
        List<List<Page>> plan = GuideParts.plan(hub.pages());
        Paper paper = Paper.of(GuideChannel.PAPER.of(hub.config()));
        java.util.function.IntFunction<byte[]> layout = i -> GuideRenderer.layout(
                GuideDocument.part(GuideFixtures.MARKDOWN, hub, plan.get(i), paper), new Sandbox()).pdf();
        int last = plan.size() - 1;

        // WHEN the last part is laid out on a thread of its own, and on one that laid out every other part first
        byte[] fresh = GuideFixtures.onNewThread(() -> layout.apply(last));
        byte[] after = GuideFixtures.onNewThread(() -> {
            for (int i = 0; i < last; i++) {
                layout.apply(i);
            }
            return layout.apply(last);
        });

        // THEN the bytes are the same
        assertThat(after).isEqualTo(fresh);
    }
}
