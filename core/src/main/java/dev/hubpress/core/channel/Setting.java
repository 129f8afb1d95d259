package dev.hubpress.core.channel;

import dev.hubpress.core.model.HubConfig;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One typed setting of a channel, {@code channels.<channel>.<key>} in {@code hub.yaml}. The gate
 * checks every value against its setting (and refuses keys no setting declares), naming the
 * {@code hub.yaml} line; a channel then reads the value with {@link #of(HubConfig)}, which never
 * fails on a hub that passed the gate.
 *
 * @param <T> the value's type
 */
public final class Setting<T> {

    private final String channel;
    private final String key;
    private final String expected;
    private final Function<Object, Optional<T>> parse;
    private final Function<HubConfig, T> fallback;
    private final boolean deploymentOnly;

    private Setting(String channel, String key, String expected, Function<Object, Optional<T>> parse,
                    Function<HubConfig, T> fallback) {
        this(channel, key, expected, parse, fallback, false);
    }

    private Setting(String channel, String key, String expected, Function<Object, Optional<T>> parse,
                    Function<HubConfig, T> fallback, boolean deploymentOnly) {
        this.deploymentOnly = deploymentOnly;
        this.channel = channel;
        this.key = key;
        this.expected = expected;
        this.parse = parse;
        this.fallback = fallback;
    }

    /** A whole number from {@code min} to {@code max}. */
    public static Setting<Integer> wholeNumber(String channel, String key, int fallback, int min, int max) {
        return new Setting<>(channel, key, "a whole number from " + min + " to " + max,
                raw -> raw instanceof Long n && n >= min && n <= max ? Optional.of(n.intValue()) : Optional.empty(),
                config -> fallback);
    }

    /** One of a few words, compared without case; the value read is the word as listed here. */
    public static Setting<String> oneOf(String channel, String key, String fallback, String... allowed) {
        List<String> words = Arrays.asList(allowed);
        return new Setting<>(channel, key, "one of " + String.join(", ", words),
                raw -> raw instanceof String s
                        ? words.stream().filter(w -> w.equalsIgnoreCase(s.strip())).findFirst()
                        : Optional.empty(),
                config -> fallback);
    }

    /** A line of text, at most {@code maxLength} characters. */
    public static Setting<String> text(String channel, String key, Function<HubConfig, String> fallback, int maxLength) {
        return matching(channel, key, fallback, s -> !s.isBlank() && s.length() <= maxLength && s.lines().count() == 1,
                "one line of text, at most " + maxLength + " characters");
    }

    /** An absolute http(s) URL without a trailing slash, e.g. {@code https://hub.example.com/api}. */
    public static Setting<String> httpUrl(String channel, String key, Function<HubConfig, String> fallback) {
        return matching(channel, key, fallback, s -> s.matches("https?://[^/\\s?#]+(/[^\\s?#]*)?") && !s.endsWith("/"),
                "an absolute http(s) URL without a trailing slash");
    }

    /**
     * A key content may not set because the deployment decides it (where mail comes from, where
     * its links lead): any value is refused, with where to set it instead. Reading it is a bug.
     *
     * @param where where the value is configured, for the gate's message
     */
    public static Setting<Void> deployment(String channel, String key, String where) {
        return new Setting<>(channel, key, "set where the hub is deployed (" + where + "), not in hub.yaml",
                raw -> Optional.empty(), config -> {
                    throw new IllegalStateException("channels." + channel + "." + key + " is deployment configuration, not a hub setting");
                }, true);
    }

    /**
     * A text that {@code valid} accepts, e.g. an email address.
     *
     * @param expected what a valid value looks like, for the gate's message ("an email address")
     */
    public static Setting<String> matching(String channel, String key, Function<HubConfig, String> fallback,
                                           Predicate<String> valid, String expected) {
        return new Setting<>(channel, key, expected,
                raw -> raw instanceof String s && valid.test(s.strip()) ? Optional.of(s.strip()) : Optional.empty(),
                fallback);
    }

    public String channel() {
        return channel;
    }

    public String key() {
        return key;
    }

    /** What a valid value looks like, for the gate's message: "a whole number from 1 to 200". */
    public String expected() {
        return expected;
    }

    /** Whether the deployment sets this, not content ({@link #deployment}). */
    public boolean deploymentOnly() {
        return deploymentOnly;
    }

    /**
     * Why a value from {@code hub.yaml} is not acceptable; empty when it is.
     *
     * @param raw the YAML scalar as read: a Long, a Boolean or a String
     */
    public Optional<String> problem(Object raw) {
        if (parse.apply(raw).isPresent()) {
            return Optional.empty();
        }
        String shown = raw instanceof String s ? "'" + s + "'" : String.valueOf(raw);
        if (deploymentOnly) {
            return Optional.of(String.format(Locale.ROOT, "channels.%s.%s is not read from content: it is %s", channel, key, expected));
        }
        return Optional.of(String.format(Locale.ROOT, "channels.%s.%s must be %s, not %s", channel, key, expected, shown));
    }

    /** The setting in this hub: its value in {@code hub.yaml}, else the default. */
    public T of(HubConfig config) {
        Object raw = config.channels().getOrDefault(channel, java.util.Map.of()).get(key);
        return raw == null ? fallback.apply(config) : parse.apply(raw).orElseThrow(() ->
                new IllegalStateException(problem(raw).orElseThrow() + " (the gate lets no such hub through)"));
    }
}
