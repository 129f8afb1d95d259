package dev.hubpress.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Job 6's growth charts, drawn from what the jobs measured; the children's compilers chosen as ./hub chooses them. */
class PeerBenchTest {

    @Test
    void theChildrenTakeTheQuickCompilerUpToTheLaunchersOwnLimit() throws Exception {
        // given the launcher as committed
        String launcher = Files.readString(Path.of("..", "hub"));

        // when its limit is read, then it is the number the script compares the page count with
        int limit = PeerBench.quickCompilerUpTo(launcher);
        assertThat(limit).isPositive();
        assertThat(launcher).contains("JIT_PAGES_C1=" + limit + "\n").contains("-le \"$JIT_PAGES_C1\" ]] && jit=(-XX:TieredStopAtLevel=1)")
                .contains("jit+=(" + PeerBench.QUICK_CODE_CACHE + ")");
        // and a launcher that no longer says it is refused, not guessed
        assertThatThrownBy(() -> PeerBench.quickCompilerUpTo(launcher.replace("JIT_PAGES_C1=", "PAGES=")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theChildrenTakeTheLaunchersYoungGenerationFromItsOwnPageCount() throws Exception {
        // given the launcher as committed
        String launcher = Files.readString(Path.of("..", "hub"));

        // when its page count for a larger young generation is read, then it is the one the script compares with
        int from = PeerBench.youngGenerationFrom(launcher);
        assertThat(from).isPositive().isLessThanOrEqualTo(PeerBench.quickCompilerUpTo(launcher));
        assertThat(launcher).contains("YOUNG_PAGES=" + from + "\n").contains("-ge \"$YOUNG_PAGES\"")
                .contains("young=(" + PeerBench.YOUNG + ")");
        // and a launcher that sizes it otherwise is refused, not guessed
        assertThatThrownBy(() -> PeerBench.youngGenerationFrom(launcher.replace("young=(" + PeerBench.YOUNG + ")", "young=(-Xmn1g)")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void eachJobAndPeerIsALineWithAPointPerHubAndFailedRunsAreLeftOut() {
        // given two hubs: the guide's every run failed at the larger, WeasyPrint ran only at the smaller
        PeerBench.Measured small = measured(1000, runs(List.of(ok(15.0, 500)), List.of(ok(0.5, 170))),
                runs(List.of(ok(4.0, 520), ok(3.0, 510), ok(5.0, 530)), List.of(ok(0.6, 180))),
                runs(List.of(ok(18.0, 550)), List.of(ok(135.0, 3100))));
        PeerBench.Measured large = measured(10000, runs(List.of(ok(150.0, 900)), List.of(ok(5.0, 1200))),
                runs(List.of(ok(20.0, 950)), List.of(ok(4.0, 1200))),
                runs(List.of(new Timed(60.0, 2_000_000, 90.0, 1, Map.of())), List.of()));

        // when the charts are drawn
        SvgChart[] charts = PeerBench.growthCharts(List.of(small, large));
        String time = charts[0].svg();
        String memory = charts[1].svg();

        // then every line that has a figure is in the legend, each hub a point on it
        assertThat(time).contains("./hub publish, all channels", "./hub publish, one-page edit", "guide (bench child)",
                "Hugo, full build", "Hugo, rebuild after the edit", "WeasyPrint");
        assertThat(time).as("no job 3 was run").doesNotContain("HTML + feeds");
        // all channels 2, edit 2, guide 1 (failed at 10,000), Hugo full 2, Hugo rebuild 2, WeasyPrint 1
        assertThat(count(time, "<circle")).isEqualTo(10);
        assertThat(count(memory, "<circle")).isEqualTo(10);
        assertThat(time).contains("seconds, median");
        assertThat(memory).contains("Peak RSS against hub size");
    }

    private static PeerBench.Measured measured(int pages, Interleaved.Runs full, Interleaved.Runs edit, Interleaved.Runs guide) {
        PeerBench.Measured m = new PeerBench.Measured();
        m.pages = pages;
        m.full = full;
        m.edit = edit;
        m.guide = guide;
        return m;
    }

    private static Interleaved.Runs runs(List<Timed> ours, List<Timed> peer) {
        return new Interleaved.Runs(ours, peer);
    }

    private static Timed ok(double seconds, long rssMb) {
        return new Timed(seconds, rssMb * 1024, seconds, 0, Map.of());
    }

    private static int count(String text, String what) {
        return text.split(what, -1).length - 1;
    }
}
