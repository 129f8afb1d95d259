package dev.hubpress.core.testing;

import dev.hubpress.core.port.ConfirmationBudget;
import dev.hubpress.core.port.ConfirmationBudgetContract;

/** The fake budget keeps the port's contract. */
class InMemoryConfirmationBudgetTest extends ConfirmationBudgetContract {

    @Override
    protected ConfirmationBudget createBudget() {
        return new InMemoryConfirmationBudget();
    }
}
