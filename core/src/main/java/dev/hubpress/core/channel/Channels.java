package dev.hubpress.core.channel;

import dev.hubpress.core.port.RenderCache;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The channels a process knows: those on its classpath ({@link #discover()}), in publish order,
 * each one's renderer built at most once. ./hub has every channel; each Lambda function has the
 * one it publishes (and the ingest function every declaration, to gate {@code hub.yaml}).
 */
public final class Channels {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]{0,30}");

    private final List<Channel> ordered;
    private final RenderCache cache;
    private final Map<String, ChannelRenderer> renderers = new HashMap<>();

    private Channels(List<Channel> channels) {
        this.ordered = publishOrder(channels);
        this.cache = RenderCache.NONE;
        checkOwnership(ordered);
    }

    private Channels(List<Channel> ordered, RenderCache cache) {
        this.ordered = ordered;
        this.cache = cache;
    }

    /**
     * The same channels, whose renderers keep what they compute from pages in this cache for the
     * next process (renderers are built anew, on first use).
     */
    public Channels caching(RenderCache cache) {
        return new Channels(ordered, cache);
    }

    /** The channels registered on this class loader's classpath ({@code META-INF/services}). */
    public static Channels discover() {
        List<Channel> found = new ArrayList<>();
        ServiceLoader.load(Channel.class, Channels.class.getClassLoader()).forEach(found::add);
        return new Channels(found);
    }

    /** Exactly these channels (tests, or a process that chooses). */
    public static Channels of(Collection<? extends Channel> channels) {
        return new Channels(List.copyOf(channels));
    }

    /** Every channel, in publish order: a channel after the channels it reads, otherwise by id. */
    public List<Channel> all() {
        return ordered;
    }

    public Optional<Channel> get(String id) {
        return ordered.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The ids of every channel, in publish order. */
    public List<String> ids() {
        return ordered.stream().map(Channel::id).toList();
    }

    /** The channels that publish site objects, in publish order. */
    public List<Channel> publishing() {
        return ordered.stream().filter(c -> renderer(c.id()).isPresent()).toList();
    }

    /** The renderer of a channel, built on first use and kept for the process. */
    public synchronized Optional<ChannelRenderer> renderer(String id) {
        if (!renderers.containsKey(id)) {
            Channel channel = get(id).orElseThrow(() -> new IllegalArgumentException("no channel '" + id + "' here; known: " + ids()));
            renderers.put(id, channel.renderer(cache).orElse(null));
        }
        return Optional.ofNullable(renderers.get(id));
    }

    /**
     * The channels to publish again when these ones publish again: the given ones and every
     * channel that reads one of them, directly or through another, in publish order.
     */
    public List<String> withReaders(Collection<String> ids) {
        Set<String> selected = new LinkedHashSet<>(ids);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Channel c : ordered) {
                if (!selected.contains(c.id()) && c.reads().stream().anyMatch(selected::contains)) {
                    selected.add(c.id());
                    grew = true;
                }
            }
        }
        return ids().stream().filter(selected::contains).toList();
    }

    /** Kahn's algorithm over "reads", ties by id: deterministic whatever order the classpath lists them in. */
    private static List<Channel> publishOrder(List<Channel> channels) {
        Map<String, Channel> byId = new TreeMap<>();
        for (Channel c : channels) {
            if (!ID.matcher(c.id()).matches()) {
                throw new IllegalStateException("channel id '" + c.id() + "' of " + c.getClass().getName()
                        + " must be lower case letters and digits");
            }
            if (byId.put(c.id(), c) != null) {
                throw new IllegalStateException("two channels have the id '" + c.id() + "'");
            }
            for (Setting<?> s : c.settings()) {
                if (!s.channel().equals(c.id())) {
                    throw new IllegalStateException("channel " + c.id() + " declares the setting " + s.key() + " of channel " + s.channel());
                }
            }
        }
        List<Channel> order = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (order.size() < byId.size()) {
            Channel next = byId.values().stream()
                    .filter(c -> !placed.contains(c.id()))
                    .filter(c -> c.reads().stream().noneMatch(r -> byId.containsKey(r) && !placed.contains(r)))
                    .min(Comparator.comparing(Channel::id))
                    .orElseThrow(() -> new IllegalStateException("channels read each other in a cycle: "
                            + byId.keySet().stream().filter(id -> !placed.contains(id)).toList()));
            order.add(next);
            placed.add(next.id());
        }
        return List.copyOf(order);
    }

    /** No path is owned twice: two channels writing one object would overwrite each other. */
    private static void checkOwnership(List<Channel> channels) {
        Map<String, String> owners = new LinkedHashMap<>();
        for (Channel c : channels) {
            for (String path : c.owns()) {
                for (Map.Entry<String, String> other : owners.entrySet()) {
                    if (overlap(path, other.getKey())) {
                        throw new IllegalStateException("channels " + other.getValue() + " and " + c.id()
                                + " both own " + (path.length() >= other.getKey().length() ? path : other.getKey()));
                    }
                }
                owners.put(path, c.id());
            }
        }
    }

    private static boolean overlap(String a, String b) {
        return a.equals(b) || (a.endsWith("/") && b.startsWith(a)) || (b.endsWith("/") && a.startsWith(b));
    }

    /** Whether a site path is one of these channels' own: a page may not publish there. */
    public Optional<String> ownerOf(String sitePath) {
        for (Channel c : ordered) {
            for (String owned : c.owns()) {
                if (owned.equals(sitePath) || (owned.endsWith("/") && sitePath.startsWith(owned))) {
                    return Optional.of(c.id());
                }
            }
        }
        return Optional.empty();
    }
}
