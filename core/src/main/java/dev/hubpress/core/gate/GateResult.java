package dev.hubpress.core.gate;

import dev.hubpress.core.content.GateError;
import dev.hubpress.core.model.Hub;

import java.util.List;
import java.util.Optional;

/** What the gate found: the loaded hub when there are no errors, else every error in path and line order. */
public record GateResult(Optional<Hub> hub, List<GateError> errors) {

    public GateResult {
        errors = errors.stream().sorted(GateError.ORDER).toList();
        if (errors.isEmpty() == hub.isEmpty()) {
            throw new IllegalArgumentException("a gate result has a hub exactly when it has no errors");
        }
    }

    public boolean passed() {
        return errors.isEmpty();
    }
}
