package dev.hubpress.bench;

import java.util.Arrays;

/** Summaries of repeated measurements. */
final class Stats {

    private Stats() {
    }

    /** The middle value (the upper one of the two middles for an even count). */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The value of an integer option such as {@code --pages 1000}, or the default. */
    static int intArg(String[] args, String name, int defaultValue) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return defaultValue;
    }
}
