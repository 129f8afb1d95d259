package dev.hubpress.core.cache;

import dev.hubpress.core.port.RenderCache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

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
 * <p>An object that holds a value for every page of a hub ({@link #amended}) grows with the hub,
 * and an edit changes a few of its values: writing it whole again made each edit write the whole
 * hub's worth (33 MB at 1,000 pages, on AWS a PUT each). Once such an object is large ({@link
 * #AMEND_FROM}), a round writes only its <em>changes</em> beside it, in a second object named
 * {@code <name>.changes}: the values added since the object was written and the keys dropped, with
 * the checksum of the object they amend. The object is written whole again when its changes would
 * pass a quarter of it. A fresh process reads both; changes that amend another object (or are
 * damaged) are ignored, which loses nothing but time, since every value is a pure function of its key.
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
    private static final int CHANGES_MAGIC = 0x48504431; // "HPD1"
    private static final int CHECKSUM_LENGTH = 4;

    /**
     * The size from which an {@link #amended} object takes its changes in a second object: below it,
     * writing it whole costs little, and its changes would cost a fresh process a read more.
     */
    static final int AMEND_FROM = 1 << 20;

    private final RenderCache store;
    private final String name;
    private final Optional<String> version;
    private final Codec<V> codec;
    /** The name of the object's changes, for an object written whole only now and then; else empty. */
    private final Optional<String> changesName;
    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong computed = new AtomicLong();
    private final AtomicLong reused = new AtomicLong();
    private volatile boolean loaded;
    private volatile int round = 1;
    private volatile boolean computedThisRound;
    private int saves;
    /** The object as the store holds it, which changes are written against; null when it holds none this code wrote. */
    private Whole whole;

    /** An object as written whole: the keys it holds, its checksum and its length. */
    private record Whole(Set<String> keys, int checksum, int length) {
    }

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
        this(store, name, version, codec, false);
    }

    private CachedEntries(RenderCache store, String name, Optional<String> version, Codec<V> codec, boolean amended) {
        this.store = store;
        this.name = RenderCache.requireName(name);
        this.version = version;
        this.codec = codec;
        this.changesName = amended ? Optional.of(RenderCache.requireName(name + ".changes")) : Optional.empty();
    }

    /**
     * Values for every page of a hub, in an object that grows with the hub: once it is large, a
     * round that changed a few of them writes those changes beside it, not the whole object again
     * (see the class's description). The name leaves room for {@code ".changes"} (at most 56 characters).
     */
    public static <V> CachedEntries<V> amended(RenderCache store, String name, Optional<String> version, Codec<V> codec) {
        return new CachedEntries<>(store, name, version, codec, true);
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

    /**
     * Keeps the value under the key, when one is held, as if this round had used it, without
     * asking for it: for a value this round may not need but a later one will (a feed entry's page
     * body, needed only when a feed that carries the entry is written). Returns whether one is held.
     */
    public boolean keep(String key) {
        load();
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return false;
        }
        entry.used = round;
        return true;
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

    /**
     * Reads the stored object now, once (it is read when first needed otherwise): for a caller that
     * knows it will need it, to overlap the store's round trip with other work.
     */
    public void load() {
        if (loaded) {
            return;
        }
        synchronized (this) {
            if (loaded) {
                return;
            }
            if (version.isPresent()) {
                Optional<byte[]> bytes = read(name);
                Optional<Map<String, V>> values = bytes.flatMap(b -> decode(b, MAGIC, in -> true));
                if (values.isPresent()) {
                    byte[] object = bytes.get();
                    whole = new Whole(Set.copyOf(values.get().keySet()), trailer(object), object.length);
                    values.get().forEach((k, v) -> entries.putIfAbsent(k, new Entry<>(v, 0)));
                    if (changesName.isPresent() && object.length >= AMEND_FROM) {
                        List<String> dropped = new ArrayList<>();
                        read(changesName.get())
                                .flatMap(b -> decode(b, CHANGES_MAGIC, in -> amends(in, whole) && readKeys(in, dropped)))
                                .ifPresent(added -> {
                                    dropped.forEach(entries::remove);
                                    added.forEach((k, v) -> entries.putIfAbsent(k, new Entry<>(v, 0)));
                                });
                    }
                }
            }
            loaded = true;
        }
    }

    private Optional<byte[]> read(String object) {
        try {
            return store.get(object);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void save(int fromRound) {
        Map<String, V> kept = new TreeMap<>();
        entries.forEach((k, e) -> {
            if (e.used >= fromRound) {
                kept.put(k, e.value);
            }
        });
        try {
            if (changesName.isPresent() && whole != null && whole.length() >= AMEND_FROM) {
                Whole amended = whole;
                List<String> dropped = amended.keys().stream().filter(k -> !kept.containsKey(k)).sorted().toList();
                Map<String, V> added = new TreeMap<>(kept);
                added.keySet().removeAll(amended.keys());
                byte[] changes = encode(CHANGES_MAGIC, added, out -> {
                    out.writeInt(amended.checksum());
                    out.writeInt(amended.length());
                    out.writeInt(dropped.size());
                    for (String key : dropped) {
                        writeText(out, key);
                    }
                }, 0);
                if (changes.length <= amended.length() / 4) {
                    store.put(changesName.get(), changes);
                    saves++;
                    return;
                }
            }
            byte[] bytes = encode(MAGIC, kept, out -> { }, whole == null ? 0 : whole.length());
            store.put(name, bytes);
            saves++;
            whole = new Whole(Set.copyOf(kept.keySet()), trailer(bytes), bytes.length);
        } catch (IOException | RuntimeException e) {
            // lost: the next process computes these values again
        }
    }

    /** What an object holds besides its values, written after its header. */
    private interface Preamble {
        void write(DataOutputStream out) throws IOException;
    }

    /** An object: magic, name, version, the preamble, the values, then a CRC-32 of all of that. */
    private byte[] encode(int magic, Map<String, V> values, Preamble preamble, int sizeHint) throws IOException {
        // Sized as the last object, with room: a buffer that doubles its way to 19 MB copies 38.
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(Math.max(256, sizeHint + sizeHint / 8));
        CheckedOutputStream checked = new CheckedOutputStream(buffer, new CRC32());
        DataOutputStream out = new DataOutputStream(checked);
        out.writeInt(magic);
        writeText(out, name);
        writeText(out, version.orElseThrow());
        preamble.write(out);
        out.writeInt(values.size());
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        for (Map.Entry<String, V> e : values.entrySet()) {
            one.reset();
            codec.write(new DataOutputStream(one), e.getValue());
            writeText(out, e.getKey());
            out.writeInt(one.size());
            one.writeTo(out);
        }
        out.flush();
        new DataOutputStream(buffer).writeInt((int) checked.getChecksum().getValue());
        return buffer.toByteArray();
    }

    /** What an object says between its header and its values, read and checked; false when it does not hold. */
    private interface PreambleCheck {
        boolean read(DataInputStream in) throws IOException;
    }

    /** Whether a changes object's preamble names this object as the one it amends. */
    private static boolean amends(DataInputStream in, Whole whole) throws IOException {
        int checksum = in.readInt();
        int length = in.readInt();
        return checksum == whole.checksum() && length == whole.length();
    }

    /** Reads a count, then that many keys, into the list. */
    private static boolean readKeys(DataInputStream in, List<String> keys) throws IOException {
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            keys.add(readText(in));
        }
        return true;
    }

    /** The checksum an object ends with. */
    private static int trailer(byte[] bytes) {
        return ByteBuffer.wrap(bytes, bytes.length - CHECKSUM_LENGTH, CHECKSUM_LENGTH).getInt();
    }

    /**
     * The values of a stored object, or empty when it is not exactly what this code would write
     * under this name with this magic, or its preamble does not check out.
     */
    private Optional<Map<String, V>> decode(byte[] bytes, int magic, PreambleCheck preamble) {
        try {
            int body = bytes.length - CHECKSUM_LENGTH;
            if (body < 4 || checksum(bytes, body) != trailer(bytes)) {
                return Optional.empty();
            }
            ArrayInput in = new ArrayInput(bytes, 0, body);
            if (in.readInt() != magic || !readText(in).equals(name) || !readText(in).equals(version.orElseThrow())
                    || !preamble.read(in)) {
                return Optional.empty();
            }
            int count = in.readInt();
            Map<String, V> values = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                String key = readText(in);
                ArrayInput valueIn = in.take(in.readInt());
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
        if (in instanceof ArrayInput array) {
            return array.text(in.readInt());
        }
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    /**
     * A stored object read where it lies: a value's bytes and a text's are read from the object's
     * own array, not copied out first. Each copy was garbage the moment it was read: a 1,000-page
     * edit reads 90 MB of objects and allocated 1.38 GB with the copies, 1.32 GB without them.
     */
    private static final class ArrayInput extends DataInputStream {
        private final Bytes bytes;

        ArrayInput(byte[] array, int offset, int length) {
            this(new Bytes(array, offset, length));
        }

        private ArrayInput(Bytes bytes) {
            super(bytes);
            this.bytes = bytes;
        }

        /** The next {@code length} bytes as an input of their own (over the same array), skipped here. */
        ArrayInput take(int length) throws IOException {
            int at = bytes.claim(length);
            return new ArrayInput(bytes.array(), at, length);
        }

        /** The next {@code length} bytes as UTF-8 text. */
        String text(int length) throws IOException {
            int at = bytes.claim(length);
            return new String(bytes.array(), at, length, StandardCharsets.UTF_8);
        }
    }

    /** A part of an array, read in order; what has been read is behind its position. */
    private static final class Bytes extends ByteArrayInputStream {
        Bytes(byte[] array, int offset, int length) {
            super(array, offset, length);
        }

        byte[] array() {
            return buf;
        }

        /** Moves past the next {@code length} bytes and gives where they start; a count beyond what is left is a damaged object. */
        synchronized int claim(int length) throws IOException {
            if (length < 0 || length > count - pos) {
                throw new IOException(length + " bytes announced where " + (count - pos) + " are left");
            }
            int at = pos;
            pos += length;
            return at;
        }
    }

    /** A byte count, then that many bytes; a count beyond what is left is a damaged object. */
    /** Writes bytes for a codec: their count, then the bytes ({@link #readBytes}). */
    public static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** Reads what {@link #writeBytes} wrote, refusing a count that the bytes left cannot hold. */
    public static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] bytes = new byte[readCount(in, 1)];
        in.readFully(bytes);
        return bytes;
    }

    /**
     * Reads a count for a codec, checked against what is left: each counted item takes at least
     * {@code bytesEach} bytes, so damaged bytes cannot make a reader allocate beyond the object.
     */
    public static int readCount(DataInputStream in, int bytesEach) throws IOException {
        int count = in.readInt();
        if (count < 0 || (long) count * bytesEach > in.available()) {
            throw new IOException("a count of " + count + " where " + in.available() + " bytes are left");
        }
        return count;
    }
}
