package dev.hubpress.core.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hub's settings from {@code hub.yaml}: identity, where it is published, and per-channel
 * settings. {@code baseUrl} has no trailing slash.
 */
public record HubConfig(
        String title,
        String subtitle,
        String description,
        String baseUrl,
        String author,
        String language,
        List<SectionInfo> sections,
        Map<String, Map<String, Object>> channels) {

    public HubConfig {
        sections = List.copyOf(sections);
        channels = Map.copyOf(channels);
    }

    public Optional<SectionInfo> section(String id) {
        return sections.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** A channel setting as an integer, or the default when absent. */
    public int channelInt(String channel, String key, int defaultValue) {
        Object value = channels.getOrDefault(channel, Map.of()).get(key);
        return value instanceof Number n ? n.intValue() : defaultValue;
    }

    /** A channel setting as a string, or the default when absent. */
    public String channelString(String channel, String key, String defaultValue) {
        Object value = channels.getOrDefault(channel, Map.of()).get(key);
        return value == null ? defaultValue : value.toString();
    }

    /** Absolute URL of a site path such as {@code careers/mid-to-senior.html}. */
    public String absoluteUrl(String sitePath) {
        return baseUrl + "/" + sitePath;
    }

    /** A top-level section of the hub, in reading order. */
    public record SectionInfo(String id, String title) {
    }
}
