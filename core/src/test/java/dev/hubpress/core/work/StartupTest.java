package dev.hubpress.core.work;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Work begun at start-up on its own thread: its result, or its failure as it was, where it is awaited. */
class StartupTest {

    @Test
    void theWorkRunsOnItsOwnThreadAndItsResultIsAwaited() throws InterruptedException {
        // GIVEN work that waits until the test lets it finish
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<String> thread = new AtomicReference<>();
        Startup<String> started = Startup.begin("test", () -> {
            thread.set(Thread.currentThread().getName());
            assertThat(go.await(10, TimeUnit.SECONDS)).isTrue();
            return "ready";
        });

        // WHEN the caller goes on, then awaits it
        go.countDown();
        String result = started.await();

        // THEN the result is the work's, made on a thread named after it
        assertThat(result).isEqualTo("ready");
        assertThat(thread.get()).isEqualTo("startup-test");
    }

    @Test
    void aFailureSurfacesUnchangedWhereTheWorkIsAwaited() {
        // GIVEN work that fails unchecked, with an error, and checked
        IllegalStateException unchecked = new IllegalStateException("no channels");
        AssertionError error = new AssertionError("broken class");
        IOException checked = new IOException("unreadable");
        Startup<Object> first = Startup.begin("unchecked", () -> {
            throw unchecked;
        });
        Startup<Object> second = Startup.begin("error", () -> {
            throw error;
        });
        Startup<Object> third = Startup.begin("checked", () -> {
            throw checked;
        });

        // WHEN / THEN each is thrown where it is awaited: the same exception, a checked one as the cause
        assertThatThrownBy(first::await).isSameAs(unchecked);
        assertThatThrownBy(second::await).isSameAs(error);
        assertThatThrownBy(third::await).isInstanceOf(IllegalStateException.class).hasCause(checked);
    }

    @Test
    void aPrimingCallThatFailsDoesNotFailTheStart() {
        // GIVEN / WHEN a priming call that fails
        Startup.prime(() -> {
            throw new IllegalArgumentException("the role may not read that");
        });

        // THEN nothing is thrown, and a call that works runs
        AtomicReference<String> ran = new AtomicReference<>();
        Startup.prime(() -> ran.set("ran"));
        assertThat(ran.get()).isEqualTo("ran");
    }
}
