package dev.hubpress.local;

import dev.hubpress.core.port.ConfirmationBudget;
import dev.hubpress.core.port.ConfirmationBudgetContract;
import dev.hubpress.core.testing.FixedClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Confirmation budgets as files keep the port's contract, and forget counters whose window is over. */
class FileConfirmationBudgetTest extends ConfirmationBudgetContract {

    @TempDir
    Path tmp;

    @Override
    protected ConfirmationBudget createBudget() {
        return new FileConfirmationBudget(tmp.resolve("budgets"), FixedClock.at(UNTIL.minusSeconds(60)));
    }

    @Test
    void countersPastTheirWindowAreDeletedAndCountAfresh() throws Exception {
        // GIVEN a counter spent out, its window ending at UNTIL
        budget.spend("address:a:3600:1", 1, UNTIL);
        assertThat(budget.spend("address:a:3600:1", 1, UNTIL)).isFalse();

        // WHEN something is spent after UNTIL
        ConfirmationBudget later = new FileConfirmationBudget(tmp.resolve("budgets"), FixedClock.at(UNTIL));
        later.spend("global:3600:2", 10, UNTIL.plusSeconds(3600));

        // THEN the old counter's file is gone: one file is left, the new counter's
        try (Stream<Path> files = Files.list(tmp.resolve("budgets"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".json"))).hasSize(1);
        }
    }
}
