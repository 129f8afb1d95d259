package dev.hubpress.core.revision;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one channel did with a revision, so an operator can see and replay it and a channel
 * failing never blocks another.
 *
 * @param outputs content address of the list of objects the channel published (for the next
 *                publish to skip unchanged ones and remove stale ones); empty when FAILED
 * @param facts   what the channel reports about its output for other channels to show, e.g. the
 *                guide's file, size and page count ({@link dev.hubpress.core.channel.GuideInfo});
 *                empty for most channels and for statuses recorded before facts existed
 */
public record ChannelStatus(State state, int objects, long bytes, long millis, String outputs, String error,
                            Map<String, String> facts) {

    public ChannelStatus {
        facts = facts == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(facts));
    }

    public enum State {
        DONE,
        FAILED
    }

    public static ChannelStatus done(int objects, long bytes, long millis, String outputs) {
        return done(objects, bytes, millis, outputs, Map.of());
    }

    public static ChannelStatus done(int objects, long bytes, long millis, String outputs, Map<String, String> facts) {
        return new ChannelStatus(State.DONE, objects, bytes, millis, outputs, "", facts);
    }

    public static ChannelStatus failed(long millis, String error) {
        return new ChannelStatus(State.FAILED, 0, 0, millis, "", error, Map.of());
    }
}
