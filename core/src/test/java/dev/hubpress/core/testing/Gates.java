package dev.hubpress.core.testing;

import dev.hubpress.core.channel.Channel;
import dev.hubpress.core.channel.CharacterSet;
import dev.hubpress.core.channel.ChannelRenderer;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.channel.Setting;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.load.ContentReader;
import dev.hubpress.core.load.HubLoader;
import dev.hubpress.core.markdown.MarkdownEngine;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The gate and the loader as tests of modules without the channel modules build them: with
 * declarations of the four channels the repository's content configures (ids, owned paths and
 * settings as the channel modules declare them; {@code ChannelRegistryTest} in tests/ holds
 * these to the real ones). They declare no printable set: this gate lets every character through,
 * where the real guide's declaration refuses those its fonts lack.
 */
public final class Gates {

    private static final Channels CHANNELS = Channels.of(List.of(
            declared("site", Set.of("404.html", "changelog.html", "sitemap.xml", "robots.txt", "subscribe.html", "search.html",
                            "assets/", "changes/", "search-index/", "follow/", "digests/"),
                    List.of(Setting.wholeNumber("site", "changelogEntries", 50, 1, 200)), Set.of("guide")),
            declared("guide", Set.of("guide/"), List.of(Setting.oneOf("guide", "paper", "letter", "letter", "a4")), Set.of()),
            declared("feeds", Set.of("feeds/"), List.of(Setting.wholeNumber("feeds", "entries", 50, 1, 200)), Set.of("site")),
            declared("email", Set.of("digest/"), List.of(
                    Setting.text("email", "fromName", c -> c.title(), 100),
                    Setting.deployment("email", "fromAddress", "the stack's SenderAddress / SenderDomain; HUB_MAIL_FROM for ./hub"),
                    Setting.deployment("email", "apiBaseUrl", "the stack's own API under the site's host; HUB_API_BASE_URL for ./hub"),
                    Setting.deployment("email", "unsubscribeMailto", "the stack's UnsubscribeMailto; HUB_UNSUBSCRIBE_MAILTO for ./hub")),
                    Set.of("site"))));

    private Gates() {
    }

    /** Declarations of the site, guide, feeds and email channels, without their renderers. */
    public static Channels channels() {
        return CHANNELS;
    }

    public static PublishGate gate() {
        return gate(GateLimits.DEFAULT);
    }

    public static PublishGate gate(GateLimits limits) {
        return new PublishGate(new ContentReader(MarkdownEngine.standard()), limits, CHANNELS);
    }

    public static HubLoader loader() {
        return new HubLoader(new ContentReader(MarkdownEngine.standard()));
    }

    /** A channel that publishes with this renderer, owning nothing and declaring no settings. */
    public static Channel rendering(String id, Set<String> reads, ChannelRenderer renderer) {
        return declared(id, Set.of(), List.of(), reads, Optional.of(renderer), Optional.empty());
    }

    /** A channel declared by these values, publishing no site objects. */
    public static Channel declared(String id, Set<String> owns, List<Setting<?>> settings, Set<String> reads) {
        return declared(id, owns, settings, reads, Optional.empty(), Optional.empty());
    }

    /** A channel that can print only these characters, declaring nothing else and publishing nothing. */
    public static Channel printing(String id, CharacterSet printable) {
        return declared(id, Set.of(), List.of(), Set.of(), Optional.empty(), Optional.of(printable));
    }

    private static Channel declared(String id, Set<String> owns, List<Setting<?>> settings, Set<String> reads,
                                    Optional<ChannelRenderer> renderer, Optional<CharacterSet> printable) {
        return new Channel() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Set<String> owns() {
                return owns;
            }

            @Override
            public List<Setting<?>> settings() {
                return settings;
            }

            @Override
            public Set<String> reads() {
                return reads;
            }

            @Override
            public Optional<ChannelRenderer> renderer() {
                return renderer;
            }

            @Override
            public Optional<CharacterSet> printable() {
                return printable;
            }
        };
    }
}
