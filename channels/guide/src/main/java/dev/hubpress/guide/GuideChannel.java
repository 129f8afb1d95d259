package dev.hubpress.guide;

import dev.hubpress.core.channel.Channel;
import dev.hubpress.core.channel.ChannelRenderer;
import dev.hubpress.core.channel.GuideInfo;
import dev.hubpress.core.channel.Setting;
import dev.hubpress.core.markdown.MarkdownEngine;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The PDF career guide: the whole hub as one tagged PDF per revision under {@code guide/}. This
 * declaration names no PDF class: a process that only gates content (the ingest function) loads it
 * without the PDF stack; the renderer, and the stack with it, is built by {@link #renderer()}.
 */
public final class GuideChannel implements Channel {

    /** Letter or A4 paper. */
    public static final Setting<String> PAPER = Setting.oneOf(GuideInfo.CHANNEL, "paper", "letter", "letter", "a4");

    @Override
    public String id() {
        return GuideInfo.CHANNEL;
    }

    @Override
    public Set<String> owns() {
        return Set.of("guide/");
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(PAPER);
    }

    @Override
    public Optional<ChannelRenderer> renderer() {
        return Optional.of(new GuideRenderer(MarkdownEngine.standard()));
    }
}
