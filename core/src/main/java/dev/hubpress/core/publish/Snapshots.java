package dev.hubpress.core.publish;

import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.port.BlobStore;

import dev.hubpress.core.work.Requests;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Content-addressed snapshots of content trees and of channel output listings, kept in a
 * {@link BlobStore}. A manifest lists "hash TAB url-encoded-path" per line, in path order.
 *
 * <p>Requests follow the change: a blob known to be stored (one of the parent's manifest, or one
 * this instance has read or written) is not put again, and a blob this instance has read or
 * written recently is not read again. Blobs never change under their hash, so remembering them
 * needs no invalidation; what is remembered is bounded by bytes (least recently used first out),
 * so a warm function container reads only the blobs of what changed since its last revision. The
 * requests that remain run a few at a time ({@link Requests}).
 *
 * <p>A cold reader (a new Lambda container) remembers nothing; for it a snapshot made with packs
 * ({@link #packed}) also stores one <em>pack</em>: every blob of the tree in one object, named in the
 * manifest under {@link #PACK_ENTRY}, which no content path can be. Loading a manifest whose blobs
 * are mostly unknown reads the pack (one request) instead of each blob; a pack's blobs are checked
 * against their hashes like any other read, and a pack that is missing or damaged only means the
 * blobs are read one by one.
 */
public final class Snapshots {

    /** What a snapshot remembers by default: a 10,000-page hub's Markdown (46 MB) and its listings fit. */
    public static final long DEFAULT_MEMORY_BYTES = 64L << 20;
    /** The manifest entry naming the snapshot's pack: content paths are relative, never starting with '/'. */
    public static final String PACK_ENTRY = "/pack";
    /** Unknown blobs above which loading reads the pack instead of each blob. */
    static final int PACK_THRESHOLD = 8;

    private final BlobStore blobs;
    private final long memoryBytes;
    private final boolean packs;
    /** Blobs read or written, by hash, least recently used first; each one known to be stored. */
    private final LinkedHashMap<String, byte[]> remembered = new LinkedHashMap<>(256, 0.75f, true);
    private long rememberedBytes;

    public Snapshots(BlobStore blobs) {
        this(blobs, DEFAULT_MEMORY_BYTES);
    }

    /** @param memoryBytes how many bytes of blobs to remember between calls (0: none) */
    public Snapshots(BlobStore blobs, long memoryBytes) {
        this(blobs, memoryBytes, false);
    }

    private Snapshots(BlobStore blobs, long memoryBytes, boolean packs) {
        this.blobs = blobs;
        this.memoryBytes = memoryBytes;
        this.packs = packs;
    }

    /**
     * Snapshots whose manifests also name a pack of their blobs: for stores that every request costs
     * (S3), so that a reader that remembers nothing loads a tree in two requests, not one per file.
     */
    public static Snapshots packed(BlobStore blobs) {
        return new Snapshots(blobs, DEFAULT_MEMORY_BYTES, true);
    }

    /** Stores every blob of the tree and its manifest; returns the manifest's hash. */
    public String store(ContentTree tree) {
        return store(tree, Set.of());
    }

    /**
     * Stores the blobs of the tree that are not known to be stored, and its manifest; returns the
     * manifest's hash.
     *
     * @param stored hashes known to be in the store already (the parent revision's manifest): not put again
     */
    public String store(ContentTree tree, Collection<String> stored) {
        Set<String> known = new HashSet<>(stored);
        Map<String, byte[]> missing = new LinkedHashMap<>();
        for (ContentFile file : tree.files()) {
            String hash = file.blobHash();
            if (!known.contains(hash) && !missing.containsKey(hash) && recall(hash) == null) {
                missing.put(hash, file.bytes());
            }
        }
        Requests.forEach(List.copyOf(missing.keySet()), hash -> put(hash, missing.get(hash)));
        if (!packs) {
            return storeListing(tree.manifest());
        }
        byte[] pack = pack(tree);
        String packHash = Hashing.sha256Hex(pack);
        blobs.put(packHash, pack); // not remembered: its blobs are, one by one
        Map<String, String> manifest = new LinkedHashMap<>(tree.manifest());
        manifest.put(PACK_ENTRY, packHash);
        return storeListing(manifest);
    }

    /** A manifest's content files (path to blob hash), without its pack. */
    public Map<String, String> files(String manifestHash) {
        Map<String, String> files = listing(manifestHash);
        files.remove(PACK_ENTRY);
        return files;
    }

    /** Rebuilds the tree of a stored manifest. */
    public ContentTree load(String manifestHash) {
        Map<String, String> files = listing(manifestHash);
        String pack = files.remove(PACK_ENTRY);
        if (pack != null && files.values().stream().distinct().filter(h -> recall(h) == null).limit(PACK_THRESHOLD + 1).count() > PACK_THRESHOLD) {
            unpack(pack);
        }
        return load(files, manifestHash);
    }

    /** Rebuilds the files of a manifest's listing whose paths are given (a part of its tree). */
    public ContentTree load(Map<String, String> listing, Set<String> paths) {
        Map<String, String> some = new LinkedHashMap<>(listing);
        some.keySet().retainAll(paths);
        return load(some, "(part of a manifest)");
    }

    private ContentTree load(Map<String, String> listing, String manifestHash) {
        List<Map.Entry<String, String>> entries = List.copyOf(listing.entrySet());
        List<byte[]> contents = Requests.map(entries, entry -> read(entry.getValue())
                .orElseThrow(() -> new IllegalStateException("snapshot blob missing: " + entry.getValue()
                        + " (" + entry.getKey() + ") of manifest " + manifestHash)));
        List<ContentFile> files = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            files.add(new ContentFile(entries.get(i).getKey(), contents.get(i)));
        }
        return new ContentTree(files);
    }

    /** Stores a key to hash listing (a manifest, or a channel's published objects); returns its hash. */
    public String storeListing(Map<String, String> listing) {
        StringBuilder text = new StringBuilder();
        listing.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                text.append(e.getValue()).append('\t').append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('\n'));
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        String hash = Hashing.sha256Hex(bytes);
        if (recall(hash) == null) {
            put(hash, bytes);
        }
        return hash;
    }

    /** A stored listing (key to hash, in key order); empty for an empty hash. */
    public Map<String, String> listing(String hash) {
        Map<String, String> listing = new LinkedHashMap<>();
        if (hash == null || hash.isEmpty()) {
            return listing;
        }
        byte[] bytes = read(hash).orElseThrow(() -> new IllegalStateException("listing missing: " + hash));
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                listing.put(URLDecoder.decode(line.substring(tab + 1), StandardCharsets.UTF_8), line.substring(0, tab));
            }
        }
        return listing;
    }

    /** Every distinct blob of the tree, by hash: "hash length\n" and the bytes, each. */
    private static byte[] pack(ContentTree tree) {
        Map<String, byte[]> distinct = new java.util.TreeMap<>();
        tree.files().forEach(f -> distinct.putIfAbsent(f.blobHash(), f.bytes()));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        distinct.forEach((hash, bytes) -> {
            out.writeBytes((hash + " " + bytes.length + "\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(bytes);
        });
        return out.toByteArray();
    }

    /** Remembers the pack's blobs that are what their hash says; a missing or damaged pack remembers nothing wrong. */
    private void unpack(String packHash) {
        Optional<byte[]> read;
        try {
            read = blobs.get(packHash);
        } catch (RuntimeException e) {
            return; // the blobs are read one by one instead
        }
        byte[] pack = read.orElse(new byte[0]);
        int at = 0;
        while (at < pack.length) {
            int newline = at;
            while (newline < pack.length && pack[newline] != '\n' && newline - at < 90) {
                newline++;
            }
            String[] head = newline < pack.length ? new String(pack, at, newline - at, StandardCharsets.US_ASCII).split(" ") : new String[0];
            if (head.length != 2 || !head[1].matches("[0-9]{1,9}") || newline + 1 + Integer.parseInt(head[1]) > pack.length) {
                return;
            }
            int length = Integer.parseInt(head[1]);
            byte[] bytes = java.util.Arrays.copyOfRange(pack, newline + 1, newline + 1 + length);
            if (head[0].equals(Hashing.sha256Hex(bytes))) {
                remember(head[0], bytes);
            }
            at = newline + 1 + length;
        }
    }

    private void put(String hash, byte[] bytes) {
        blobs.put(hash, bytes);
        remember(hash, bytes);
    }

    /** The blob as remembered, else as read from the store (and then remembered). */
    private Optional<byte[]> read(String hash) {
        byte[] known = recall(hash);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<byte[]> read = blobs.get(hash);
        read.ifPresent(bytes -> remember(hash, bytes));
        return read;
    }

    private synchronized byte[] recall(String hash) {
        return remembered.get(hash);
    }

    private synchronized void remember(String hash, byte[] bytes) {
        if (bytes.length > memoryBytes || remembered.containsKey(hash)) {
            return;
        }
        remembered.put(hash, bytes);
        rememberedBytes += bytes.length;
        Iterator<Map.Entry<String, byte[]>> eldest = remembered.entrySet().iterator();
        while (rememberedBytes > memoryBytes && eldest.hasNext()) {
            rememberedBytes -= eldest.next().getValue().length;
            eldest.remove();
        }
    }
}
