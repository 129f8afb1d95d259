package dev.hubpress.core.work;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A value made when first asked for, once, whatever the thread. */
class OnceTest {

    @Test
    void aValueAskedForFromManyThreadsAtOnceIsMadeOnce() {
        // GIVEN a value that counts how often it is made
        AtomicInteger made = new AtomicInteger();
        Once<String> value = Once.made(() -> "made " + made.incrementAndGet());
        assertThat(value.isMade()).isFalse();

        // WHEN 64 tasks on every core ask for it
        List<String> seen = Parallel.map(java.util.stream.IntStream.range(0, 64).boxed().toList(), i -> value.get());

        // THEN it was made once, and every task saw that one value
        assertThat(made).hasValue(1);
        assertThat(seen).containsOnly("made 1");
        assertThat(value.isMade()).isTrue();
    }

    @Test
    void aMakerThatFailsMakesNothingAndTheNextAskTriesAgain() {
        // GIVEN a maker that fails the first time
        AtomicInteger tries = new AtomicInteger();
        Once<String> value = Once.made(() -> {
            if (tries.incrementAndGet() == 1) {
                throw new IllegalStateException("not yet");
            }
            return "made";
        });

        // THEN the first ask fails, nothing is kept, and the second makes it
        assertThatThrownBy(value::get).hasMessage("not yet");
        assertThat(value.isMade()).isFalse();
        assertThat(value.get()).isEqualTo("made");
        assertThat(tries).hasValue(2);
    }

    @Test
    void aValueInHandIsNotMadeAndNullIsNoValue() {
        assertThat(Once.of("given").isMade()).isTrue();
        assertThat(Once.of("given").get()).isEqualTo("given");
        assertThatThrownBy(() -> Once.made(() -> null).get()).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Once.of(null)).isInstanceOf(NullPointerException.class);
    }
}
