package dev.hubpress.core.revision;

/**
 * What one channel did with a revision, so an operator can see and replay it and a channel
 * failing never blocks another.
 *
 * @param outputs content address of the list of objects the channel published (for the next
 *                publish to skip unchanged ones and remove stale ones); empty when FAILED
 */
public record ChannelStatus(State state, int objects, long bytes, long millis, String outputs, String error) {

    public enum State {
        DONE,
        FAILED
    }

    public static ChannelStatus done(int objects, long bytes, long millis, String outputs) {
        return new ChannelStatus(State.DONE, objects, bytes, millis, outputs, "");
    }

    public static ChannelStatus failed(long millis, String error) {
        return new ChannelStatus(State.FAILED, 0, 0, millis, "", error);
    }
}
