package dev.hubpress.core.gate;

import dev.hubpress.core.channel.Channel;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.channel.Setting;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.content.GateError;
import dev.hubpress.core.load.ContentReader;
import dev.hubpress.core.load.YamlMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * hub.yaml: the required identity fields and their formats, the sections in reading order, and
 * under {@code channels:} only the channels and settings they declare, each value checked against
 * its {@link Setting}.
 */
final class ConfigRules {

    private static final java.util.regex.Pattern SECTION_ID = java.util.regex.Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private ConfigRules() {
    }

    /**
     * @return the section ids, when hub.yaml is good enough for pages to be checked against them
     */
    static Optional<List<String>> check(ContentTree tree, Optional<YamlMapping> config, Channels channels,
                                        List<GateError> errors) {
        if (config.isEmpty()) {
            if (tree.file(ContentReader.HUB_CONFIG).isEmpty()) {
                errors.add(new GateError(ContentReader.HUB_CONFIG, 1, "missing hub config (title, baseUrl, author, language)"));
            }
            return Optional.empty();
        }
        YamlMapping yaml = config.get();
        Fields fields = new Fields(ContentReader.HUB_CONFIG, errors);
        boolean complete = fields.required(yaml, "title").isPresent();
        Optional<String> baseUrl = fields.required(yaml, "baseUrl");
        complete &= fields.required(yaml, "author").isPresent();
        Optional<String> language = fields.required(yaml, "language");
        fields.text(yaml, "subtitle");
        fields.text(yaml, "description");
        if (baseUrl.isPresent() && !baseUrl.get().matches("https?://[^/\\s]+(/[^\\s]*)?")) {
            fields.error(yaml.lineOf("baseUrl"), "baseUrl must be an absolute http(s) URL, e.g. https://hub.example.com");
            baseUrl = Optional.empty();
        }
        if (language.isPresent() && !language.get().matches("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*")) {
            fields.error(yaml.lineOf("language"), "language must be a BCP 47 tag such as en or en-US");
            language = Optional.empty();
        }
        List<String> sections = new ArrayList<>();
        try {
            for (YamlMapping s : yaml.mappings("sections")) {
                Optional<String> id = fields.required(s, "id");
                Optional<String> title = fields.required(s, "title");
                if (id.isPresent() && !SECTION_ID.matcher(id.get()).matches()) {
                    // A section's id names its feeds (feeds/sections/<id>.atom) and their page.
                    fields.error(s.lineOf("id"), "section id '" + id.get()
                            + "' must be lower-case letters, digits and single hyphens, e.g. careers or deep-skills");
                } else if (id.isPresent() && sections.contains(id.get())) {
                    fields.error(s.lineOf("id"), "section id '" + id.get() + "' is listed twice");
                } else if (id.isPresent() && title.isPresent()) {
                    sections.add(id.get());
                }
            }
        } catch (YamlMapping.Problem p) {
            fields.report(p);
        }
        if (sections.isEmpty()) {
            fields.error(yaml.lineOf("sections"), "sections must list the hub's sections in reading order, each with id and title");
        }
        checkChannels(yaml, channels, fields);
        complete &= baseUrl.isPresent() && language.isPresent() && !sections.isEmpty();
        return complete ? Optional.of(List.copyOf(sections)) : Optional.empty();
    }

    private static void checkChannels(YamlMapping yaml, Channels channels, Fields fields) {
        Optional<YamlMapping> channelMap;
        try {
            channelMap = yaml.mapping("channels");
        } catch (YamlMapping.Problem p) {
            fields.report(p);
            return;
        }
        if (channelMap.isEmpty()) {
            return;
        }
        for (String id : channelMap.get().keys()) {
            Optional<Channel> channel = channels.get(id);
            if (channel.isEmpty()) {
                fields.error(channelMap.get().lineOf(id), "unknown channel '" + id + "' under channels (known: "
                        + String.join(", ", channels.ids().stream().sorted().toList()) + ")");
                continue;
            }
            Optional<YamlMapping> settings;
            try {
                settings = channelMap.get().mapping(id);
            } catch (YamlMapping.Problem p) {
                fields.report(p);
                continue;
            }
            settings.ifPresent(s -> checkSettings(channel.get(), s, fields));
        }
    }

    private static void checkSettings(Channel channel, YamlMapping yaml, Fields fields) {
        Map<String, Object> values = yaml.scalars();
        for (String key : yaml.keys()) {
            Optional<Setting<?>> setting = channel.settings().stream().filter(s -> s.key().equals(key)).findFirst();
            if (setting.isEmpty()) {
                fields.error(yaml.lineOf(key), "unknown setting '" + key + "' of channel " + channel.id() + " (known: "
                        + String.join(", ", channel.settings().stream().filter(s -> !s.deploymentOnly()).map(Setting::key).toList()) + ")");
            } else if (!values.containsKey(key)) {
                fields.error(yaml.lineOf(key), "channels." + channel.id() + "." + key + " must be " + setting.get().expected()
                        + ", not a list or mapping");
            } else {
                setting.get().problem(values.get(key)).ifPresent(problem -> fields.error(yaml.lineOf(key), problem));
            }
        }
    }
}
