package dev.hubpress.local;

import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.work.FileBytes;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * What the site folder's store knows of its files: for each key, the file's size, modification
 * time and identity (its inode) when the store wrote it or last found it holding an object's bytes,
 * and those bytes' SHA-256. A file that shows the same three still holds those bytes, so the store
 * does not read it to compare (a 10,000-page edit compared 220 MB of unchanged files); a file
 * changed since, in place or replaced (an editor, a hand, another program), shows another time or
 * identity and is compared, and rewritten, as before. Size, time and identity are what rsync, make
 * and git trust too. Like git, the record trusts only files older than itself: a file whose time
 * is not before the record's own was written in the same tick of the filesystem's clock as the
 * record (a few milliseconds), when a change in place keeping its size would show the same time,
 * so it is compared once more ("racily clean", in git's words).
 *
 * <p>Kept in one file outside the site folder, written whole and atomically when the store
 * settles, read once on first use. A file that does not read back whole (damaged, cut short,
 * another format) is ignored: every file is then compared once more, as if none were kept.
 */
final class FileStamps {

    private static final int MAGIC = 0x48505331; // "HPS1"

    /** A file as last seen holding bytes with this SHA-256. */
    private record Stamp(long size, long modifiedNanos, String identity, String sha256) {
    }

    private final Path file;
    private final Map<String, Stamp> stamps = new ConcurrentHashMap<>();
    private volatile boolean loaded;
    private volatile boolean changed;
    /** The record's own modification time, as last read or written: only files older than it are trusted. */
    private volatile long recordedNanos = Long.MIN_VALUE;

    FileStamps(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    /** Whether the file, as these attributes show it, is the one last seen holding bytes with this SHA-256. */
    boolean holds(String key, BasicFileAttributes seen, String sha256) {
        load();
        Stamp stamp = stamps.get(key);
        return stamp != null && stamp.equals(stamp(seen, sha256)) && stamp.modifiedNanos() < recordedNanos;
    }

    /** Notes that the file, as these attributes show it, holds bytes with this SHA-256. */
    void seen(String key, BasicFileAttributes seen, String sha256) {
        load();
        Stamp now = stamp(seen, sha256);
        if (!now.equals(stamps.put(key, now))) {
            changed = true;
        }
    }

    /** What the record says of one file: the size and SHA-256 of the bytes it last held. */
    record Recorded(String key, long size, String sha256) {
    }

    /** Every file recorded, in key order. */
    List<Recorded> recorded() {
        load();
        return new TreeMap<>(stamps).entrySet().stream()
                .map(e -> new Recorded(e.getKey(), e.getValue().size(), e.getValue().sha256())).toList();
    }

    /** Forgets the key's file (deleted). */
    void forget(String key) {
        load();
        if (stamps.remove(key) != null) {
            changed = true;
        }
    }

    /** Writes what changed since the last save (or load) to the file. */
    synchronized void save() {
        if (!changed) {
            return;
        }
        changed = false;
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + stamps.size() * 128);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            Map<String, Stamp> sorted = new TreeMap<>(stamps);
            out.writeInt(sorted.size());
            for (Map.Entry<String, Stamp> entry : sorted.entrySet()) {
                Stamp stamp = entry.getValue();
                out.writeUTF(entry.getKey());
                out.writeLong(stamp.size());
                out.writeLong(stamp.modifiedNanos());
                out.writeUTF(stamp.identity());
                out.writeUTF(stamp.sha256());
            }
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            AtomicFiles.write(file, bytes.toByteArray());
            recordedNanos = modifiedNanos();
        } catch (IOException | UncheckedIOException e) {
            // Not saved: the next process compares the files, as without a record.
            changed = true;
        }
    }

    private static Stamp stamp(BasicFileAttributes seen, String sha256) {
        Object identity = seen.fileKey();
        return new Stamp(seen.size(), seen.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                identity == null ? "" : identity.toString(), sha256);
    }

    private void load() {
        if (loaded) {
            return;
        }
        synchronized (this) {
            if (loaded) {
                return;
            }
            try {
                recordedNanos = modifiedNanos();
                read(FileBytes.read(file));
            } catch (NoSuchFileException e) {
                // none kept yet
            } catch (IOException | RuntimeException e) {
                stamps.clear(); // not trusted: every file is compared
            }
            loaded = true;
        }
    }

    private long modifiedNanos() throws IOException {
        return Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS);
    }

    private void read(byte[] bytes) throws IOException {
        if (bytes.length < 16) {
            throw new IOException("too short");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        in.skipNBytes(bytes.length - 8);
        if (in.readLong() != crc.getValue()) {
            throw new IOException("damaged");
        }
        in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 8));
        if (in.readInt() != MAGIC) {
            throw new IOException("another format");
        }
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            String key = in.readUTF();
            Stamp stamp = new Stamp(in.readLong(), in.readLong(), in.readUTF(), in.readUTF());
            if (!Hashing.isSha256Hex(stamp.sha256())) {
                throw new IOException("not a SHA-256");
            }
            stamps.put(key, stamp);
        }
        if (in.available() != 0) {
            throw new IOException("bytes after the last stamp");
        }
    }
}
