package dev.hubpress.core.cache;

import dev.hubpress.core.port.RenderCache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/**
 * Values a process computed from content, by a key that names everything they were computed from
 * (a content hash), kept in memory for the next round of work and in a {@link RenderCache} for the
 * next process. Every value is a pure function of its key and of the code: the same key always
 * gives the same value, so a kept value is exactly what computing it again would give.
 *
 * <p>Work comes in rounds (one read of a tree, one render of a channel): a round asks for values
 * ({@link #get}), computing those it does not have, and {@link #endRound ends}. Memory keeps the
 * values of the last two rounds (an ingest reads a tree, then its parent's changed pages; the next
 * read of a tree still finds both), and the values loaded from the store count as the round before
 * the first. When a round computed anything, the values this process used in its last two rounds
 * are written back to the store, as one object, so a fresh process reads them back with one read
 * (one request on S3, whatever the number of pages); values no round of this process used are not
 * written back, so what is kept follows the content and does not grow.
 *
 * <p>What the store gives back is never trusted: the object carries its name, the {@link
 * CodeVersion} of the code that wrote it and a CRC-32 of all of it. One that is damaged,
 * truncated, another object's or written by other code is ignored as a whole, and the values are
 * computed again. A store that fails is a store that has nothing; a write that fails is lost.
 * (The checksum is against damage, as in a zip file: whoever can write the store could write any
 * digest too. It was a SHA-256, which under the quick compiler, with no intrinsic for it, was a
 * fifth of a 1,000-page edit's CPU: every part of the guide is read back through here.)
 */
public final class CachedEntries<V> {

    /** How a value is written into, and read back from, the stored object. */
    public interface Codec<V> {
        void write(DataOutputStream out, V value) throws IOException;

        V read(DataInputStream in) throws IOException;
    }

    /** Text of any length (unlike {@link DataOutputStream#writeUTF}, limited to 64 KB). */
    public static final Codec<String> TEXT = new Codec<>() {
        @Override
        public void write(DataOutputStream out, String value) throws IOException {
            writeText(out, value);
        }

        @Override
        public String read(DataInputStream in) throws IOException {
            return readText(in);
        }
    };

    private static final int MAGIC = 0x48504332; // "HPC2"
    private static final int CHECKSUM_LENGTH = 4;

    private final RenderCache store;
    private final String name;
    private final Optional<String> version;
    private final Codec<V> codec;
    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong computed = new AtomicLong();
    private final AtomicLong reused = new AtomicLong();
    private volatile boolean loaded;
    private volatile int round = 1;
    private volatile boolean computedThisRound;
    private int saves;

    private static final class Entry<V> {
        final V value;
        /** The last round that used the value; 0 for a value loaded from the store and not used yet. */
        volatile int used;

        Entry(V value, int used) {
            this.value = value;
            this.used = used;
        }
    }

    /**
     * @param store   where the values are kept between processes ({@link RenderCache#NONE}: in memory only)
     * @param name    the stored object's name, one per kind of value
     * @param version the version of the code computing the values; empty: nothing is loaded or stored
     */
    public CachedEntries(RenderCache store, String name, Optional<String> version, Codec<V> codec) {
        this.store = store;
        this.name = RenderCache.requireName(name);
        this.version = version;
        this.codec = codec;
    }

    /** The value under the key: kept from an earlier round or process, else computed now (and kept). */
    public V get(String key, Supplier<V> compute) {
        load();
        int now = round;
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            entry = new Entry<>(compute.get(), now);
            Entry<V> raced = entries.putIfAbsent(key, entry);
            if (raced != null) {
                entry = raced;
            }
            computed.incrementAndGet();
            computedThisRound = true;
        } else {
            reused.incrementAndGet();
        }
        entry.used = now;
        return entry.value;
    }

    /**
     * The value under the key when one is kept from an earlier round or process (then used this
     * round, as {@link #get} uses it), else empty: for a value that is not computed on demand.
     */
    public Optional<V> find(String key) {
        load();
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        reused.incrementAndGet();
        entry.used = round;
        return Optional.of(entry.value);
    }

    /** Keeps a value computed elsewhere under the key, as {@link #get} keeps one it computed. */
    public void put(String key, V value) {
        load();
        entries.put(key, new Entry<>(value, round));
        computed.incrementAndGet();
        computedThisRound = true;
    }

    /**
     * Ends a round: writes the values of this process's last two rounds to the store if this round
     * computed any, and forgets, in memory, those the last two rounds did not use.
     */
    public synchronized void endRound() {
        int ended = round;
        if (computedThisRound && version.isPresent()) {
            save(Math.max(1, ended - 1));
        }
        entries.values().removeIf(e -> e.used < ended - 1);
        computedThisRound = false;
        round = ended + 1;
    }

    /** How many values were computed (not found in memory or in the store) so far. */
    public long computed() {
        return computed.get();
    }

    /** How many values were found in memory or in the store so far. */
    public long reused() {
        return reused.get();
    }

    /** How many times the values were written to the store so far. */
    public synchronized int saves() {
        return saves;
    }

    private void load() {
        if (loaded) {
            return;
        }
        synchronized (this) {
            if (loaded) {
                return;
            }
            if (version.isPresent()) {
                Optional<byte[]> bytes;
                try {
                    bytes = store.get(name);
                } catch (RuntimeException e) {
                    bytes = Optional.empty();
                }
                bytes.flatMap(this::decode).ifPresent(values -> values.forEach((k, v) -> entries.putIfAbsent(k, new Entry<>(v, 0))));
            }
            loaded = true;
        }
    }

    private void save(int fromRound) {
        Map<String, V> kept = new TreeMap<>();
        entries.forEach((k, e) -> {
            if (e.used >= fromRound) {
                kept.put(k, e.value);
            }
        });
        byte[] bytes;
        try {
            bytes = encode(kept);
        } catch (IOException | RuntimeException e) {
            return;
        }
        try {
            store.put(name, bytes);
            saves++;
        } catch (RuntimeException e) {
            // lost: the next process computes these values again
        }
    }

    private byte[] encode(Map<String, V> values) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        out.writeInt(MAGIC);
        writeText(out, name);
        writeText(out, version.orElseThrow());
        out.writeInt(values.size());
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        for (Map.Entry<String, V> e : values.entrySet()) {
            one.reset();
            codec.write(new DataOutputStream(one), e.getValue());
            writeText(out, e.getKey());
            out.writeInt(one.size());
            one.writeTo(out);
        }
        out.writeInt(checksum(buffer.toByteArray(), buffer.size()));
        out.flush();
        return buffer.toByteArray();
    }

    /** The values of a stored object, or empty when it is not exactly what this code would write under this name. */
    private Optional<Map<String, V>> decode(byte[] bytes) {
        try {
            int body = bytes.length - CHECKSUM_LENGTH;
            if (body < 4 || checksum(bytes, body) != ByteBuffer.wrap(bytes, body, CHECKSUM_LENGTH).getInt()) {
                return Optional.empty();
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, body));
            if (in.readInt() != MAGIC || !readText(in).equals(name) || !readText(in).equals(version.orElseThrow())) {
                return Optional.empty();
            }
            int count = in.readInt();
            Map<String, V> values = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                String key = readText(in);
                DataInputStream valueIn = new DataInputStream(new ByteArrayInputStream(readBytes(in)));
                values.put(key, codec.read(valueIn));
                if (valueIn.available() != 0) {
                    return Optional.empty();
                }
            }
            return in.available() == 0 ? Optional.of(values) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The CRC-32 of the first {@code length} bytes (zlib's, native whichever compiler runs). */
    private static int checksum(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    /** Writes text of any length: its UTF-8 byte count, then the bytes. */
    public static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** Reads what {@link #writeText} wrote. */
    public static String readText(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    /** A byte count, then that many bytes; a count beyond what is left is a damaged object. */
    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException(length + " bytes announced where " + in.available() + " are left");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }
}
