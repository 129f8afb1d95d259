package dev.hubpress.core.port;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ConfirmationBudget} promises (its Javadoc), run against each implementation:
 * the in-memory fake, the folder of counter files and the DynamoDB table. A subclass supplies a
 * budget on empty storage for each test.
 */
public abstract class ConfirmationBudgetContract {

    protected static final Instant UNTIL = Instant.parse("2026-03-14T10:00:00Z");

    protected ConfirmationBudget budget;

    /** A budget on fresh, empty storage. */
    protected abstract ConfirmationBudget createBudget();

    @BeforeEach
    void freshBudget() {
        budget = createBudget();
    }

    @Test
    void aCounterAllowsItsLimitAndNotOneMore() {
        // GIVEN a fresh counter with a limit of 3
        // WHEN it is spent five times
        List<Boolean> spent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            spent.add(budget.spend("address:abc:3600:1", 3, UNTIL));
        }

        // THEN the first three are granted, the rest refused
        assertThat(spent).containsExactly(true, true, true, false, false);
    }

    @Test
    void countersAreIndependentAndALimitOfZeroAllowsNothing() {
        // GIVEN one counter spent out
        budget.spend("address:a:3600:1", 1, UNTIL);

        // WHEN others are spent, one of them with a limit of 0
        boolean sameThing = budget.spend("address:a:3600:1", 1, UNTIL);
        boolean otherThing = budget.spend("address:b:3600:1", 1, UNTIL);
        boolean nextWindow = budget.spend("address:a:3600:2", 1, UNTIL.plusSeconds(3600));
        boolean none = budget.spend("global:3600:1", 0, UNTIL);

        // THEN only the spent-out and the zero one are refused
        assertThat(sameThing).isFalse();
        assertThat(otherThing).isTrue();
        assertThat(nextWindow).isTrue();
        assertThat(none).isFalse();
        // AND a refusal spent nothing: a higher limit on the same counter still has room for exactly one more
        assertThat(budget.spend("address:a:3600:1", 2, UNTIL)).isTrue();
        assertThat(budget.spend("address:a:3600:1", 2, UNTIL)).isFalse();
    }

    @Test
    void manyCallersRacingForOneCounterGetExactlyItsLimit() throws Exception {
        // GIVEN eight threads, each spending the same counter (limit 5) ten times, released at once
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> granted = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                Callable<Integer> spender = () -> {
                    start.await();
                    int mine = 0;
                    for (int i = 0; i < 10; i++) {
                        if (budget.spend("global:3600:7", 5, UNTIL)) {
                            mine++;
                        }
                    }
                    return mine;
                };
                granted.add(pool.submit(spender));
            }

            // WHEN they run
            start.countDown();
            int total = 0;
            for (Future<Integer> f : granted) {
                total += f.get(60, TimeUnit.SECONDS);
            }

            // THEN exactly five of the eighty were granted
            assertThat(total).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }
}
