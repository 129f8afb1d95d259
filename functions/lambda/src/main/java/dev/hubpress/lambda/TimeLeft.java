package dev.hubpress.lambda;

import com.amazonaws.services.lambda.runtime.Context;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Whether an invocation may start one more piece of work: more than a margin of its time is left
 * (the margin being what the longest piece may take, so none is cut off by the timeout). Without a
 * Lambda context (tests, a local run) there is no limit.
 */
public final class TimeLeft {

    private TimeLeft() {
    }

    public static BooleanSupplier moreThan(Duration margin, Context context) {
        if (context == null) {
            return () -> true;
        }
        long millis = margin.toMillis();
        return () -> context.getRemainingTimeInMillis() > millis;
    }
}
