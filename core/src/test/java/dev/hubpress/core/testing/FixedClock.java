package dev.hubpress.core.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Fixed clocks ({@link Clock#fixed}) so revisions get a known created-at and tests never read the wall clock. */
public final class FixedClock {

    public static final Instant INSTANT = Instant.parse("2025-03-14T09:26:53Z");

    private FixedClock() {
    }

    public static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    public static Clock standard() {
        return at(INSTANT);
    }
}
