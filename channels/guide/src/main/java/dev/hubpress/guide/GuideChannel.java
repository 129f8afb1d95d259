package dev.hubpress.guide;

import dev.hubpress.core.channel.Channel;
import dev.hubpress.core.channel.CharacterSet;
import dev.hubpress.core.channel.ChannelRenderer;
import dev.hubpress.core.channel.GuideInfo;
import dev.hubpress.core.channel.Setting;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.port.RenderCache;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The PDF career guide: the whole hub as one tagged PDF per revision under {@code guide/}. This
 * declaration names no PDF class: a process that only gates content (the ingest function) loads it
 * without the PDF stack; the renderer, and the stack with it, is built by {@link #renderer()}.
 *
 * <p>It {@linkplain #printable() declares} the characters its bundled fonts print, from
 * {@code printable.txt} beside this class: code point ranges generated from the fonts' cmaps
 * ({@code FontCoverageTest} holds the file to the fonts), so the gate refuses a character the PDF
 * could only print as a stand-in, without loading a font.
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

    /** The resource beside this class that lists what the guide's fonts print. */
    static final String PRINTABLE = "printable.txt";

    /** Read on first use, once per process (no nested holder class: the ingest function's jar carries this class alone). */
    private static CharacterSet printable;

    /** The characters every font stack of the guide prints: what the gate lets through. */
    @Override
    public Optional<CharacterSet> printable() {
        return Optional.of(loadPrintable());
    }

    private static synchronized CharacterSet loadPrintable() {
        if (printable == null) {
            printable = CharacterSet.resource(GuideChannel.class, PRINTABLE);
        }
        return printable;
    }

    @Override
    public Optional<ChannelRenderer> renderer() {
        return renderer(RenderCache.NONE);
    }

    /** A renderer that keeps laid-out parts in the cache, so the next process lays out only the parts that changed. */
    @Override
    public Optional<ChannelRenderer> renderer(RenderCache cache) {
        return Optional.of(new GuideRenderer(MarkdownEngine.standard(), cache));
    }
}
